// module1/include/minitorch/scalar_functions.h
//
// Task 1.2 (forward) and Task 1.4 (backward): the differentiable functions
// every Scalar operation is made of (scalar_functions.py).
//
// A ScalarFunction is a struct with three static members:
//
//   static constexpr std::string_view name = "Mul";
//   static double forward(ScalarContext& ctx, double a, double b);
//   static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output);
//
// forward computes the value from plain doubles and saves in ctx what
// backward will need (ctx.save_for_backward(a, b)). backward returns d_output
// times the derivative with respect to each input, one per input, in order
// (LocalDerivatives<N> is built from exactly N numbers, and apply<Fn> checks
// that N is forward's number of inputs: a mismatch does not compile).
// Read what forward saved with `const auto [a, b] = ctx.saved<2>();`.
//
// The bodies (your code for Tasks 1.2 and 1.4) are in
// module1/src/scalar_functions.cpp: this header only declares them, so an
// edit recompiles that one file.
//
// Run one with apply<Fn>(inputs...): minitorch::apply<Mul>(x, y).
// Sub and Div are not functions of their own: a - b = Add(a, Neg(b)) and
// a / b = Mul(a, Inv(b)), as in the original.
#pragma once

#include <string_view>

#include "minitorch/scalar.h"

namespace minitorch::scalar_functions {

/// f(a, b) = a + b. (Given: an example of a complete function.)
struct Add {
  static constexpr std::string_view name = "Add";

  static double forward(ScalarContext& /*ctx*/, double a, double b);

  /// df/da = df/db = 1.
  static LocalDerivatives<2> backward(const ScalarContext& /*ctx*/, double d_output);
};

/// f(a) = ln(a). (Given: an example that saves a value for backward.)
struct Log {
  static constexpr std::string_view name = "Log";

  static double forward(ScalarContext& ctx, double a);

  /// df/da = 1 / a.
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output);
};

/// f(a, b) = a * b.
struct Mul {
  static constexpr std::string_view name = "Mul";

  static double forward(ScalarContext& ctx, double a, double b);

  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output);
};

/// f(a) = 1 / a.
struct Inv {
  static constexpr std::string_view name = "Inv";

  static double forward(ScalarContext& ctx, double a);

  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output);
};

/// f(a) = -a.
struct Neg {
  static constexpr std::string_view name = "Neg";

  static double forward(ScalarContext& ctx, double a);

  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output);
};

/// f(a) = sigmoid(a) = 1 / (1 + e^-a).
struct Sigmoid {
  static constexpr std::string_view name = "Sigmoid";

  static double forward(ScalarContext& ctx, double a);

  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output);
};

/// f(a) = relu(a) = max(a, 0).
struct ReLU {
  static constexpr std::string_view name = "ReLU";

  static double forward(ScalarContext& ctx, double a);

  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output);
};

/// f(a) = e^a.
struct Exp {
  static constexpr std::string_view name = "Exp";

  static double forward(ScalarContext& ctx, double a);

  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output);
};

/// f(a, b) = 1.0 if a < b else 0.0.
struct LT {
  static constexpr std::string_view name = "LT";

  static double forward(ScalarContext& ctx, double a, double b);

  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output);
};

/// f(a, b) = 1.0 if a == b else 0.0.
struct EQ {
  static constexpr std::string_view name = "EQ";

  static double forward(ScalarContext& ctx, double a, double b);

  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output);
};

}  // namespace minitorch::scalar_functions
