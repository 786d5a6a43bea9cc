// playground/src/server.cpp
#include "server.h"

#include <algorithm>
#include <filesystem>

#include "http_errors.h"
#include "minitorch/errors.h"
#include "registry.h"
#include "surface.h"

namespace playground {

constexpr std::size_t kMaxBody = 64 * 1024;  // bytes: every request of the pages is far smaller
constexpr std::size_t kThreads = 32;         // event streams hold a thread each while they stream

namespace {

template <typename Tasks>
void throw_if_pretended_missing(const AppOptions& options, const Tasks& tasks) {
  for (const char* task : tasks) {
    if (options.pretend_missing.count(task) != 0) {
      throw minitorch::NotImplemented(task, std::source_location::current());
    }
  }
}

}  // namespace

void App::require_tasks(std::initializer_list<const char*> tasks) const { throw_if_pretended_missing(options, tasks); }

void App::require_tasks(const std::vector<const char*>& tasks) const { throw_if_pretended_missing(options, tasks); }

namespace {

// GET /api/info: what the page shows: modules, datasets, backends, the
// limits of each model kind (every list read from the registries).
nlohmann::json info_json(const App& app) {
  nlohmann::json backends = nlohmann::json::array();
  for (const BackendChoice* choice : Registry<BackendChoice>::up_to(built_module())) {
    if (choice->unavailable_reason().empty()) backends.push_back(choice->name);
  }
  nlohmann::json limits = nlohmann::json::object();
  for (const ModelKind* kind : Registry<ModelKind>::up_to(built_module())) limits[kind->name] = kind->limits;
  return {{"module", app.options.module},
          {"built_module", built_module()},
          {"datasets", dataset_choices()},
          {"backends", backends},
          {"limits", limits},
          {"pretend_missing", app.options.pretend_missing}};
}

void add_info_routes(httplib::Server& server, App& app) {
  server.Get("/api/info",
             guarded([&app](const httplib::Request&, httplib::Response& res) { send_json(res, info_json(app)); }));
}

const Registry<Routes>::Add kInfoRoutes{{0, "info", add_info_routes}};

}  // namespace

bool serve(App& app, const std::function<void(const std::string&)>& on_listening, std::string& error) {
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  server.set_payload_max_length(kMaxBody);
  server.set_keep_alive_max_count(100);
  if (!server.set_mount_point("/", app.options.web_dir)) {
    error = "the page's files are not in " + app.options.web_dir + " (--web-dir)";
    return false;
  }
  for (const Routes* routes : Registry<Routes>::up_to(built_module())) routes->add(server, app);
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
