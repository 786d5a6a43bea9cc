// module1/include/minitorch/scalar_network.h
//
// Task 1.5: a neural network of Scalars and its training (run_scalar.py).
//
//   ScalarNetwork(hidden):  x (2) -> Linear -> relu -> Linear -> relu -> Linear -> sigmoid -> p (1)
//                                     2 x hidden          hidden x hidden         hidden x 1
//
// p is the probability that the point (x1, x2) is class 1. Training minimises
// the binary cross-entropy -log(p) (class 1) or -log(1 - p) (class 0), summed
// over the points, with SGD: one step per epoch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/module.h"
#include "minitorch/random.h"
#include "minitorch/scalar.h"
#include "minitorch/training.h"

namespace minitorch {

/// A dense layer of Scalar parameters: out_j = bias_j + sum_i x_i * weight_i_j.
/// Parameters "weight_<i>_<j>" and "bias_<j>", initialised uniformly in [-1, 1).
class ScalarLinear : public Module<ScalarLinear, Scalar> {
 public:
  ScalarLinear(int in_size, int out_size, Random& rng);

  /// Task 1.5: the layer's outputs for the inputs x (in_size of them).
  std::vector<Scalar> forward(const std::vector<Scalar>& x) const;

  int in_size() const { return static_cast<int>(weights_.size()); }
  int out_size() const { return static_cast<int>(bias_.size()); }

 private:
  std::vector<std::vector<ParameterPtr>> weights_;  // [in][out]
  std::vector<ParameterPtr> bias_;                  // [out]
};

/// The 3-layer classifier of run_scalar.py. `hidden` is the hidden layer size.
class ScalarNetwork : public Module<ScalarNetwork, Scalar> {
 public:
  /// Children "layer1" (2 -> hidden), "layer2" (hidden -> hidden), "layer3"
  /// (hidden -> 1), initialised from `seed`.
  ScalarNetwork(int hidden, std::uint64_t seed);

  /// Task 1.5: the probability that (x1, x2) is class 1.
  Scalar forward(const Scalar& x1, const Scalar& x2) const;

  /// forward on plain numbers, as a number (for pictures and accuracy).
  double predict(double x1, double x2) const;

  int hidden() const { return layer1_->out_size(); }

 private:
  std::shared_ptr<ScalarLinear> layer1_;
  std::shared_ptr<ScalarLinear> layer2_;
  std::shared_ptr<ScalarLinear> layer3_;
};

/// How many points of `data` the model puts on the right side of 0.5.
int count_correct(const ScalarNetwork& model, const Dataset& data);

struct ScalarTrainOptions {
  int hidden = 2;
  double learning_rate = 0.5;
  int max_epochs = 500;
  std::uint64_t seed = 0;  // initial weights
  /// Called after every epoch, before `on_epoch`, with the model as trained so
  /// far (the playground draws its decision surface while it trains).
  std::function<void(const ScalarNetwork&, const EpochReport&)> on_model;
};

/// The trained model, the loss of every epoch, and the points the trained
/// model classifies correctly (the harness's TrainResult, training.h).
using ScalarTrainResult = ModelTrainResult<ScalarNetwork>;

/// Trains a new ScalarNetwork on `data` (run_scalar.py's ScalarTrain.train):
/// each epoch, zero the derivatives, run every point forward, backward its
/// loss / N, add up the loss, then take one SGD step. The harness
/// (run_training) counts the correct points after each step and calls
/// `on_epoch` after every epoch; it may stop the training.
ScalarTrainResult train_scalar(const Dataset& data, const ScalarTrainOptions& options, const OnEpoch& on_epoch = {});

}  // namespace minitorch
