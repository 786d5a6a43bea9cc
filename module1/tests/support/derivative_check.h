// module1/tests/support/derivative_check.h
//
// The course's derivative_check (scalar.py): run f forward on Scalars,
// backward with d_output, and compare every input's derivative with
// d_output times the central difference (numpy allclose, rtol = atol = 1e-2).
//
// Compiled once (derivative_check.cpp) for the course's one- and
// two-argument functions: a test file that checks derivatives does not
// instantiate central_difference itself, so editing Task 1.1 rebuilds two
// small files instead of every test of Module 1.
#pragma once

#include <array>
#include <functional>
#include <string>

#include "minitorch/scalar.h"

namespace minitorch::testing {

using ScalarFunction1 = std::function<Scalar(const Scalar&)>;
using ScalarFunction2 = std::function<Scalar(const Scalar&, const Scalar&)>;

/// The failures of a derivative check, one line each; empty when it passes.
std::string derivative_check_failures(const ScalarFunction1& f, const std::array<double, 1>& values,
                                      double d_output = 1.0);
std::string derivative_check_failures(const ScalarFunction2& f, const std::array<double, 2>& values,
                                      double d_output = 1.0);

/// derivative_check inside a RapidCheck property (RC_ASSERT, the failures logged).
void rc_derivative_check(const ScalarFunction1& f, const std::array<double, 1>& values, double d_output = 1.0);
void rc_derivative_check(const ScalarFunction2& f, const std::array<double, 2>& values, double d_output = 1.0);

}  // namespace minitorch::testing
