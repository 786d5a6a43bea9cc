// playground/src/point_training.h
//
// What the model kinds of the Modules 1-3 training page share (train_scalar.cpp,
// train_tensor.cpp, train_fast.cpp): the request's fields checked against the
// kind's limits, the setup the page shows, and a session's options that draw
// the decision surface while the model trains.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "minitorch/datasets.h"
#include "minitorch/training.h"
#include "registry.h"
#include "training_sessions.h"

namespace playground {

/// The largest request one model kind takes: what keeps one request from taking the machine.
struct PointLimits {
  int max_points;
  int max_hidden;
  int max_epochs;
  int surface_size;  // grid cells per side of the live decision surface

  nlohmann::json to_json() const { return {{"points", max_points}, {"hidden", max_hidden}, {"epochs", max_epochs}}; }
};

/// One Train request of the page, checked (400 for a field out of its limits).
struct PointRequest {
  std::string model;
  minitorch::Dataset data;
  int hidden = 0;
  double rate = 0.0;
  int epochs = 0;
  std::uint64_t seed = 0;
  int surface_size = 0;
};

/// The dataset a request names (dataset, points <= max_points, seed).
minitorch::Dataset read_dataset(const nlohmann::json& body, int max_points);

PointRequest read_point_request(const std::string& model, const nlohmann::json& body, const PointLimits& limits);

/// The setup the page shows: model, dataset, hidden, rate, epochs, surface_size.
nlohmann::json point_setup(const PointRequest& request);

/// Records an epoch and says whether to stop: the harness's on_epoch.
minitorch::OnEpoch recorder(TrainingSession& session);

/// A decision surface at most every 300 ms (pictures cost time), and always
/// after the first and the last epoch.
class SurfaceThrottle {
 public:
  bool due(const minitorch::EpochReport& report, bool stopping);

 private:
  static constexpr std::chrono::milliseconds kEvery{300};
  std::chrono::steady_clock::time_point last_{};
};

/// A training function's options (ScalarTrainOptions, TensorTrainOptions,
/// FastTrainOptions: the same fields) from the request; on_model draws
/// draw(model, surface_size) into the session when the throttle allows.
template <typename Options, typename Draw>
Options train_options(const PointRequest& request, TrainingSession& session, SurfaceThrottle& throttle, Draw draw) {
  Options options;
  options.hidden = request.hidden;
  options.learning_rate = request.rate;
  options.max_epochs = request.epochs;
  options.seed = request.seed;
  options.on_model = [&session, &throttle, draw, size = request.surface_size](const auto& model,
                                                                              const minitorch::EpochReport& report) {
    if (throttle.due(report, session.stop_requested())) session.set_surface(draw(model, size));
  };
  return options;
}

/// The plan of a 2-D model kind: make_network() is the untrained model (its
/// surface is drawn before the first epoch); the job calls
/// train(data, options, on_epoch) with the request's options.
template <typename Options, typename MakeNetwork, typename Draw, typename Train>
TrainPlan point_plan(const PointRequest& request, MakeNetwork make_network, Draw draw, Train train) {
  TrainPlan out;
  out.setup = point_setup(request);
  out.initial_surface = [=] { return draw(make_network(), request.surface_size); };
  out.job = [=](TrainingSession& session) {
    SurfaceThrottle throttle;
    Options options = train_options<Options>(request, session, throttle, draw);
    train(request.data, options, recorder(session));
  };
  return out;
}

}  // namespace playground
