// module1/include/minitorch/optim.h
//
// Task 1.5: stochastic gradient descent (optim.py's SGD).
//
// SGD<T> works on the parameters of any model, `model.parameters()`: Scalars
// in Module 1, Tensors from Module 2 on. What differs between them (how a
// derivative is read, how the new value is made) is chosen at compile time
// with `if constexpr (requires ...)`, so one class serves both.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "minitorch/module.h"

namespace minitorch {

namespace detail {
template <typename T>
inline constexpr bool kAlwaysFalse = false;

// A Tensor (Module 2 on): an optional gradient, and detach() for a copy outside the graph.
template <typename T>
concept HasGradient = requires(const T value) {
  value.grad();
  value.detach();
};

// A Scalar: an optional derivative and a number.
template <typename T>
concept HasDerivative = requires(const T value) {
  value.derivative();
  value.data();
};

template <typename T>
concept CanZeroGrad = requires(T value) {
  value.zero_grad_();
};
}  // namespace detail

template <typename T>
class SGD {
 public:
  using ParameterPtr = std::shared_ptr<Parameter<T>>;

  /// Optimises `parameters` (shared with the model) with step size `lr`.
  explicit SGD(std::vector<ParameterPtr> parameters, double lr = 1.0) : parameters_(std::move(parameters)), lr_(lr) {}

  /// Forgets every parameter's derivative (Scalar) or gradient (Tensor), so
  /// that the next backward passes start from zero.
  void zero_grad() {
    for (const auto& p : parameters_) {
      if constexpr (detail::CanZeroGrad<T>) {
        p->value.zero_grad_();
      } else {
        static_assert(detail::kAlwaysFalse<T>, "SGD<T> needs T::zero_grad_()");
      }
    }
  }

  /// Task 1.5: one step of gradient descent. Every parameter whose value has
  /// a derivative moves against it by lr times it:
  ///
  ///   new value = value - lr * derivative
  ///
  /// For Scalars: read `p->value.derivative()` (a std::optional<double>: skip
  /// the parameter when it is empty) and give the parameter a fresh leaf
  /// holding the new number with `p->update(T(new_value))` (a new leaf: the old
  /// value's graph is not part of the new one). The Tensor branch is written
  /// for you as an example.
  void step() {
    for (const auto& p : parameters_) {
      if constexpr (detail::HasGradient<T>) {
        // Tensors (Module 2 on): grad() is a std::optional<Tensor>.
        if (const auto grad = p->value.grad()) {
          // value + (-lr) * grad: the same numbers as value - lr * grad,
          // which is value + -(lr * grad), one pass over the tensor fewer.
          p->update(p->value.detach() + (-lr_) * *grad);
        }
      } else if constexpr (detail::HasDerivative<T>) {
        // BEGIN SOLUTION 1.5
        if (const auto derivative = p->value.derivative()) {
          p->update(T(p->value.data() - lr_ * *derivative));
        }
        // END SOLUTION
      } else {
        static_assert(detail::kAlwaysFalse<T>,
                      "SGD<T> needs T::grad() and T::detach() or T::derivative() and T::data()");
      }
    }
  }

  double learning_rate() const { return lr_; }
  const std::vector<ParameterPtr>& parameters() const { return parameters_; }

 private:
  std::vector<ParameterPtr> parameters_;
  double lr_;
};

}  // namespace minitorch
