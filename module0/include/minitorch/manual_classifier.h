// module0/include/minitorch/manual_classifier.h
//
// Task 0.5: a linear classifier whose parameters you set by hand.
//
//   ManualNetwork(x1, x2) = sigmoid(w0 * x1 + w1 * x2 + b)
//
// with parameters "linear.weight_0_0" (w0), "linear.weight_1_0" (w1) and
// "linear.bias_0" (b). A point is predicted class 1 when the output is > 0.5,
// that is when w0 * x1 + w1 * x2 + b > 0: the boundary is a straight line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/module.h"

namespace minitorch {

/// A dense layer of plain numbers: out[j] = bias_j + sum_i x[i] * weight_i_j,
/// initialised uniformly in [-1, 1) from `seed`.
class ManualLinear : public Module<ManualLinear, double> {
 public:
  ManualLinear(int in_size, int out_size, std::uint64_t seed = 100);
  // x: (in_size) -> (out_size)
  std::vector<double> forward(const std::vector<double>& x) const;

 private:
  std::vector<std::vector<ParameterPtr>> weights_;  // [in][out]
  std::vector<ParameterPtr> bias_;                  // [out]
};

/// sigmoid(linear(x1, x2)): the probability that (x1, x2) is class 1.
class ManualNetwork : public Module<ManualNetwork, double> {
 public:
  ManualNetwork();
  double forward(double x1, double x2) const;

 private:
  std::shared_ptr<ManualLinear> linear_;
};

/// (parameter path, value) pairs, e.g. {"linear.bias_0", 1.0}.
using ParameterSettings = std::vector<std::pair<std::string, double>>;

/// Task 0.5: parameters that make ManualNetwork classify every point of the
/// "simple" or "diag" dataset correctly, chosen by hand (look at the pictures
/// `manual_classifier --dataset simple` draws). Any other name is a ValueError.
ParameterSettings hand_set_parameters(std::string_view dataset);

/// Sets each named parameter of `model`; an unknown name is a ValueError.
void set_parameters(ModuleBase<double>& model, const ParameterSettings& settings);

/// How many points of `data` the model puts on the right side of 0.5.
int count_correct(ManualNetwork& model, const Dataset& data);

}  // namespace minitorch
