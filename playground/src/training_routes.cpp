// playground/src/training_routes.cpp
//
// The training pages (Modules 1-3): a dataset preview, and training sessions
// that run the library's own training functions (train_scalar, train_tensor,
// train_fast) through the harness.
//
//   POST /api/dataset             {dataset, points, seed}                 -> {dataset}
//   POST /api/train               {model, dataset, points, hidden, rate, epochs, seed, backend}
//                                 (model "mnist" and "words": module4_routes.cpp)
//                                 -> {id, setup, surface (of the untrained model)}
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
#include "minitorch/datasets.h"
#include "surface.h"
#if MINITORCH_PLAYGROUND_MODULE >= 1
#include "minitorch/scalar_network.h"
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_network.h"
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 4
#include "module4_training.h"
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 3
#include "minitorch/cuda_backend.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#endif

namespace playground {
namespace {

using minitorch::EpochAction;
using minitorch::EpochReport;

// The datasets' names as the pages show them.
const std::vector<std::string>& dataset_choices() {
  static const std::vector<std::string> names = {"Simple", "Diag", "Split", "Xor", "Circle", "Spiral"};
  return names;
}

// The limits of one model kind: what keeps one request from taking the machine.
struct Limits {
  int module;  // the first module whose pages train it
  int max_points;
  int max_hidden;
  int max_epochs;
  int surface_size;  // grid cells per side of the live decision surface
};

Limits limits_of(const std::string& model) {
  if (model == "scalar") return {1, 200, 25, 2000, 15};
  if (model == "tensor") return {2, 500, 50, 5000, 25};
  return {3, 1000, 200, 5000, 25};  // fast
}

// A decision surface at most every 300 ms (pictures cost time), and always
// after the last epoch.
class SurfaceThrottle {
 public:
  bool due(const EpochReport& report, bool stopping) {
    const auto now = std::chrono::steady_clock::now();
    if (report.epoch == 1 || report.epoch >= report.max_epochs || stopping || now - last_ > kEvery) {
      last_ = now;
      return true;
    }
    return false;
  }

