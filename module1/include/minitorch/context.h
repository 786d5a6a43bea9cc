// module1/include/minitorch/context.h
//
// What a function's forward pass leaves for its backward pass: the values it
// saved with save_for_backward (autodiff.py's Context). Scalar functions save
// doubles (Context<double>); Module 2's tensor functions can save tensors.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch {

template <typename T>
class Context {
 public:
  Context() = default;
  /// no_grad: nothing will be differentiated (every input is a constant), so
  /// save_for_backward keeps nothing.
  explicit Context(bool no_grad) : no_grad_(no_grad) {}

  /// Keeps `values` for backward (replacing what was saved before), unless
  /// this context is no_grad.
  template <typename... Values>
  void save_for_backward(Values&&... values) {
    if (no_grad_) return;
    saved_.clear();
    saved_.reserve(sizeof...(Values));
    (saved_.emplace_back(std::forward<Values>(values)), ...);
  }

  /// Everything save_for_backward kept, in the order it was given.
  const std::vector<T>& saved_values() const { return saved_; }

  /// The saved values as exactly N values, for structured bindings:
  ///   const auto [a, b] = ctx.saved<2>();
  /// A different count is a ValueError naming both counts.
  template <std::size_t N>
  std::array<T, N> saved() const {
    if (saved_.size() != N) {
      throw ValueError("backward reads " + std::to_string(N) + " saved value(s) but forward saved " +
                       std::to_string(saved_.size()) + " (call ctx.save_for_backward(...) in forward)");
    }
    return as_array(std::make_index_sequence<N>{});
  }

  bool no_grad() const { return no_grad_; }

  /// Frees the saved values (done once backward has used them).
  void release() {
    saved_.clear();
    saved_.shrink_to_fit();
  }

 private:
  template <std::size_t... I>
  std::array<T, sizeof...(I)> as_array(std::index_sequence<I...>) const {
    return {saved_[I]...};
  }

  bool no_grad_ = false;
  std::vector<T> saved_;
};

}  // namespace minitorch
