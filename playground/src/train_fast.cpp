// playground/src/train_fast.cpp
//
// Module 3's model kind: the fast network (train_fast) on a backend of the
// request's choice, on the training page and in the module sandbox; and the
// fast and cuda backends as choices.
#include <string>
#include <vector>

#include "http_errors.h"
#include "json_fields.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#include "module_tree.h"
#include "point_training.h"
#include "registry.h"
#include "surface.h"
#include "tensor_json.h"

namespace playground {
namespace {

constexpr PointLimits kLimits{1000, 200, 5000, 25};

const Registry<BackendChoice>::Add kFast{{3, "fast", minitorch::fast_backend, [] { return std::string(); }}};
const Registry<BackendChoice>::Add kCuda{{3, "cuda", minitorch::cuda_backend, minitorch::cuda_gpu_unavailable_reason}};

// The backend the request names (400 when it is not usable on this machine).
const minitorch::TensorBackend& backend_named(const std::string& name) {
  const BackendChoice& choice = *Registry<BackendChoice>::find(name, built_module());
  const std::string why = choice.unavailable_reason();
  if (!why.empty()) throw bad_request("the " + name + " backend is not available here: " + why);
  return choice.backend();
}

std::vector<double> draw(const minitorch::FastNetwork& model, int size) {
  return minitorch::predict(model, surface_points(size));
}

TrainPlan plan(const nlohmann::json& body) {
  const PointRequest request = read_point_request("fast", body, kLimits);
  const std::string backend = choice_field(body, "backend", Registry<BackendChoice>::names(built_module()), "fast");
  backend_named(backend);  // 400 now for a backend this machine lacks
  TrainPlan out = point_plan<minitorch::FastTrainOptions>(
      request,
      [request, backend] { return minitorch::FastNetwork(request.hidden, request.seed, backend_named(backend)); }, draw,
      [backend](const auto& data, auto& options, const auto& on_epoch) {
        options.backend = &backend_named(backend);
        minitorch::train_fast(data, options, on_epoch);
      });
  out.setup["backend"] = backend;
  return out;
}

const Registry<ModelKind>::Add kFastKind{{3, "fast", true, {"3.1", "3.2", "3.5"}, kLimits.to_json(), plan}};

const Registry<ModuleExample>::Add kFastNetwork{
    {3, "FastNetwork", [](const App& app) {
       return module_answer(app, minitorch::FastNetwork(2, 0, minitorch::fast_backend()), tensor_value_json);
     }}};

}  // namespace
}  // namespace playground