 private:
  static constexpr std::chrono::milliseconds kEvery{300};
  std::chrono::steady_clock::time_point last_{};
};

#if MINITORCH_PLAYGROUND_MODULE >= 1
// Records an epoch and says whether to stop: the harness's on_epoch.
minitorch::OnEpoch recorder(TrainingSession& session) {
  return [&session](const EpochReport& report) {
    session.add_epoch(report);
    return session.stop_requested() ? EpochAction::Stop : EpochAction::Continue;
  };
}
#endif

// What one Train request asked for, checked against the model's limits.
struct TrainRequest {
  std::string model;
  minitorch::Dataset data;
  int hidden;
  double rate;
  int epochs;
  std::uint64_t seed;
  std::string backend;
};

#if MINITORCH_PLAYGROUND_MODULE >= 2
const minitorch::TensorBackend& fast_page_backend(const std::string& name) {
#if MINITORCH_PLAYGROUND_MODULE >= 3
  if (name == "fast") return minitorch::fast_backend();
  if (name == "cuda") {
    const std::string why = minitorch::cuda_gpu_unavailable_reason();
    if (!why.empty()) throw bad_request("the cuda backend is not available here: " + why);
    return minitorch::cuda_backend();
  }
#endif
  return minitorch::simple_backend();
}
#endif

// The job of a session: train the model the request names.
TrainingSessions::Job training_job(const TrainRequest& request, int surface_size) {
  return [request, surface_size](TrainingSession& session) {
    SurfaceThrottle throttle;
#if MINITORCH_PLAYGROUND_MODULE >= 1
    if (request.model == "scalar") {
      minitorch::ScalarTrainOptions options;
      options.hidden = request.hidden;
      options.learning_rate = request.rate;
      options.max_epochs = request.epochs;
      options.seed = request.seed;
      options.on_model = [&](const minitorch::ScalarNetwork& model, const EpochReport& report) {
        if (!throttle.due(report, session.stop_requested())) return;
        session.set_surface(surface(surface_size, [&](double a, double b) { return model.predict(a, b); }));
      };
      minitorch::train_scalar(request.data, options, recorder(session));
      return;
    }
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
    if (request.model == "tensor") {
      minitorch::TensorTrainOptions options;
      options.hidden = request.hidden;
      options.learning_rate = request.rate;
      options.max_epochs = request.epochs;
      options.seed = request.seed;
      options.on_model = [&](const minitorch::TensorNetwork& model, const EpochReport& report) {
        if (throttle.due(report, session.stop_requested())) {
          session.set_surface(minitorch::predict(model, surface_points(surface_size)));
        }
      };
      minitorch::train_tensor(request.data, options, recorder(session));
      return;
    }
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 3
    if (request.model == "fast") {
      minitorch::FastTrainOptions options;
      options.hidden = request.hidden;
      options.learning_rate = request.rate;
      options.max_epochs = request.epochs;
      options.seed = request.seed;
      options.backend = &fast_page_backend(request.backend);
      options.on_model = [&](const minitorch::FastNetwork& model, const EpochReport& report) {
        if (throttle.due(report, session.stop_requested())) {
          session.set_surface(minitorch::predict(model, surface_points(surface_size)));
        }
      };
      minitorch::train_fast(request.data, options, recorder(session));
      return;
    }
#endif
    throw bad_request("unknown model '" + request.model + "'");
  };
}

// The untrained model's surface: the network the training function builds
// first (same hidden size, seed and backend), drawn before the first epoch.
std::vector<double> initial_surface(const TrainRequest& request, int size) {
#if MINITORCH_PLAYGROUND_MODULE >= 1
  if (request.model == "scalar") {
    const minitorch::ScalarNetwork model(request.hidden, request.seed);
    return surface(size, [&](double a, double b) { return model.predict(a, b); });
  }
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
  if (request.model == "tensor") {
    return minitorch::predict(minitorch::TensorNetwork(request.hidden, request.seed), surface_points(size));
  }
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 3
  if (request.model == "fast") {
    const minitorch::FastNetwork model(request.hidden, request.seed, fast_page_backend(request.backend));
    return minitorch::predict(model, surface_points(size));
  }
#endif
  return {};
}

minitorch::Dataset read_dataset(const nlohmann::json& body, int max_points) {
  const std::string name = choice_field(body, "dataset", dataset_choices(), "Simple");
  const int points = int_field(body, "points", 1, max_points, 50);
  const int seed = int_field(body, "seed", 0, 1000000, 0);
  return minitorch::make_dataset(name, points, static_cast<std::uint64_t>(seed));
}

void post_dataset(const httplib::Request& req, httplib::Response& res) {
  const nlohmann::json body = parse_body(req);
  send_json(res, {{"dataset", dataset_json(read_dataset(body, 1000))}});
}

// The tasks a model's training needs, for --pretend-missing.
void require_training_tasks(const App& app, const std::string& model) {
  if (model == "scalar") app.require_tasks({"1.2", "1.3", "1.4", "1.5"});
  if (model == "tensor") app.require_tasks({"2.1", "2.2", "2.3", "2.4", "2.5"});
  if (model == "fast") app.require_tasks({"3.1", "3.2", "3.5"});
}

void post_train(App& app, const httplib::Request& req, httplib::Response& res) {
  const nlohmann::json body = parse_body(req);
  std::vector<std::string> models = {"scalar", "tensor", "fast"};
  models.resize(static_cast<std::size_t>(std::min(app.options.module, 3)));
  if (models.empty()) throw bad_request("training pages start at Module 1 (this server shows Module 0 only)");
  if (app.options.module >= 4) {
    models.push_back("mnist");
    models.push_back("words");
  }
  TrainRequest request;
  request.model = choice_field(body, "model", models, models[std::min<std::size_t>(models.size(), 3) - 1]);
#if MINITORCH_PLAYGROUND_MODULE >= 4
  if (const auto plan = module4_training(request.model, body)) {
    app.require_tasks({"3.1", "3.2", "4.1", "4.2", "4.3", "4.4", "4.5"});
    const auto session = app.sessions.start(plan->setup, plan->job);
    send_json(res, {{"id", session->id()}, {"setup", plan->setup}});
    return;
  }
#endif
  const Limits limits = limits_of(request.model);
  request.data = read_dataset(body, limits.max_points);
  request.hidden = int_field(body, "hidden", 1, limits.max_hidden, 10);
  request.rate = number_field(body, "rate", 1e-4, 10.0, 0.05);
  request.epochs = int_field(body, "epochs", 1, limits.max_epochs, 500);
  request.seed = static_cast<std::uint64_t>(int_field(body, "seed", 0, 1000000, 0));
  request.backend = choice_field(body, "backend", {"simple", "fast", "cuda"}, "fast");
#if MINITORCH_PLAYGROUND_MODULE >= 2
  if (request.model == "fast") fast_page_backend(request.backend);  // 400 now for an unavailable backend
#endif
  require_training_tasks(app, request.model);

  const nlohmann::json setup = {{"model", request.model},
                                {"dataset", dataset_json(request.data)},
                                {"hidden", request.hidden},
                                {"rate", request.rate},
                                {"epochs", request.epochs},
                                {"backend", request.backend},
                                {"surface_size", limits.surface_size}};
  const std::vector<double> untrained = initial_surface(request, limits.surface_size);  // 501 for a missing task
  const auto session = app.sessions.start(setup, training_job(request, limits.surface_size));
  send_json(res, {{"id", session->id()}, {"setup", setup}, {"surface", untrained}});
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

}  // namespace playground
