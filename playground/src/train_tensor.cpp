// playground/src/train_tensor.cpp
//
// Module 2's model kind: the Tensor network (train_tensor, simple backend),
// on the training page and in the module sandbox; and the simple backend as
// a choice of the fast training page.
#include <string>
#include <vector>

#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_network.h"
#include "module_tree.h"
#include "point_training.h"
#include "registry.h"
#include "surface.h"
#include "tensor_json.h"

namespace playground {
namespace {

constexpr PointLimits kLimits{500, 50, 5000, 25};

std::vector<double> draw(const minitorch::TensorNetwork& model, int size) {
  return minitorch::predict(model, surface_points(size));
}

TrainPlan plan(const nlohmann::json& body) {
  const PointRequest request = read_point_request("tensor", body, kLimits);
  return point_plan<minitorch::TensorTrainOptions>(
      request, [request] { return minitorch::TensorNetwork(request.hidden, request.seed); }, draw,
      [](const auto& data, const auto& options, const auto& on_epoch) {
        minitorch::train_tensor(data, options, on_epoch);
      });
}

const Registry<ModelKind>::Add kTensor{
    {2, "tensor", true, {"2.1", "2.2", "2.3", "2.4", "2.5"}, kLimits.to_json(), plan}};

const Registry<ModuleExample>::Add kTensorNetwork{
    {2, "TensorNetwork",
     [](const App& app) { return module_answer(app, minitorch::TensorNetwork(2, 0), tensor_value_json); }}};

const Registry<BackendChoice>::Add kSimple{{2, "simple", minitorch::simple_backend, [] { return std::string(); }}};

}  // namespace
}  // namespace playground
