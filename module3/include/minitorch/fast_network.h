// module3/include/minitorch/fast_network.h
//
// Task 3.5: the network of Module 2 again (run_fast_tensor.py), now with a
// real matrix multiply and on any backend, trained in mini-batches:
//
//   FastNetwork(hidden):   X (B, 2) -> Linear -> relu -> Linear -> relu -> Linear -> sigmoid -> (B, 1)
//                                      2 x hidden       hidden x hidden      hidden x 1
//
//   FastLinear:            x (B, in) @ weights (in, out) + bias (out)  ->  (B, out)
//
// Training shuffles the points every epoch and takes one SGD step per batch
// of 10 points. Everything is computed with the backend the model was built
// on: train_fast --backend simple and --backend fast run the same numbers.
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
#include "minitorch/tensor_backend.h"
#include "minitorch/training.h"

namespace minitorch {

/// A dense layer: out = x @ weights + bias. Parameters "weights" (in, out),
/// uniform in [-0.5, 0.5), and "bias" (out), all 0.1 (run_fast_tensor.py).
class FastLinear : public Module<FastLinear, Tensor> {
 public:
  FastLinear(int in_size, int out_size, Random& rng, const TensorBackend& backend);

  /// Task 3.5: x (B, in) -> (B, out) = x @ weights + bias, with matmul and
  /// broadcasting (one kernel call for the product, one for the bias).
  Tensor forward(const Tensor& x) const;

  int in_size() const { return in_size_; }
  int out_size() const { return out_size_; }

 private:
  int in_size_;
  int out_size_;
  ParameterPtr weights_;  // (in, out)
  ParameterPtr bias_;     // (out)
};

/// The 3-layer classifier of run_fast_tensor.py: children "layer1" (2 ->
/// hidden), "layer2" (hidden -> hidden), "layer3" (hidden -> 1).
class FastNetwork : public Module<FastNetwork, Tensor> {
 public:
  FastNetwork(int hidden, std::uint64_t seed, const TensorBackend& backend);

  /// Task 3.5: x (B, 2) -> (B, 1), the probability that each point is class
  /// 1: relu after layer1 and layer2, sigmoid after layer3.
  Tensor forward(const Tensor& x) const;

  int hidden() const { return hidden_; }
  const TensorBackend& backend() const { return *backend_; }

 private:
  int hidden_;
  const TensorBackend* backend_;
  std::shared_ptr<FastLinear> layer1_;
  std::shared_ptr<FastLinear> layer2_;
  std::shared_ptr<FastLinear> layer3_;
};

/// The model's probabilities for many points at once (for pictures).
std::vector<double> predict(const FastNetwork& model, const std::vector<std::array<double, 2>>& points);

/// How many points of `data` the model puts on the right side of 0.5.
int count_correct(const FastNetwork& model, const Dataset& data);

struct FastTrainOptions {
  int hidden = 10;
  double learning_rate = 0.05;
  int max_epochs = 500;
  int batch = 10;
  std::uint64_t seed = 0;                  // initial weights and the shuffling
  const TensorBackend* backend = nullptr;  // nullptr: the fast backend
  /// Called after every epoch, before `on_epoch`, with the model as trained so
  /// far (the playground draws its decision surface while it trains).
  std::function<void(const FastNetwork&, const EpochReport&)> on_model;
};

/// The trained model, the loss of every epoch, the points the trained model
/// classifies correctly and the time per epoch of the training steps, not
/// of the count (TrainResult, training.h).
using FastTrainResult = ModelTrainResult<FastNetwork>;

/// Trains a new FastNetwork on `data` (run_fast_tensor.py's FastTrain.train):
/// every epoch, shuffle the points; for each batch, zero the gradients, run
/// it forward, backward the mean binary cross-entropy of the batch, and take
/// one SGD step. The harness (run_training) counts the correct points after
/// each epoch and calls `on_epoch`; it may stop the training.
FastTrainResult train_fast(const Dataset& data, const FastTrainOptions& options, const OnEpoch& on_epoch = {});

}  // namespace minitorch
