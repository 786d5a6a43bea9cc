// module2/include/minitorch/tensor_network.h
//
// Task 2.5: the network of Module 1, now on tensors (run_tensor.py), trained
// on a whole dataset at once: one forward pass computes every point.
//
//   TensorNetwork(hidden):   X (N, 2) -> Linear -> relu -> Linear -> relu -> Linear -> sigmoid -> (N, 1)
//                                        2 x hidden       hidden x hidden      hidden x 1
//
// There is no matrix multiplication yet (Module 3 writes it): Linear
// multiplies with broadcasting and sums, which costs memory but shows how
// far broadcasting goes:
//
//   x (B, in) -> view (B, in, 1)  ┐
//                                 ├─ *  -> (B, in, out) -> sum(1) -> (B, 1, out) -> view (B, out) -> + bias (1, out)
//   w (in, out) -> view (1, in, out)
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/module.h"
#include "minitorch/random.h"
#include "minitorch/tensor.h"
#include "minitorch/training.h"

namespace minitorch {

/// A dense layer: out = x @ weights + bias. Parameters "weights" (in, out)
/// and "bias" (out), initialised uniformly in [-1, 1) from `rng`, on `backend`.
class TensorLinear : public Module<TensorLinear, Tensor> {
 public:
  TensorLinear(int in_size, int out_size, Random& rng, const TensorBackend& backend = simple_backend());

  /// Task 2.5: x (B, in) -> (B, out), written with view, broadcasting * and
  /// sum (no matrix multiplication). out[b, j] = bias[j] + sum_i x[b, i] * weights[i, j]
  Tensor forward(const Tensor& x) const;

  int in_size() const { return in_size_; }
  int out_size() const { return out_size_; }

 private:
  int in_size_;
  int out_size_;
  ParameterPtr weights_;  // (in, out)
  ParameterPtr bias_;     // (out)
};

/// The 3-layer classifier of run_tensor.py. `hidden` is the hidden layer size.
class TensorNetwork : public Module<TensorNetwork, Tensor> {
 public:
  /// Task 2.5: children "layer1" (2 -> hidden), "layer2" (hidden -> hidden)
  /// and "layer3" (hidden -> 1), initialised from `seed`, on `backend`.
  TensorNetwork(int hidden, std::uint64_t seed, const TensorBackend& backend = simple_backend());

  /// Task 2.5: x (N, 2) -> (N, 1), the probability that each point is class 1:
  /// relu after layer1 and layer2, sigmoid after layer3.
  Tensor forward(const Tensor& x) const;

  int hidden() const { return hidden_; }
  const TensorBackend& backend() const { return *backend_; }

 private:
  int hidden_;
  const TensorBackend* backend_;
  std::shared_ptr<TensorLinear> layer1_;
  std::shared_ptr<TensorLinear> layer2_;
  std::shared_ptr<TensorLinear> layer3_;
};

/// The points of a dataset as an (N, 2) tensor and its labels as (N).
Tensor dataset_points(const Dataset& data, const TensorBackend& backend = simple_backend());
Tensor dataset_labels(const Dataset& data, const TensorBackend& backend = simple_backend());

/// The model's probabilities for many points at once (for pictures).
std::vector<double> predict(const TensorNetwork& model, const std::vector<std::array<double, 2>>& points);

/// How many points of `data` the model puts on the right side of 0.5.
int count_correct(const TensorNetwork& model, const Dataset& data);

struct TensorTrainOptions {
  int hidden = 2;
  double learning_rate = 0.5;
  int max_epochs = 500;
  std::uint64_t seed = 0;                            // initial weights
  const TensorBackend* backend = &simple_backend();  // what the model and data compute with
  /// Called after every epoch, before `on_epoch`, with the model as trained so
  /// far (the playground draws its decision surface while it trains).
  std::function<void(const TensorNetwork&, const EpochReport&)> on_model;
};

/// The trained model, the loss of every epoch, the points the trained model
/// classifies correctly and the time per epoch (TrainResult, training.h).
using TensorTrainResult = ModelTrainResult<TensorNetwork>;

/// Trains a new TensorNetwork on `data` (run_tensor.py's TensorTrain.train):
/// each epoch, zero the gradients, run all points forward at once, backward
/// the mean binary cross-entropy, then take one SGD step. The harness
/// (run_training) counts the correct points after each step and calls
/// `on_epoch` after every epoch; it may stop the training.
TensorTrainResult train_tensor(const Dataset& data, const TensorTrainOptions& options, const OnEpoch& on_epoch = {});

}  // namespace minitorch
