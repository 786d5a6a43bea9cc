// module2/include/minitorch/tensor_functions.h
//
// Tasks 2.3 (forward) and 2.4 (backward): the differentiable functions.
//
// Each function is a struct with a name and two static members:
//
//   struct Mul {
//     static constexpr std::string_view name = "Mul";
//     // out = a * b (broadcasting); saves a and b for backward
//     static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
//     // d_out -> (d_out * b, d_out * a)
//     static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
//   };
//
// and is called through apply<Mul>(a, b), which records it in the graph when
// an input requires grad. forward receives its tensor inputs detached (no
// history: it computes values, nothing it does is recorded) and computes
// with the backend of its inputs: `a.backend().mul_zip(a, b)`. Extra non-tensor
// arguments (a dimension, an order, a shape) follow the tensors and get no
// gradient. backward returns one gradient per tensor input (checked at
// compile time). A gradient may come back with the shape of d_out where the
// input was broadcast: chain_rule brings it to the input's shape (expand).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "minitorch/context.h"
#include "minitorch/tensor.h"

namespace minitorch {

/// What a tensor function's forward saves for its backward: tensors, with
/// Module 1's Context (save_for_backward, saved_values, saved<N>), plus
/// integers (a dimension, a permutation, a shape).
class TensorContext : public Context<Tensor> {
 public:
  using Context<Tensor>::Context;

  /// Keeps integers for backward (nothing is kept when no input requires grad).
  void save_ints(std::vector<int> values) {
    if (!no_grad()) ints_ = std::move(values);
  }
  const std::vector<int>& saved_ints() const { return ints_; }

  /// Whether tensor input i (0-based, in forward's order) requires grad: a
  /// backward may skip computing the gradient of an input that does not
  /// (chain_rule never reads it) and return any tensor in its place. apply
  /// records this before forward runs; a context made elsewhere says true.
  bool needs_input_grad(std::size_t i) const { return i >= 64 || ((needs_grad_ >> i) & 1u) != 0; }
  void set_needs_input_grad(std::uint64_t mask) { needs_grad_ = mask; }

 private:
  std::vector<int> ints_;
  std::uint64_t needs_grad_ = ~std::uint64_t{0};
};

/// The functions. Forwards of Neg, Inv, Add, All, View and Copy are given;
/// the others are Task 2.3. Every backward is Task 2.4. MatMul (Module 3) is
/// given, forward and backward.
namespace functions {

// out: shape of a
struct Neg {
  static constexpr std::string_view name = "Neg";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = 1 / a
struct Inv {
  static constexpr std::string_view name = "Inv";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = a + b, out: shape_broadcast(a, b)
struct Add {
  static constexpr std::string_view name = "Add";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = a * b, out: shape_broadcast(a, b)
struct Mul {
  static constexpr std::string_view name = "Mul";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = sigmoid(a)
struct Sigmoid {
  static constexpr std::string_view name = "Sigmoid";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = relu(a)
struct ReLU {
  static constexpr std::string_view name = "ReLU";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = ln(a)
struct Log {
  static constexpr std::string_view name = "Log";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = e^a
struct Exp {
  static constexpr std::string_view name = "Exp";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out: a's shape with dim -> 1, the sum along dim
struct Sum {
  static constexpr std::string_view name = "Sum";
  static Tensor forward(TensorContext& ctx, const Tensor& a, int dim);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out: a's shape with dim -> 1, 1.0 where all of a along dim are non-zero
struct All {
  static constexpr std::string_view name = "All";
  static constexpr bool differentiable = false;
  static Tensor forward(TensorContext& ctx, const Tensor& a, int dim);
};

// out = 1.0 where a < b else 0.0, out: shape_broadcast(a, b)
struct LT {
  static constexpr std::string_view name = "LT";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = 1.0 where a == b else 0.0, out: shape_broadcast(a, b)
struct EQ {
  static constexpr std::string_view name = "EQ";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out = 1.0 where |a - b| < 1e-2 else 0.0 (not differentiable)
struct IsClose {
  static constexpr std::string_view name = "IsClose";
  static constexpr bool differentiable = false;
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
};

// out: dimension i is dimension order[i] of a (same storage)
struct Permute {
  static constexpr std::string_view name = "Permute";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const std::vector<int>& order);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out: `shape` over a's storage (a contiguous, same size)
struct View {
  static constexpr std::string_view name = "View";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Shape& shape);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

// out: a contiguous copy of a
struct Copy {
  static constexpr std::string_view name = "Copy";
  static Tensor forward(TensorContext& ctx, const Tensor& a);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

}  // namespace functions

namespace detail {

template <typename T>
inline constexpr bool is_tensor_v = std::is_same_v<std::remove_cvref_t<T>, Tensor>;

template <typename F>
constexpr bool is_differentiable() {
  if constexpr (requires { F::differentiable; }) {
    return F::differentiable;
  } else {
    return true;
  }
}

// Tensors are handed to forward detached; other arguments unchanged.
template <typename T>
auto forward_argument(const T& value) {
  if constexpr (is_tensor_v<T>) {
    return value.detach();
  } else {
    return std::cref(value);
  }
}

template <typename T>
void collect_input(std::vector<Tensor>& inputs, const T& value) {
  if constexpr (is_tensor_v<T>) inputs.push_back(value);
}

[[noreturn]] void throw_backend_mismatch(std::string_view function, const Tensor& a, const Tensor& b);

/// The graph node of one application of function F to N tensors.
template <typename F, std::size_t N>
class FunctionHistory final : public TensorHistory {
 public:
  FunctionHistory(TensorContext ctx, std::vector<Tensor> inputs)
      : TensorHistory(std::move(inputs)), ctx_(std::move(ctx)) {}
  std::string_view function_name() const override { return F::name; }
  std::vector<Tensor> backward(const Tensor& d_output) const override {
    std::array<Tensor, N> grads = F::backward(ctx_, d_output);
    return std::vector<Tensor>(grads.begin(), grads.end());
  }

