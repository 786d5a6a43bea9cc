// playground/src/train_scalar.cpp
//
// Module 1's model kind: the Scalar network (train_scalar), on the training
// page and in the module sandbox.
#include <string>
#include <vector>

#include "minitorch/scalar_network.h"
#include "module_tree.h"
#include "point_training.h"
#include "registry.h"
#include "surface.h"

namespace playground {
namespace {

constexpr PointLimits kLimits{200, 25, 2000, 15};  // every Scalar is a node of the graph: small

std::vector<double> draw(const minitorch::ScalarNetwork& model, int size) {
  return surface(size, [&](double a, double b) { return model.predict(a, b); });
}

TrainPlan plan(const nlohmann::json& body) {
  const PointRequest request = read_point_request("scalar", body, kLimits);
  return point_plan<minitorch::ScalarTrainOptions>(
      request, [request] { return minitorch::ScalarNetwork(request.hidden, request.seed); }, draw,
      [](const auto& data, const auto& options, const auto& on_epoch) {
        minitorch::train_scalar(data, options, on_epoch);
      });
}

const Registry<ModelKind>::Add kScalar{{1, "scalar", true, {"1.2", "1.3", "1.4", "1.5"}, kLimits.to_json(), plan}};

const Registry<ModuleExample>::Add kScalarNetwork{
    {1, "ScalarNetwork", [](const App& app) {
       return module_answer(app, minitorch::ScalarNetwork(2, 0),
                            [](const minitorch::Scalar& v) { return nlohmann::json(v.data()); });
     }}};

}  // namespace
}  // namespace playground
