// playground/src/server.cpp
#include "server.h"

#include <algorithm>
#include <filesystem>

#include "http_errors.h"
#include "minitorch/errors.h"
#if MINITORCH_PLAYGROUND_MODULE >= 3
#include "minitorch/cuda_backend.h"
#endif

namespace playground {

constexpr std::size_t kMaxBody = 64 * 1024;  // bytes: every request of the pages is far smaller
constexpr std::size_t kThreads = 32;         // event streams hold a thread each while they stream

void App::require_tasks(std::initializer_list<const char*> tasks) const {
  for (const char* task : tasks) {
    if (options.pretend_missing.count(task) != 0) {
      throw minitorch::NotImplemented(task, std::source_location::current());
    }
  }
}

namespace {

// GET /api/info: what the page shows: modules, datasets, backends, limits.
nlohmann::json info_json(const App& app) {
  nlohmann::json backends = {"simple"};
#if MINITORCH_PLAYGROUND_MODULE >= 3
  backends.push_back("fast");
  if (minitorch::cuda_gpu_unavailable_reason().empty()) backends.push_back("cuda");
#endif
  return {{"module", app.options.module},
          {"built_module", kBuiltModule},
          {"datasets", {"Simple", "Diag", "Split", "Xor", "Circle", "Spiral"}},
          {"backends", backends},
          {"limits",
           {{"scalar", {{"points", 200}, {"hidden", 25}, {"epochs", 2000}}},
            {"tensor", {{"points", 500}, {"hidden", 50}, {"epochs", 5000}}},
            {"fast", {{"points", 1000}, {"hidden", 200}, {"epochs", 5000}}},
            {"mnist", {{"train", 5000}, {"epochs", 20}}},
            {"words", {{"train", 2000}, {"epochs", 20}}}}},
          {"pretend_missing", app.options.pretend_missing}};
}

}  // namespace

void add_info_routes(httplib::Server& server, App& app) {
  server.Get("/api/info",
             guarded([&app](const httplib::Request&, httplib::Response& res) { send_json(res, info_json(app)); }));
}

bool serve(App& app, const std::function<void(const std::string&)>& on_listening, std::string& error) {
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  server.set_payload_max_length(kMaxBody);
  server.set_keep_alive_max_count(100);
  if (!server.set_mount_point("/", app.options.web_dir)) {
    error = "the page's files are not in " + app.options.web_dir + " (--web-dir)";
    return false;
  }
  add_info_routes(server, app);
  add_math_routes(server, app);
  add_module_routes(server, app);
  add_training_routes(server, app);
#if MINITORCH_PLAYGROUND_MODULE >= 1
  add_autodiff_routes(server, app);
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
  add_tensor_routes(server, app);
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 4
  add_module4_routes(server, app);
#endif
  // Unknown /api paths answer JSON too; a request too big answers 413 with a message.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = "HTTP " + std::to_string(res.status);
    if (res.status == 404) message = "no such page or endpoint: " + req.path;
    if (res.status == 413) message = "the request is too big (at most " + std::to_string(kMaxBody / 1024) + " KiB)";
    send_json(res, {{"error", message}}, res.status);
  });

  int port = app.options.port;
  if (port == 0) {
    port = server.bind_to_any_port(app.options.host);
  } else if (!server.bind_to_port(app.options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    error = "cannot listen on " + app.options.host + ":" + std::to_string(app.options.port) +
            " (in use? try --port 0 for any free port)";
    return false;
  }
  const bool ipv6 = app.options.host.find(':') != std::string::npos;
  on_listening("http://" + (ipv6 ? "[" + app.options.host + "]" : app.options.host) + ":" + std::to_string(port) + "/");
  server.listen_after_bind();
  return true;
}

}  // namespace playground
