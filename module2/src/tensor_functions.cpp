// module2/src/tensor_functions.cpp
//
// Forward (Task 2.3) and backward (Task 2.4) of every function. Forwards
// compute with the backend table of their input (`a.backend().mul_zip(a, b)`:
// a new tensor, nothing recorded). In backward, d_out and the saved tensors
// are constants, so tensor arithmetic there records nothing either.
#include "minitorch/tensor_functions.h"

#include <algorithm>
#include <string>

namespace minitorch::functions {

// ------------------------------------------------------------- Neg, Inv, Add (forwards given)

Tensor Neg::forward(TensorContext&, const Tensor& a) { return a.backend().neg_map(a); }

/// d(-a)/da = -1.
std::array<Tensor, 1> Neg::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  return {d_out.backend().neg_map(d_out)};
  // END SOLUTION
}

Tensor Inv::forward(TensorContext& ctx, const Tensor& a) {
  ctx.save_for_backward(a);
  return a.backend().inv_map(a);
}

/// d(1/a)/da = -1/a^2: the backend's inv_back_zip(a, d_out).
std::array<Tensor, 1> Inv::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [a] = ctx.saved<1>();
  return {d_out.backend().inv_back_zip(a, d_out)};
  // END SOLUTION
}

Tensor Add::forward(TensorContext&, const Tensor& a, const Tensor& b) { return a.backend().add_zip(a, b); }

/// d(a+b)/da = d(a+b)/db = 1. Return gradients of d_out's shape even where an
/// input was broadcast: chain_rule sums them down to the input's shape.
std::array<Tensor, 2> Add::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  return {d_out, d_out};
  // END SOLUTION
}

// ------------------------------------------------------------- Mul, Sigmoid, ReLU, Log, Exp

/// out = a * b with broadcasting (the backend's mul_zip); save what backward needs.
Tensor Mul::forward(TensorContext& ctx, const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  ctx.save_for_backward(a, b);
  return a.backend().mul_zip(a, b);
  // END SOLUTION
}

/// d(a*b)/da = b, d(a*b)/db = a.
std::array<Tensor, 2> Mul::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [a, b] = ctx.saved<2>();
  const auto& f = d_out.backend();
  return {f.mul_zip(b, d_out), f.mul_zip(a, d_out)};
  // END SOLUTION
}

/// out = sigmoid(a) (the backend's sigmoid_map).
Tensor Sigmoid::forward(TensorContext& ctx, const Tensor& a) {
  // BEGIN SOLUTION 2.3
  Tensor out = a.backend().sigmoid_map(a);
  ctx.save_for_backward(out);
  return out;
  // END SOLUTION
}

/// d sigmoid(a)/da = s * (1 - s) where s = sigmoid(a). Do not forget d_out.
std::array<Tensor, 1> Sigmoid::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [s] = ctx.saved<1>();
  return {d_out * s * (1.0 - s)};
  // END SOLUTION
}

/// out = relu(a) (the backend's relu_map).
Tensor ReLU::forward(TensorContext& ctx, const Tensor& a) {
  // BEGIN SOLUTION 2.3
  ctx.save_for_backward(a);
  return a.backend().relu_map(a);
  // END SOLUTION
}

/// d relu(a)/da = 1 where a > 0, else 0: the backend's relu_back_zip(a, d_out).
std::array<Tensor, 1> ReLU::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [a] = ctx.saved<1>();
  return {d_out.backend().relu_back_zip(a, d_out)};
  // END SOLUTION
}

/// out = ln(a) (the backend's log_map).
Tensor Log::forward(TensorContext& ctx, const Tensor& a) {
  // BEGIN SOLUTION 2.3
  ctx.save_for_backward(a);
  return a.backend().log_map(a);
  // END SOLUTION
}

/// d ln(a)/da = 1/a: the backend's log_back_zip(a, d_out).
std::array<Tensor, 1> Log::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [a] = ctx.saved<1>();
  return {d_out.backend().log_back_zip(a, d_out)};
  // END SOLUTION
}

/// out = e^a (the backend's exp_map).
Tensor Exp::forward(TensorContext& ctx, const Tensor& a) {
  // BEGIN SOLUTION 2.3
  Tensor out = a.backend().exp_map(a);
  ctx.save_for_backward(out);
  return out;
  // END SOLUTION
}

