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
// Run one with apply<Fn>(inputs...): minitorch::apply<Mul>(x, y).
// Sub and Div are not functions of their own: a - b = Add(a, Neg(b)) and
// a / b = Mul(a, Inv(b)), as in the original.
#pragma once

#include <string_view>

#include "minitorch/errors.h"
#include "minitorch/operators.h"
#include "minitorch/scalar.h"

namespace minitorch::scalar_functions {

/// f(a, b) = a + b. (Given: an example of a complete function.)
struct Add {
  static constexpr std::string_view name = "Add";

  static double forward(ScalarContext& /*ctx*/, double a, double b) { return operators::add(a, b); }

  /// df/da = df/db = 1.
  static LocalDerivatives<2> backward(const ScalarContext& /*ctx*/, double d_output) { return {d_output, d_output}; }
};

/// f(a) = ln(a). (Given: an example that saves a value for backward.)
struct Log {
  static constexpr std::string_view name = "Log";

  static double forward(ScalarContext& ctx, double a) {
    ctx.save_for_backward(a);
    return operators::log(a);
  }

  /// df/da = 1 / a.
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output) {
    const auto [a] = ctx.saved<1>();
    return operators::log_back(a, d_output);
  }
};

/// f(a, b) = a * b.
struct Mul {
  static constexpr std::string_view name = "Mul";

  /// Task 1.2: return a * b (operators::mul); save what backward needs.
  static double forward(ScalarContext& ctx, double a, double b) {
    // BEGIN SOLUTION 1.2
    ctx.save_for_backward(a, b);
    return operators::mul(a, b);
    // END SOLUTION
  }

  /// Task 1.4: df/da = b, df/db = a (each times d_output).
  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    const auto [a, b] = ctx.saved<2>();
    return {d_output * b, d_output * a};
    // END SOLUTION
  }
};

/// f(a) = 1 / a.
struct Inv {
  static constexpr std::string_view name = "Inv";

  /// Task 1.2: return 1 / a (operators::inv); save a for backward.
  static double forward(ScalarContext& ctx, double a) {
    // BEGIN SOLUTION 1.2
    ctx.save_for_backward(a);
    return operators::inv(a);
    // END SOLUTION
  }

  /// Task 1.4: df/da = -1 / a^2 (operators::inv_back(a, d_output)).
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    const auto [a] = ctx.saved<1>();
    return operators::inv_back(a, d_output);
    // END SOLUTION
  }
};

/// f(a) = -a.
struct Neg {
  static constexpr std::string_view name = "Neg";

  /// Task 1.2: return -a (operators::neg). Nothing to save.
  static double forward(ScalarContext& ctx, double a) {
    // BEGIN SOLUTION 1.2
    return operators::neg(a);
    // END SOLUTION
  }

  /// Task 1.4: df/da = -1.
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    return operators::neg(d_output);
    // END SOLUTION
  }
};

/// f(a) = sigmoid(a) = 1 / (1 + e^-a).
struct Sigmoid {
  static constexpr std::string_view name = "Sigmoid";

  /// Task 1.2: return operators::sigmoid(a). Hint: backward only needs the
  /// output sigmoid(a), so save that rather than a.
  static double forward(ScalarContext& ctx, double a) {
    // BEGIN SOLUTION 1.2
    const double s = operators::sigmoid(a);
    ctx.save_for_backward(s);
    return s;
    // END SOLUTION
  }

  /// Task 1.4: df/da = sigmoid(a) * (1 - sigmoid(a)). Do not forget the
  /// factor d_output: the tests of a lone sigmoid use d_output = 1, training does not.
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    const auto [s] = ctx.saved<1>();
    return d_output * s * (1.0 - s);
    // END SOLUTION
  }
};

/// f(a) = relu(a) = max(a, 0).
struct ReLU {
  static constexpr std::string_view name = "ReLU";

  /// Task 1.2: return operators::relu(a); save a for backward.
  static double forward(ScalarContext& ctx, double a) {
    // BEGIN SOLUTION 1.2
    ctx.save_for_backward(a);
    return operators::relu(a);
    // END SOLUTION
  }

  /// Task 1.4: df/da = 1 where a > 0, else 0 (operators::relu_back).
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    const auto [a] = ctx.saved<1>();
    return operators::relu_back(a, d_output);
    // END SOLUTION
  }
};

/// f(a) = e^a.
struct Exp {
  static constexpr std::string_view name = "Exp";

  /// Task 1.2: return operators::exp(a). Hint: the derivative of e^a is e^a:
  /// save the output.
  static double forward(ScalarContext& ctx, double a) {
    // BEGIN SOLUTION 1.2
    const double e = operators::exp(a);
    ctx.save_for_backward(e);
    return e;
    // END SOLUTION
  }

  /// Task 1.4: df/da = e^a.
  static LocalDerivatives<1> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    const auto [e] = ctx.saved<1>();
    return d_output * e;
    // END SOLUTION
  }
};

/// f(a, b) = 1.0 if a < b else 0.0.
struct LT {
  static constexpr std::string_view name = "LT";

  /// Task 1.2: return operators::lt(a, b) (a double, 1.0 or 0.0).
  static double forward(ScalarContext& ctx, double a, double b) {
    // BEGIN SOLUTION 1.2
    return operators::lt(a, b);
    // END SOLUTION
  }

  /// Task 1.4: a step function: its derivative is 0 with respect to both
  /// inputs (one derivative per input: two numbers, not one).
  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    return {0.0, 0.0};
    // END SOLUTION
  }
};

/// f(a, b) = 1.0 if a == b else 0.0.
struct EQ {
  static constexpr std::string_view name = "EQ";

  /// Task 1.2: return operators::eq(a, b).
  static double forward(ScalarContext& ctx, double a, double b) {
    // BEGIN SOLUTION 1.2
    return operators::eq(a, b);
    // END SOLUTION
  }

  /// Task 1.4: 0 with respect to both inputs.
  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d_output) {
    // BEGIN SOLUTION 1.4
    return {0.0, 0.0};
    // END SOLUTION
  }
};

}  // namespace minitorch::scalar_functions
