// playground/src/training_routes.cpp
//
// The training pages: a dataset preview, and training sessions that run the
// library's own training functions through the harness. The model kinds are
// registered by the files that train them (registry.h: ModelKind):
// train_scalar.cpp, train_tensor.cpp, train_fast.cpp (the Modules 1-3 page)
// and module4_routes.cpp (mnist, words).
//
//   POST /api/dataset             {dataset, points, seed}                 -> {dataset}
//   POST /api/train               {model, dataset, points, hidden, rate, epochs, seed, backend (fast)}
//                                 (model "mnist" and "words": module4_routes.cpp)
//                                 -> {id, setup, surface (of the untrained model; not mnist, words)}
//                                    (429 when too many run, 501 for a missing task)
//   GET  /api/train/ID/events     server-sent events: one JSON change set per frame (<= 10 a second)
//   GET  /api/train/ID            the state so far (one JSON)
//   POST /api/train/ID/stop       asks the session to stop after its current epoch
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "json_fields.h"
#include "point_training.h"
#include "registry.h"
#include "surface.h"

namespace playground {
namespace {

void post_dataset(const httplib::Request& req, httplib::Response& res) {
  const nlohmann::json body = parse_body(req);
  int max_points = 1;
  for (const ModelKind* kind : Registry<ModelKind>::up_to(built_module())) {
    if (kind->on_points) max_points = std::max(max_points, kind->limits["points"].get<int>());
  }
  send_json(res, {{"dataset", dataset_json(read_dataset(body, max_points))}});
}

// The model a request trains when it names none: the most advanced of the
// Modules 1-3 page's kinds.
std::string default_model(const std::vector<const ModelKind*>& kinds) {
  std::string name = kinds.back()->name;
  for (const ModelKind* kind : kinds) {
    if (kind->on_points) name = kind->name;
  }
  return name;
}

void post_train(App& app, const httplib::Request& req, httplib::Response& res) {
  const nlohmann::json body = parse_body(req);
  const std::vector<const ModelKind*> kinds = Registry<ModelKind>::up_to(app.options.module);
  if (kinds.empty()) throw bad_request("training pages start at Module 1 (this server shows Module 0 only)");
  const std::string model =
      choice_field(body, "model", Registry<ModelKind>::names(app.options.module), default_model(kinds));
  const ModelKind& kind = *Registry<ModelKind>::find(model, app.options.module);
  const TrainPlan plan = kind.plan(body);  // 400 for a field out of the kind's limits
  app.require_tasks(kind.tasks);
  nlohmann::json answer = {{"setup", plan.setup}};
  if (plan.initial_surface) answer["surface"] = plan.initial_surface();  // 501 for a missing task
  answer["id"] = app.sessions.start(plan.setup, plan.job)->id();
  send_json(res, answer);
}

void get_events(App& app, const httplib::Request& req, httplib::Response& res) {
  const auto session = app.sessions.find(req.matches[1]);
  auto cursor = std::make_shared<StreamCursor>();
  res.set_header("Cache-Control", "no-store");
  res.set_chunked_content_provider("text/event-stream", [session, cursor](std::size_t, httplib::DataSink& sink) {
    if (cursor->finished_sent) {
      sink.done();
      return true;
    }
    const nlohmann::json changes = session->changes_since(*cursor, std::chrono::milliseconds(250));
    const std::string event = "data: " + changes.dump() + "\n\n";
    if (!sink.write(event.data(), event.size())) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // at most ~10 frames a second
    return true;
  });
}

}  // namespace

void add_training_routes(httplib::Server& server, App& app) {
  server.Post("/api/dataset", guarded(post_dataset));
  server.Post("/api/train",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_train(app, req, res); }));
  server.Get(R"(/api/train/([\w-]+)/events)",
             guarded([&app](const httplib::Request& req, httplib::Response& res) { get_events(app, req, res); }));
  server.Get(R"(/api/train/([\w-]+))", guarded([&app](const httplib::Request& req, httplib::Response& res) {
               const auto session = app.sessions.find(req.matches[1]);
               nlohmann::json state = session->snapshot();
               state["setup"] = session->setup();
               send_json(res, state);
             }));
  server.Post(R"(/api/train/([\w-]+)/stop)", guarded([&app](const httplib::Request& req, httplib::Response& res) {
                const auto session = app.sessions.find(req.matches[1]);
                session->request_stop();
                send_json(res, {{"id", session->id()}, {"stopping", !session->finished()}});
              }));
}

namespace {
const Registry<Routes>::Add kTrainingRoutes{{0, "training", add_training_routes}};
}  // namespace

}  // namespace playground
