// module4/src/conv.cpp
//
// Conv1dFun and Conv2dFun (given, as in the original course): forward runs
// the backend's kernel, backward runs it twice more (conv.h explains how).
#include "minitorch/conv.h"

#include <string>
#include <utility>
#include <vector>

#include "minitorch/fast_conv.h"

namespace minitorch {

namespace {

const char* op_label(OptionalOp op) { return op == OptionalOp::conv1d ? "conv1d" : "conv2d"; }

// The output shape of a forward convolution: the input's, with the weight's
// out_channels. ShapeError naming both shapes when they do not fit.
Shape forward_shape(OptionalOp op, const Tensor& input, const Tensor& weight) {
  const int dims = op == OptionalOp::conv1d ? 3 : 4;
  if (input.dims() != dims || weight.dims() != dims) {
    throw ShapeError(std::string(op_label(op)) + ": input " + shape_to_string(input.shape()) + ", weight " +
                     shape_to_string(weight.shape()) + ": both must be " + std::to_string(dims) + "-D, " +
                     (dims == 3 ? "input (batch, in_channels, width), weight (out_channels, in_channels, k_width)"
                                : "input (batch, in_channels, height, width), weight (out_channels, in_channels, "
                                  "k_height, k_width)"));
  }
  Shape shape = input.shape();
  shape[1] = weight.shape()[0];
  return shape;
}

// The backend's convolution of input by weight into a new tensor of
// `out_shape` (nothing recorded). The backend must support it; the shapes
// are checked (check_conv_shapes) before the kernel runs.
Tensor run_conv(OptionalOp op, const Tensor& input, const Tensor& weight, const Shape& out_shape, bool reverse) {
  const TensorBackend& backend = input.backend();
  backend.require(op);
  const std::vector<int> strides = strides_from_shape(out_shape);
  check_conv_shapes(op_label(op), static_cast<int>(out_shape.size()), make_layout(out_shape, strides),
                    input.data().layout(), weight.data().layout());
  TensorData out = backend.output(out_shape);  // the kernel writes every element (fast_conv.h)
  const ConvOp& conv = op == OptionalOp::conv1d ? backend.conv1d : backend.conv2d;
  conv(input.data(), weight.data(), reverse, out);
  return Tensor(std::move(out), backend);
}

// t with dimensions 0 and 1 swapped (same storage, nothing recorded).
Tensor swap01(const Tensor& t) {
  std::vector<int> order(static_cast<std::size_t>(t.dims()));
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::swap(order[0], order[1]);
  return Tensor(t.data().permute(order), t.backend());
}

// Both gradients of a convolution (1-D or 2-D alike); the gradient of an
// input that requires none (the images of a first layer) is not computed:
// zeros in its place, which chain_rule does not read.
std::array<Tensor, 2> conv_backward(OptionalOp op, const TensorContext& ctx, const Tensor& d_out) {
  const auto [input, weight] = ctx.saved<2>();
  const TensorBackend& backend = d_out.backend();
  // d weight[o, c, k] = sum over b, t of d_out[b, o, t] * input[b, c, t + k]: a
  // convolution of input (channels as the batch) by d_out (its batch as the
  // in-channels), whose output (in_channels, out_channels, kernel) is swapped back.
  Shape weight_t = weight.shape();
  std::swap(weight_t[0], weight_t[1]);
  const Tensor d_weight = ctx.needs_input_grad(1) ? swap01(run_conv(op, swap01(input), swap01(d_out), weight_t, false))
                                                  : Tensor(backend.zeros(weight.shape()), backend);
  // d input[b, c, s] = sum over o, k of d_out[b, o, s - k] * weight[o, c, k]:
  // d_out by the weight with its channels swapped, anchored on the right.
  const Tensor d_input = ctx.needs_input_grad(0) ? run_conv(op, d_out, swap01(weight), input.shape(), true)
                                                 : Tensor(backend.zeros(input.shape()), backend);
  return {d_input, d_weight};
}

}  // namespace

namespace functions {

Tensor Conv1dFun::forward(TensorContext& ctx, const Tensor& input, const Tensor& weight) {
  ctx.save_for_backward(input, weight);
  return run_conv(OptionalOp::conv1d, input, weight, forward_shape(OptionalOp::conv1d, input, weight), false);
}

std::array<Tensor, 2> Conv1dFun::backward(const TensorContext& ctx, const Tensor& d_out) {
  return conv_backward(OptionalOp::conv1d, ctx, d_out);
}

Tensor Conv2dFun::forward(TensorContext& ctx, const Tensor& input, const Tensor& weight) {
  ctx.save_for_backward(input, weight);
  return run_conv(OptionalOp::conv2d, input, weight, forward_shape(OptionalOp::conv2d, input, weight), false);
}

std::array<Tensor, 2> Conv2dFun::backward(const TensorContext& ctx, const Tensor& d_out) {
  return conv_backward(OptionalOp::conv2d, ctx, d_out);
}

}  // namespace functions

Tensor conv1d(const Tensor& input, const Tensor& weight) { return apply<functions::Conv1dFun>(input, weight); }

Tensor conv2d(const Tensor& input, const Tensor& weight) { return apply<functions::Conv2dFun>(input, weight); }

}  // namespace minitorch
