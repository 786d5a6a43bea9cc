// module4/src/nn.cpp
//
// Pooling (Task 4.3), and max, argmax, softmax, logsoftmax, max pooling and
// dropout (Task 4.4), all from tensor operations.
#include "minitorch/nn.h"

#include <cmath>
#include <string>

namespace minitorch {

// ------------------------------------------------------------- Task 4.3

namespace {

// ShapeError unless input is 4-D (batch, channel, height, width) and its
// height and width are multiples of the kernel's; ValueError for a kernel
// below 1x1. `op` names the caller in the message.
void check_windows(const char* op, const Tensor& input, Kernel2d kernel) {
  const auto [kh, kw] = kernel;
  if (input.dims() != 4) {
    throw ShapeError(std::string(op) + ": the input must be 4-D (batch, channel, height, width), got shape " +
                     shape_to_string(input.shape()));
  }
  if (kh < 1 || kw < 1) {
    throw ValueError(std::string(op) + ": the kernel (" + std::to_string(kh) + ", " + std::to_string(kw) +
                     ") must be at least 1x1");
  }
  const int height = input.shape()[2], width = input.shape()[3];
  if (height % kh != 0 || width % kw != 0) {
    throw ShapeError(std::string(op) + ": an input of shape " + shape_to_string(input.shape()) +
                     " cannot be cut into " + std::to_string(kh) + "x" + std::to_string(kw) + " windows: " +
                     (height % kh != 0
                          ? "height " + std::to_string(height) + " is not divisible by " + std::to_string(kh)
                          : "width " + std::to_string(width) + " is not divisible by " + std::to_string(kw)));
  }
}

}  // namespace

Tiled tile(const Tensor& input, Kernel2d kernel) {
  check_windows("tile", input, kernel);
  const auto [kh, kw] = kernel;
  const int height = input.shape()[2], width = input.shape()[3];
  // BEGIN SOLUTION 4.3
  const int batch = input.shape()[0], channel = input.shape()[1];
  const int new_height = height / kh, new_width = width / kw;
  // (b, c, h, w) = (b, c, nh, kh, nw, kw): bring each window's kw next to its kh.
  const Tensor windows = input.contiguous()
                             .view({batch, channel, new_height, kh, new_width, kw})
                             .permute({0, 1, 2, 4, 3, 5})
                             .contiguous()
                             .view({batch, channel, new_height, new_width, kh * kw});
  return {windows, new_height, new_width};
  // END SOLUTION
}

Tensor avgpool2d(const Tensor& input, Kernel2d kernel) {
  check_windows("avgpool2d", input, kernel);
  // BEGIN SOLUTION 4.3
  // tile(input, kernel).mean(4) is the plain way. Faster: each window summed
  // where it lies, (b, c, nh, kh, nw, kw) summed over kh (whole rows of the
  // image at a time), then over kw: no permuted copy, forward or back.
  const auto [kh, kw] = kernel;
  const int batch = input.shape()[0], channel = input.shape()[1];
  const int new_height = input.shape()[2] / kh, new_width = input.shape()[3] / kw;
  const Tensor windows = input.contiguous().view({batch, channel, new_height, kh, new_width, kw});
  return windows.sum(3).sum(5).view({batch, channel, new_height, new_width}) / static_cast<double>(kh * kw);
  // END SOLUTION
}

// ------------------------------------------------------------- Task 4.4

Tensor argmax(const Tensor& input, int dim) {
  // BEGIN SOLUTION 4.4
  const TensorBackend& backend = input.backend();
  return backend.eq_zip(backend.max_reduce(input, dim), input);
  // END SOLUTION
}

namespace functions {

Tensor Max::forward(TensorContext& ctx, const Tensor& input, int dim) {
  // BEGIN SOLUTION 4.4
  ctx.save_for_backward(input);
  ctx.save_ints({dim});
  return input.backend().max_reduce(input, dim);
  // END SOLUTION
}

std::array<Tensor, 1> Max::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 4.4
  const auto [input] = ctx.saved<1>();
  return {d_out.backend().mul_zip(d_out, argmax(input, ctx.saved_ints()[0]))};
  // END SOLUTION
}

}  // namespace functions

Tensor max(const Tensor& input, int dim) {
  // BEGIN SOLUTION 4.4
  return apply<functions::Max>(input, dim);
  // END SOLUTION
}

Tensor softmax(const Tensor& input, int dim) {
  // BEGIN SOLUTION 4.4
  // Shifting by a constant along dim leaves the softmax unchanged (and its
  // gradient: the shift needs none), and keeps every exp <= 1.
  const Tensor e = (input - max(input.detach(), dim)).exp();
  return e / e.sum(dim);
  // END SOLUTION
}

Tensor logsoftmax(const Tensor& input, int dim) {
  // BEGIN SOLUTION 4.4
  const Tensor m = max(input.detach(), dim);
  return input - ((input - m).exp().sum(dim).log() + m);
  // END SOLUTION
}

Tensor maxpool2d(const Tensor& input, Kernel2d kernel) {
  // BEGIN SOLUTION 4.4
  const auto [tiled, new_height, new_width] = tile(input, kernel);
  return max(tiled, 4).view({input.shape()[0], input.shape()[1], new_height, new_width});
  // END SOLUTION
}

Tensor dropout(const Tensor& input, double rate, bool ignore, Random& rng) {
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw ValueError("dropout: the rate must be in [0, 1], got " + std::to_string(rate));
  }
  // BEGIN SOLUTION 4.4
  if (ignore) return input;
  const Tensor drawn = rand(input.shape(), rng, input.backend());
  return input * (1.0 - (drawn < rate));
  // END SOLUTION
}

Tensor dropout(const Tensor& input, double rate, bool ignore) {
  return dropout(input, rate, ignore, dropout_generator());
}

Random& dropout_generator() {
  static Random generator(0);
  return generator;
}

}  // namespace minitorch
