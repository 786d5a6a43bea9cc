// module4/include/minitorch/cnn.h
//
// Task 4.5: convolutional networks (the original course's
// run_mnist_multiclass.py and run_sentiment.py), built from the layers of
// Tasks 4.1-4.4 and trained by classifier.h's loop.
//
//   MnistNetwork (LeNet-like), images (B, 1, 28, 28):
//     conv1  Conv2d 1 -> 4, 3x3   relu          (B, 4, 28, 28)   saved: mid()
//     conv2  Conv2d 4 -> 8, 3x3   relu          (B, 8, 28, 28)   saved: out()
//     avgpool2d 4x4                             (B, 8, 7, 7)
//     flatten                                   (B, 392)
//     linear1 392 -> 64, relu, dropout 0.25     (B, 64)
//     linear2 64 -> 10, logsoftmax over dim 1   (B, 10) log-probabilities
//
//   WordNetwork (Kim 2014's sentence CNN on letters), one-hot words (B, A, L):
//     conv<k> Conv1d A -> F, width k, relu, max over time   (B, F) for each k in widths
//     dropout, then one Linear F -> C per width, summed     (B, C)
//     logsoftmax over dim 1                                 (B, C) log-probabilities
//   (a sum of one Linear per width is one Linear on the concatenated
//   features: the library has no concatenation, and needs none)
//
// Parameters start as the course's RParam: 0.1 * (uniform [0, 1) - 0.5).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "minitorch/module.h"
#include "minitorch/random.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_backend.h"

namespace minitorch {

/// The course's RParam: a fresh leaf 0.1 * (rand(shape) - 0.5), uniform in [-0.05, 0.05).
Tensor rparam(const Shape& shape, Random& rng, const TensorBackend& backend);

/// A dense layer (given): x (B, in) -> x @ weights + bias, (B, out).
/// Parameters "weights" (in, out) and "bias" (out), both RParam.
class Linear : public Module<Linear, Tensor> {
 public:
  Linear(int in_size, int out_size, Random& rng, const TensorBackend& backend);
  /// x of any shape (B, ...) with in_size elements per row.
  Tensor forward(const Tensor& x) const;

 private:
  int in_size_;
  int out_size_;
  ParameterPtr weights_;
  ParameterPtr bias_;
};

/// Task 4.5: a 1-D convolution layer. Parameters "weights" (out_channels,
/// in_channels, kernel_width) and "bias" (1, out_channels, 1), both RParam.
class Conv1d : public Module<Conv1d, Tensor> {
 public:
  Conv1d(int in_channels, int out_channels, int kernel_width, Random& rng, const TensorBackend& backend);
  /// input (B, in_channels, width) -> conv1d(input, weights) + bias, (B, out_channels, width).
  Tensor forward(const Tensor& input) const;

 private:
  ParameterPtr weights_;
  ParameterPtr bias_;
};

/// Task 4.5: a 2-D convolution layer. Parameters "weights" (out_channels,
/// in_channels, kernel_height, kernel_width) and "bias" (out_channels, 1, 1),
/// both RParam.
class Conv2d : public Module<Conv2d, Tensor> {
 public:
  Conv2d(int in_channels, int out_channels, int kernel_height, int kernel_width, Random& rng,
         const TensorBackend& backend);
  /// input (B, in_channels, H, W) -> conv2d(input, weights) + bias, (B, out_channels, H, W).
  Tensor forward(const Tensor& input) const;

 private:
  ParameterPtr weights_;
  ParameterPtr bias_;
};

/// The LeNet-like network of run_mnist_multiclass.py (see the top of this
/// file). Children "conv1", "conv2", "linear1", "linear2".
class MnistNetwork : public Module<MnistNetwork, Tensor> {
 public:
  static constexpr int kClasses = 10;
  static constexpr int kHeight = 28;
  static constexpr int kWidth = 28;

  /// Weights from `seed`; dropout draws from its own generator (seed + 1).
  MnistNetwork(std::uint64_t seed, const TensorBackend& backend, double dropout_rate = 0.25);

  /// Task 4.5: images (B, 1, 28, 28) -> log-probabilities (B, 10). Saves the
  /// feature maps after conv1's and conv2's relu (mid(), out()). Dropout
  /// only in training mode (is_training()).
  Tensor forward(const Tensor& images);

  /// The feature maps of the last forward: (B, 4, 28, 28) and (B, 8, 28, 28).
  /// ValueError before the first forward.
  const Tensor& mid() const;
  const Tensor& out() const;
  const TensorBackend& backend() const { return *backend_; }

 private:
  const TensorBackend* backend_;
  double dropout_rate_;
  Random dropout_rng_;
  std::shared_ptr<Conv2d> conv1_;
  std::shared_ptr<Conv2d> conv2_;
  std::shared_ptr<Linear> linear1_;
  std::shared_ptr<Linear> linear2_;
  std::optional<Tensor> mid_;
  std::optional<Tensor> out_;
};

/// The shape of a WordNetwork.
struct WordNetworkOptions {
  int alphabet = 49;                 // one-hot channels (kWordAlphabetSize) (the input's dim 1)
  int classes = 5;                   // languages
  int feature_maps = 32;             // output channels of each convolution
  std::vector<int> widths{2, 3, 4};  // one Conv1d per width
  double dropout_rate = 0.25;
};

/// Kim's CNN on the letters of a word (see the top of this file). Children
/// "conv<k>" and "linear<k>" for each width k, in the order of `widths`.
class WordNetwork : public Module<WordNetwork, Tensor> {
 public:
  WordNetwork(const WordNetworkOptions& options, std::uint64_t seed, const TensorBackend& backend);

  /// Task 4.5: one-hot words (B, alphabet, length) -> log-probabilities
  /// (B, classes): for each width, conv, relu, max over time (dim 2), as
  /// (B, feature_maps); dropout (training mode only); the sum of the
  /// linears' outputs; logsoftmax over dim 1.
  Tensor forward(const Tensor& words);

  const WordNetworkOptions& options() const { return options_; }
  const TensorBackend& backend() const { return *backend_; }

 private:
  WordNetworkOptions options_;
  const TensorBackend* backend_;
  Random dropout_rng_;
  std::vector<std::shared_ptr<Conv1d>> convs_;
  std::vector<std::shared_ptr<Linear>> linears_;
};

}  // namespace minitorch
