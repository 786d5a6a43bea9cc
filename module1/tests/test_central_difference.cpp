// module1/tests/test_central_difference.cpp
//
// Task 1.1: numerical derivatives.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "minitorch/central_difference.h"
#include "minitorch/errors.h"
#include "minitorch/operators.h"
#include "minitorch/scalar.h"
#include "support/compare.h"
#include "support/generators.h"

namespace ops = minitorch::operators;
using minitorch::central_difference;
using minitorch::Scalar;
using minitorch::testing::close;
using minitorch::testing::floats_between;
using minitorch::testing::small_floats;

// ---------------------------------------------------------------- Task 1.1

// The original's test_central_diff.
TEST(Task1_1, GoldenValues) {
  MT_EXPECT_CLOSE(central_difference(ops::id, {5.0}, 0), 1.0);
  MT_EXPECT_CLOSE(central_difference(ops::add, {5.0, 10.0}, 0), 1.0);
  MT_EXPECT_CLOSE(central_difference(ops::mul, {5.0, 10.0}, 0), 10.0);
  MT_EXPECT_CLOSE(central_difference(ops::mul, {5.0, 10.0}, 1), 5.0);
  MT_EXPECT_CLOSE(central_difference(ops::exp, {2.0}, 0), ops::exp(2.0));
}

TEST(Task1_1, ArgumentDefaultsToTheFirst) {
  MT_EXPECT_CLOSE(central_difference(ops::mul, {5.0, 10.0}), 10.0);
  MT_EXPECT_CLOSE(central_difference([](double x) { return 3.0 * x; }, {7.0}), 3.0);
}

TEST(Task1_1, EpsilonIsUsed) {
  // For x^3 the central difference is 3 x^2 + epsilon^2: a wrong or ignored
  // epsilon shows.
  const auto cube = [](double x) { return x * x * x; };
  EXPECT_NEAR(central_difference(cube, {1.0}, 0, 0.1), 3.0 + 0.01, 1e-9);
  EXPECT_NEAR(central_difference(cube, {1.0}, 0, 0.5), 3.0 + 0.25, 1e-9);
}

TEST(Task1_1, ManyArguments) {
  // f(a, b, c, d) = a * b + c * c * d: df/dc = 2 c d, df/dd = c^2.
  const auto f = [](double a, double b, double c, double d) { return a * b + c * c * d; };
  const std::array<double, 4> at = {1.5, -2.0, 3.0, 0.5};
  EXPECT_NEAR(central_difference(f, at, 0), -2.0, 1e-4);
  EXPECT_NEAR(central_difference(f, at, 1), 1.5, 1e-4);
  EXPECT_NEAR(central_difference(f, at, 2), 3.0, 1e-4);
  EXPECT_NEAR(central_difference(f, at, 3), 9.0, 1e-4);
}

RC_GTEST_PROP(Task1_1, MatchesTheDerivativeOfSmoothFunctions, ()) {
  const double x = *small_floats();
  const double y = *small_floats();
  // f(x, y) = x^2 y + 3 y: df/dx = 2 x y, df/dy = x^2 + 3.
  const auto f = [](double a, double b) { return a * a * b + 3.0 * b; };
  MT_RC_ASSERT_ALLCLOSE(central_difference(f, {x, y}, 0), 2.0 * x * y, 1e-2, 1e-2);
  MT_RC_ASSERT_ALLCLOSE(central_difference(f, {x, y}, 1), x * x + 3.0, 1e-2, 1e-2);
  // sigmoid' = sigmoid (1 - sigmoid), log' = 1 / x.
  const double s = ops::sigmoid(x / 10.0);
  MT_RC_ASSERT_CLOSE(central_difference([](double a) { return ops::sigmoid(a / 10.0); }, {x}), s * (1.0 - s) / 10.0);
  const double positive = *floats_between(0.5, 100.0);
  MT_RC_ASSERT_ALLCLOSE(central_difference(ops::log, {positive}), 1.0 / positive, 1e-2, 1e-2);
}

// ---------------------------------------------------------------- not graded

TEST(CentralDifference, ArgumentOutOfRangeIsAValueError) {
  try {
    central_difference(ops::mul, {5.0, 10.0}, 2);
    FAIL() << "expected ValueError";
  } catch (const minitorch::ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
  }
}

// derivative_check passes Scalars to central_difference: Scalars need + and -
// with plain numbers, and the result's data() is the value.
TEST(Task1_2, CentralDifferenceOnScalars) {
  const auto f = [](const Scalar& a, const Scalar& b) { return a * b + a; };
  MT_EXPECT_CLOSE(minitorch::central_difference(f, {Scalar(5.0), Scalar(10.0)}, 0), 11.0);
  MT_EXPECT_CLOSE(minitorch::central_difference(f, {Scalar(5.0), Scalar(10.0)}, 1), 5.0);
}
