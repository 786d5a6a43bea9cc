// playground/src/point_training.cpp
#include "point_training.h"

#include "json_fields.h"
#include "surface.h"

namespace playground {

minitorch::Dataset read_dataset(const nlohmann::json& body, int max_points) {
  const std::string name = choice_field(body, "dataset", dataset_choices(), "Simple");
  const int points = int_field(body, "points", 1, max_points, 50);
  const int seed = int_field(body, "seed", 0, 1000000, 0);
  return minitorch::make_dataset(name, points, static_cast<std::uint64_t>(seed));
}

PointRequest read_point_request(const std::string& model, const nlohmann::json& body, const PointLimits& limits) {
  PointRequest request;
  request.model = model;
  request.data = read_dataset(body, limits.max_points);
  request.hidden = int_field(body, "hidden", 1, limits.max_hidden, 10);
  request.rate = number_field(body, "rate", 1e-4, 10.0, 0.05);
  request.epochs = int_field(body, "epochs", 1, limits.max_epochs, 500);
  request.seed = static_cast<std::uint64_t>(int_field(body, "seed", 0, 1000000, 0));
  request.surface_size = limits.surface_size;
  return request;
}

nlohmann::json point_setup(const PointRequest& request) {
  return {{"model", request.model},   {"dataset", dataset_json(request.data)},
          {"hidden", request.hidden}, {"rate", request.rate},
          {"epochs", request.epochs}, {"surface_size", request.surface_size}};
}

minitorch::OnEpoch recorder(TrainingSession& session) {
  return [&session](const minitorch::EpochReport& report) {
    session.add_epoch(report);
    return session.stop_requested() ? minitorch::EpochAction::Stop : minitorch::EpochAction::Continue;
  };
}

bool SurfaceThrottle::due(const minitorch::EpochReport& report, bool stopping) {
  const auto now = std::chrono::steady_clock::now();
  if (report.epoch == 1 || report.epoch >= report.max_epochs || stopping || now - last_ > kEvery) {
    last_ = now;
    return true;
  }
  return false;
}

}  // namespace playground