 private:
  TensorContext ctx_;
};

}  // namespace detail

/// Applies function F to `args` (tensors first, then F's extra arguments):
/// runs F::forward on detached inputs and, when some input requires grad,
/// records F, its context and the inputs as the history of the result.
template <typename F, typename... Args>
requires(detail::is_tensor_v<Args> || ...) Tensor apply(const Args&... args) {
  constexpr std::size_t n_tensors = (std::size_t{detail::is_tensor_v<Args>} + ... + 0);
  static_assert(n_tensors > 0, "a function needs at least one tensor input");
  // Which tensor inputs require grad (bit i: input i), all on one backend.
  const Tensor* first = nullptr;
  std::size_t index = 0;
  std::uint64_t needs_grad = 0;
  bool need_grad = false;
  const auto check = [&](const auto& arg) {
    if constexpr (detail::is_tensor_v<decltype(arg)>) {
      if (first == nullptr) first = &arg;
      if (&arg.backend() != &first->backend()) detail::throw_backend_mismatch(F::name, *first, arg);
      const bool wants = arg.requires_grad();
      need_grad = need_grad || wants;
      if (wants && index < 64) needs_grad |= std::uint64_t{1} << index;
      ++index;
    }
  };
  (check(args), ...);
  if (!need_grad) {
    // Constants in, a constant out: nothing forward does with its inputs is
    // recorded, so they need no detached copies (nor a list of them).
    TensorContext ctx(true);
    return F::forward(ctx, args...);
  }
  std::vector<Tensor> inputs;
  inputs.reserve(n_tensors);
  (detail::collect_input(inputs, args), ...);
  constexpr bool differentiable = detail::is_differentiable<F>();
  TensorContext ctx(!differentiable);
  ctx.set_needs_input_grad(needs_grad);
  Tensor value = F::forward(ctx, detail::forward_argument(args)...);
  if (!differentiable) return value;  // a constant
  // A fresh node unless nothing else holds value's: what forward returned may
  // also sit in ctx (no cycles).
  Tensor out = detail::TensorAccess::only_handle(value) && !value.requires_grad()
                   ? std::move(value)
                   : Tensor(value.data(), value.backend());
  if constexpr (differentiable) {
    using Grads = decltype(F::backward(std::declval<const TensorContext&>(), std::declval<const Tensor&>()));
    static_assert(std::is_same_v<Grads, std::array<Tensor, n_tensors>>,
                  "backward must return std::array<Tensor, N>: one gradient per tensor input");
    detail::TensorAccess::set_history(
        out, std::make_unique<detail::FunctionHistory<F, n_tensors>>(std::move(ctx), std::move(inputs)));
  }
  return out;
}

}  // namespace minitorch