/// d e^a/da = e^a.
std::array<Tensor, 1> Exp::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [out] = ctx.saved<1>();
  return {d_out.backend().mul_zip(out, d_out)};
  // END SOLUTION
}

// ------------------------------------------------------------- reductions

/// out: a's shape with dim -> 1, the sum along dim (the backend's add_reduce).
Tensor Sum::forward(TensorContext& ctx, const Tensor& a, int dim) {
  // BEGIN SOLUTION 2.3
  return a.backend().add_reduce(a, dim);
  // END SOLUTION
}

/// Every element of a contributes once to its sum: the gradient of each is
/// d_out. d_out has size 1 along dim: chain_rule broadcasts it back up.
std::array<Tensor, 1> Sum::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  return {d_out};
  // END SOLUTION
}

Tensor All::forward(TensorContext&, const Tensor& a, int dim) { return a.backend().mul_reduce(a, dim); }

// ------------------------------------------------------------- comparisons

/// out = 1.0 where a < b else 0.0 (the backend's lt_zip).
Tensor LT::forward(TensorContext& ctx, const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  ctx.save_for_backward(a, b);
  return a.backend().lt_zip(a, b);
  // END SOLUTION
}

/// A step function: zero gradients, one per input, each of its input's shape.
std::array<Tensor, 2> LT::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [a, b] = ctx.saved<2>();
  return {zeros(a.shape(), d_out.backend()), zeros(b.shape(), d_out.backend())};
  // END SOLUTION
}

/// out = 1.0 where a == b else 0.0 (the backend's eq_zip).
Tensor EQ::forward(TensorContext& ctx, const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  ctx.save_for_backward(a, b);
  return a.backend().eq_zip(a, b);
  // END SOLUTION
}

/// A step function: zero gradients, one per input, each of its input's shape.
std::array<Tensor, 2> EQ::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const auto [a, b] = ctx.saved<2>();
  return {zeros(a.shape(), d_out.backend()), zeros(b.shape(), d_out.backend())};
  // END SOLUTION
}

/// out = 1.0 where |a - b| < 1e-2 else 0.0 (the backend's is_close_zip).
Tensor IsClose::forward(TensorContext& ctx, const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return a.backend().is_close_zip(a, b);
  // END SOLUTION
}

// ------------------------------------------------------------- layout

/// The same storage with dimensions reordered (TensorData::permute); save
/// the order for backward.
Tensor Permute::forward(TensorContext& ctx, const Tensor& a, const std::vector<int>& order) {
  // BEGIN SOLUTION 2.3
  ctx.save_ints(order);
  return Tensor(a.data().permute(order), a.backend());
  // END SOLUTION
}

/// Dimension i of out is dimension order[i] of a, so d_out goes back through
/// the inverse permutation: inverse[order[i]] = i.
std::array<Tensor, 1> Permute::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const std::vector<int>& order = ctx.saved_ints();
  std::vector<int> inverse(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) inverse[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
  return {Tensor(d_out.data().permute(inverse), d_out.backend())};
  // END SOLUTION
}

Tensor View::forward(TensorContext& ctx, const Tensor& a, const Shape& shape) {
  if (!a.is_contiguous()) {
    throw ValueError("view" + shape_to_string(shape) + " of a tensor of shape " + shape_to_string(a.shape()) +
                     " and strides " + shape_to_string(a.strides()) +
                     ", which is not contiguous: call contiguous() first");
  }
  if (checked_size(shape) != a.size()) {
    throw ValueError("view" + shape_to_string(shape) + " of a tensor of shape " + shape_to_string(a.shape()) +
                     ": the sizes differ (" + std::to_string(checked_size(shape)) + " and " + std::to_string(a.size()) +
                     " elements)");
  }
  ctx.save_ints(a.shape());
  return Tensor(TensorData(a.data().storage(), shape), a.backend());
}

/// d_out seen with the input's shape again (d_out may not be contiguous).
std::array<Tensor, 1> View::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  const Shape& original = ctx.saved_ints();
  return {Tensor(TensorData(d_out.contiguous().data().storage(), original), d_out.backend())};
  // END SOLUTION
}

Tensor Copy::forward(TensorContext&, const Tensor& a) { return a.backend().id_map(a); }

/// A copy passes its gradient through unchanged.
std::array<Tensor, 1> Copy::backward(const TensorContext& ctx, const Tensor& d_out) {
  // BEGIN SOLUTION 2.4
  return {d_out};
  // END SOLUTION
}

}  // namespace minitorch::functions
