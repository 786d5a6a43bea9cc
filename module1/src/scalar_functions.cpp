// module1/src/scalar_functions.cpp
//
// Task 1.2 (forward) and Task 1.4 (backward) of every ScalarFunction: the
// contract and the list are in scalar_functions.h.
#include "minitorch/scalar_functions.h"

#include "minitorch/errors.h"
#include "minitorch/operators.h"

namespace minitorch::scalar_functions {

double Add::forward(ScalarContext& /*ctx*/, double a, double b) { return operators::add(a, b); }

/// df/da = df/db = 1.
LocalDerivatives<2> Add::backward(const ScalarContext& /*ctx*/, double d_output) { return {d_output, d_output}; }

double Log::forward(ScalarContext& ctx, double a) {
  ctx.save_for_backward(a);
  return operators::log(a);
}

/// df/da = 1 / a.
LocalDerivatives<1> Log::backward(const ScalarContext& ctx, double d_output) {
  const auto [a] = ctx.saved<1>();
  return operators::log_back(a, d_output);
}

/// Task 1.2: return a * b (operators::mul); save what backward needs.
double Mul::forward(ScalarContext& ctx, double a, double b) {
  // BEGIN SOLUTION 1.2
  ctx.save_for_backward(a, b);
  return operators::mul(a, b);
  // END SOLUTION
}

/// Task 1.4: df/da = b, df/db = a (each times d_output).
LocalDerivatives<2> Mul::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  const auto [a, b] = ctx.saved<2>();
  return {d_output * b, d_output * a};
  // END SOLUTION
}

/// Task 1.2: return 1 / a (operators::inv); save a for backward.
double Inv::forward(ScalarContext& ctx, double a) {
  // BEGIN SOLUTION 1.2
  ctx.save_for_backward(a);
  return operators::inv(a);
  // END SOLUTION
}

/// Task 1.4: df/da = -1 / a^2 (operators::inv_back(a, d_output)).
LocalDerivatives<1> Inv::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  const auto [a] = ctx.saved<1>();
  return operators::inv_back(a, d_output);
  // END SOLUTION
}

/// Task 1.2: return -a (operators::neg). Nothing to save.
double Neg::forward(ScalarContext& ctx, double a) {
  // BEGIN SOLUTION 1.2
  return operators::neg(a);
  // END SOLUTION
}

/// Task 1.4: df/da = -1.
LocalDerivatives<1> Neg::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  return operators::neg(d_output);
  // END SOLUTION
}

/// Task 1.2: return operators::sigmoid(a). Hint: backward only needs the
/// output sigmoid(a), so save that rather than a.
double Sigmoid::forward(ScalarContext& ctx, double a) {
  // BEGIN SOLUTION 1.2
  const double s = operators::sigmoid(a);
  ctx.save_for_backward(s);
  return s;
  // END SOLUTION
}

/// Task 1.4: df/da = sigmoid(a) * (1 - sigmoid(a)). Do not forget the
/// factor d_output: the tests of a lone sigmoid use d_output = 1, training does not.
LocalDerivatives<1> Sigmoid::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  const auto [s] = ctx.saved<1>();
  return d_output * s * (1.0 - s);
  // END SOLUTION
}

/// Task 1.2: return operators::relu(a); save a for backward.
double ReLU::forward(ScalarContext& ctx, double a) {
  // BEGIN SOLUTION 1.2
  ctx.save_for_backward(a);
  return operators::relu(a);
  // END SOLUTION
}

/// Task 1.4: df/da = 1 where a > 0, else 0 (operators::relu_back).
LocalDerivatives<1> ReLU::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  const auto [a] = ctx.saved<1>();
  return operators::relu_back(a, d_output);
  // END SOLUTION
}

/// Task 1.2: return operators::exp(a). Hint: the derivative of e^a is e^a:
/// save the output.
double Exp::forward(ScalarContext& ctx, double a) {
  // BEGIN SOLUTION 1.2
  const double e = operators::exp(a);
  ctx.save_for_backward(e);
  return e;
  // END SOLUTION
}

/// Task 1.4: df/da = e^a.
LocalDerivatives<1> Exp::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  const auto [e] = ctx.saved<1>();
  return d_output * e;
  // END SOLUTION
}

/// Task 1.2: return operators::lt(a, b) (a double, 1.0 or 0.0).
double LT::forward(ScalarContext& ctx, double a, double b) {
  // BEGIN SOLUTION 1.2
  return operators::lt(a, b);
  // END SOLUTION
}

/// Task 1.4: a step function: its derivative is 0 with respect to both
/// inputs (one derivative per input: two numbers, not one).
LocalDerivatives<2> LT::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  return {0.0, 0.0};
  // END SOLUTION
}

/// Task 1.2: return operators::eq(a, b).
double EQ::forward(ScalarContext& ctx, double a, double b) {
  // BEGIN SOLUTION 1.2
  return operators::eq(a, b);
  // END SOLUTION
}

/// Task 1.4: 0 with respect to both inputs.
LocalDerivatives<2> EQ::backward(const ScalarContext& ctx, double d_output) {
  // BEGIN SOLUTION 1.4
  return {0.0, 0.0};
  // END SOLUTION
}

}  // namespace minitorch::scalar_functions
