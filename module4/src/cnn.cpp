// module4/src/cnn.cpp
#include "minitorch/cnn.h"

#include <optional>
#include <string>

#include "minitorch/conv.h"
#include "minitorch/errors.h"
#include "minitorch/matmul.h"
#include "minitorch/nn.h"

namespace minitorch {

Tensor rparam(const Shape& shape, Random& rng, const TensorBackend& backend) {
  return ((rand(shape, rng, backend) - 0.5) * 0.1).detach();
}

Linear::Linear(int in_size, int out_size, Random& rng, const TensorBackend& backend)
    : in_size_(in_size), out_size_(out_size) {
  if (in_size < 1 || out_size < 1) {
    throw ValueError("Linear(" + std::to_string(in_size) + ", " + std::to_string(out_size) + "): sizes must be >= 1");
  }
  weights_ = register_parameter("weights", rparam({in_size, out_size}, rng, backend));
  bias_ = register_parameter("bias", rparam({out_size}, rng, backend));
}

Tensor Linear::forward(const Tensor& x) const {
  if (x.dims() < 1 || x.shape()[0] < 1 || x.size() != x.shape()[0] * in_size_) {
    throw ShapeError("Linear(" + std::to_string(in_size_) + ", " + std::to_string(out_size_) +
                     ") takes inputs of shape (batch, ...) with " + std::to_string(in_size_) +
                     " elements per row, not " + shape_to_string(x.shape()));
  }
  const int batch = x.shape()[0];
  const Tensor rows = x.is_contiguous() ? x : x.contiguous();
  return matmul(rows.view({batch, in_size_}), weights_->value) + bias_->value;
}

Conv1d::Conv1d(int in_channels, int out_channels, int kernel_width, Random& rng, const TensorBackend& backend) {
  if (in_channels < 1 || out_channels < 1 || kernel_width < 1) {
    throw ValueError("Conv1d(" + std::to_string(in_channels) + ", " + std::to_string(out_channels) + ", " +
                     std::to_string(kernel_width) + "): sizes must be >= 1");
  }
  // BEGIN SOLUTION 4.5
  weights_ = register_parameter("weights", rparam({out_channels, in_channels, kernel_width}, rng, backend));
  bias_ = register_parameter("bias", rparam({1, out_channels, 1}, rng, backend));
  // END SOLUTION
}

Tensor Conv1d::forward(const Tensor& input) const {
  // BEGIN SOLUTION 4.5
  return conv1d(input, weights_->value) + bias_->value;
  // END SOLUTION
}

Conv2d::Conv2d(int in_channels, int out_channels, int kernel_height, int kernel_width, Random& rng,
               const TensorBackend& backend) {
  if (in_channels < 1 || out_channels < 1 || kernel_height < 1 || kernel_width < 1) {
    throw ValueError("Conv2d(" + std::to_string(in_channels) + ", " + std::to_string(out_channels) + ", " +
                     std::to_string(kernel_height) + ", " + std::to_string(kernel_width) + "): sizes must be >= 1");
  }
  // BEGIN SOLUTION 4.5
  weights_ =
      register_parameter("weights", rparam({out_channels, in_channels, kernel_height, kernel_width}, rng, backend));
  bias_ = register_parameter("bias", rparam({out_channels, 1, 1}, rng, backend));
  // END SOLUTION
}

Tensor Conv2d::forward(const Tensor& input) const {
  // BEGIN SOLUTION 4.5
  return conv2d(input, weights_->value) + bias_->value;
  // END SOLUTION
}

MnistNetwork::MnistNetwork(std::uint64_t seed, const TensorBackend& backend, double dropout_rate)
    : backend_(&backend), dropout_rate_(dropout_rate), dropout_rng_(seed + 1) {
  Random rng(seed);
  conv1_ = register_module("conv1", std::make_shared<Conv2d>(1, 4, 3, 3, rng, backend));
  conv2_ = register_module("conv2", std::make_shared<Conv2d>(4, 8, 3, 3, rng, backend));
  linear1_ = register_module("linear1", std::make_shared<Linear>(392, 64, rng, backend));
  linear2_ = register_module("linear2", std::make_shared<Linear>(64, kClasses, rng, backend));
}

Tensor MnistNetwork::forward(const Tensor& images) {
  if (images.dims() != 4 || images.shape()[1] != 1 || images.shape()[2] != kHeight || images.shape()[3] != kWidth) {
    throw ShapeError("MnistNetwork takes images of shape (batch, 1, 28, 28), not " + shape_to_string(images.shape()));
  }
  [[maybe_unused]] const int batch = images.shape()[0];
  // BEGIN SOLUTION 4.5
  mid_ = (*conv1_)(images).relu();
  out_ = (*conv2_)(*mid_).relu();
  const Tensor pooled = avgpool2d(*out_, {4, 4});  // (B, 8, 7, 7)
  const Tensor hidden = (*linear1_)(pooled.contiguous().view({batch, 392})).relu();
  const Tensor dropped = dropout(hidden, dropout_rate_, !is_training(), dropout_rng_);
  return logsoftmax((*linear2_)(dropped), 1);
  // END SOLUTION
}

const Tensor& MnistNetwork::mid() const {
  if (!mid_) throw ValueError("MnistNetwork::mid(): no forward has run yet");
  return *mid_;
}

const Tensor& MnistNetwork::out() const {
  if (!out_) throw ValueError("MnistNetwork::out(): no forward has run yet");
  return *out_;
}

WordNetwork::WordNetwork(const WordNetworkOptions& options, std::uint64_t seed, const TensorBackend& backend)
    : options_(options), backend_(&backend), dropout_rng_(seed + 1) {
  if (options.widths.empty()) throw ValueError("WordNetwork: give at least one convolution width");
  Random rng(seed);
  for (const int k : options.widths) {
    const std::string suffix = std::to_string(k);
    convs_.push_back(register_module(
        "conv" + suffix, std::make_shared<Conv1d>(options.alphabet, options.feature_maps, k, rng, backend)));
  }
  for (const int k : options.widths) {
    linears_.push_back(register_module("linear" + std::to_string(k),
                                       std::make_shared<Linear>(options.feature_maps, options.classes, rng, backend)));
  }
}

Tensor WordNetwork::forward(const Tensor& words) {
  if (words.dims() != 3 || words.shape()[1] != options_.alphabet) {
    throw ShapeError("WordNetwork takes one-hot words of shape (batch, " + std::to_string(options_.alphabet) +
                     ", length), not " + shape_to_string(words.shape()));
  }
  [[maybe_unused]] const int batch = words.shape()[0];
  // BEGIN SOLUTION 4.5
  std::optional<Tensor> logits;
  for (std::size_t i = 0; i < convs_.size(); ++i) {
    const Tensor maps = (*convs_[i])(words).relu();                           // (B, F, L)
    const Tensor pooled = max(maps, 2).view({batch, options_.feature_maps});  // (B, F)
    const Tensor dropped = dropout(pooled, options_.dropout_rate, !is_training(), dropout_rng_);
    const Tensor part = (*linears_[i])(dropped);
    logits = logits ? *logits + part : part;
  }
  return logsoftmax(*logits, 1);
  // END SOLUTION
}

}  // namespace minitorch
