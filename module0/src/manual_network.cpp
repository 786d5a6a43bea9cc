// module0/src/manual_network.cpp
#include "minitorch/manual_classifier.h"
#include "minitorch/operators.h"
#include "minitorch/random.h"

namespace minitorch {

ManualLinear::ManualLinear(int in_size, int out_size, std::uint64_t seed) {
  if (in_size < 1 || out_size < 1) {
    throw ValueError("ManualLinear: sizes must be positive, got " + std::to_string(in_size) + " x " +
                     std::to_string(out_size));
  }
  Random rng(seed);
  weights_.resize(in_size);
  for (int i = 0; i < in_size; ++i) {
    for (int j = 0; j < out_size; ++j) {
      const std::string name = "weight_" + std::to_string(i) + "_" + std::to_string(j);
      weights_[i].push_back(register_parameter(name, 2.0 * (rng.uniform() - 0.5)));
    }
  }
  for (int j = 0; j < out_size; ++j) {
    bias_.push_back(register_parameter("bias_" + std::to_string(j), 2.0 * (rng.uniform() - 0.5)));
  }
}

std::vector<double> ManualLinear::forward(const std::vector<double>& x) const {
  if (x.size() != weights_.size()) {
    throw ShapeError("ManualLinear: expected " + std::to_string(weights_.size()) + " inputs, got " +
                     std::to_string(x.size()));
  }
  std::vector<double> y;
  for (const auto& b : bias_) y.push_back(b->value);
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = 0; j < y.size(); ++j) y[j] += x[i] * weights_[i][j]->value;
  }
  return y;
}

ManualNetwork::ManualNetwork() : linear_(register_module("linear", std::make_shared<ManualLinear>(2, 1))) {}

double ManualNetwork::forward(double x1, double x2) const { return operators::sigmoid(linear_->forward({x1, x2})[0]); }

void set_parameters(ModuleBase<double>& model, const ParameterSettings& settings) {
  for (const auto& [name, value] : settings) model.parameter(name)->update(value);
}

int count_correct(ManualNetwork& model, const Dataset& data) {
  int correct = 0;
  for (int i = 0; i < data.size(); ++i) {
    const double p = model(data.X[i][0], data.X[i][1]);
    correct += (p > 0.5) == (data.y[i] == 1) ? 1 : 0;
  }
  return correct;
}

}  // namespace minitorch
