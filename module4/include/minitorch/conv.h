// module4/include/minitorch/conv.h
//
// Convolutions with autodiff (Tasks 4.1 and 4.2: the kernels they run are
// fast_conv.h's; these functions are given, as in the original course).
//
//   conv1d(input, weight)   input (batch, in_channels, width),
//                           weight (out_channels, in_channels, k_width)
//                           -> (batch, out_channels, width)
//   conv2d(input, weight)   input (batch, in_channels, height, width),
//                           weight (out_channels, in_channels, k_height, k_width)
//                           -> (batch, out_channels, height, width)
//
// The output keeps the input's width (and height): the window runs past the
// right (bottom) edge, where the input counts as 0. A bias is added
// separately: conv1d(x, w) + b with b of shape (1, out_channels, 1).
//
// They compute with the backend of their inputs, which must support the
// operation (the fast backend does: `tensor(..., fast_backend())`); on
// another backend the error names the backends that do.
//
// Backward (the course's derivation): the gradient of a convolution is a
// convolution anchored on the other side with the weights' channels swapped.
//   d input  = conv(d_out, weight with in/out channels swapped, reverse = true)
//   d weight = conv(input with batch/channel swapped, d_out with batch/channel swapped)
//              with the batch and channels of the result swapped back
#pragma once

#include <array>
#include <string_view>

#include "minitorch/tensor.h"
#include "minitorch/tensor_functions.h"

namespace minitorch {

namespace functions {

// out (batch, out_channels, width); saves input and weight
struct Conv1dFun {
  static constexpr std::string_view name = "Conv1d";
  static Tensor forward(TensorContext& ctx, const Tensor& input, const Tensor& weight);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out (batch, out_channels, height, width); saves input and weight
struct Conv2dFun {
  static constexpr std::string_view name = "Conv2d";
  static Tensor forward(TensorContext& ctx, const Tensor& input, const Tensor& weight);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

}  // namespace functions

/// 1-D convolution (recorded for autodiff). ShapeError when the input is not
/// 3-D, the weight not 3-D, or their in_channels differ; Error when the
/// backend has no conv1d.
Tensor conv1d(const Tensor& input, const Tensor& weight);

/// 2-D convolution (recorded for autodiff), with the same checks (4-D).
Tensor conv2d(const Tensor& input, const Tensor& weight);

}  // namespace minitorch
