// module0/tests/test_math.cpp
//
// Task 0.1 (operators): the graded tests of the course's test_operators.py
// (Task 0.3's are in test_functional.cpp). Values are drawn on a 0.01 grid, and
// also tiny and next to the kink at 0 (edge_floats): a relu that cuts at
// 0.005 fails here.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <vector>

#include "minitorch/operators.h"
#include "support/close.h"
#include "support/generators.h"
#include "support/math_tests.h"

namespace ops = minitorch::operators;
using minitorch::testing::close;
using minitorch::testing::edge_floats;
using minitorch::testing::small_floats;

// ---------------------------------------------------------------- Task 0.1

RC_GTEST_PROP(Task0_1, SameAsCpp, ()) {
  const double x = *edge_floats({0.0});
  const double y = *edge_floats({0.0});
  MT_RC_ASSERT_CLOSE(ops::mul(x, y), x * y);
  MT_RC_ASSERT_CLOSE(ops::add(x, y), x + y);
  MT_RC_ASSERT_CLOSE(ops::neg(x), -x);
  MT_RC_ASSERT_CLOSE(ops::max(x, y), x > y ? x : y);
  if (std::fabs(x) > 1e-5) {
    MT_RC_ASSERT_CLOSE(ops::inv(x), 1.0 / x);
  }
}

RC_GTEST_PROP(Task0_1, Relu, ()) {
  const double a = *edge_floats({0.0});
  if (a > 0) RC_ASSERT(ops::relu(a) == a);
  if (a < 0) RC_ASSERT(ops::relu(a) == 0.0);
  RC_ASSERT(ops::relu(0.0) == 0.0);
}

RC_GTEST_PROP(Task0_1, ReluBack, ()) {
  const double a = *edge_floats({0.0});
  const double b = *edge_floats({0.0});
  if (a > 0) RC_ASSERT(ops::relu_back(a, b) == b);
  if (a < 0) RC_ASSERT(ops::relu_back(a, b) == 0.0);
  RC_ASSERT(ops::relu_back(0.0, b) == 0.0);
}

RC_GTEST_PROP(Task0_1, Id, ()) {
  const double a = *edge_floats({0.0});
  RC_ASSERT(ops::id(a) == a);
}

RC_GTEST_PROP(Task0_1, Lt, ()) {
  const double a = *edge_floats({0.0});
  RC_ASSERT(ops::lt(a - 1.0, a) == 1.0);
  RC_ASSERT(ops::lt(a, a - 1.0) == 0.0);
  RC_ASSERT(ops::lt(a, a) == 0.0);
}

RC_GTEST_PROP(Task0_1, Max, ()) {
  const double a = *edge_floats({0.0});
  RC_ASSERT(ops::max(a - 1.0, a) == a);
  RC_ASSERT(ops::max(a, a - 1.0) == a);
  RC_ASSERT(ops::max(a + 1.0, a) == a + 1.0);
  RC_ASSERT(ops::max(a, a + 1.0) == a + 1.0);
}

RC_GTEST_PROP(Task0_1, Eq, ()) {
  const double a = *edge_floats({0.0});
  RC_ASSERT(ops::eq(a, a) == 1.0);
  RC_ASSERT(ops::eq(a, a - 1.0) == 0.0);
  RC_ASSERT(ops::eq(a, a + 1.0) == 0.0);
}

RC_GTEST_PROP(Task0_1, IsClose, ()) {
  const double a = *edge_floats({0.0});
  RC_ASSERT(ops::is_close(a, a) == 1.0);
  RC_ASSERT(ops::is_close(a, a + 0.005) == 1.0);
  RC_ASSERT(ops::is_close(a, a - 0.02) == 0.0);
  RC_ASSERT(ops::is_close(a, a + 1.0) == 0.0);
}

RC_GTEST_PROP(Task0_1, SigmoidMatchesFormula, ()) {
  const double a = *edge_floats({0.0});
  MT_RC_ASSERT_CLOSE(ops::sigmoid(a), 1.0 / (1.0 + std::exp(-a)));
}

TEST(Task0_1, SigmoidIsStableForLargeInputs) {
  EXPECT_DOUBLE_EQ(ops::sigmoid(0.0), 0.5);
  EXPECT_NEAR(ops::sigmoid(2.0), 0.8807970779778823, 1e-12);
  EXPECT_NEAR(ops::sigmoid(-2.0), 0.11920292202211755, 1e-12);
  // exp(1000) overflows: a naive 1 / (1 + exp(-x)) gives 0 here, but e^x / (1 + e^x) gives NaN.
  EXPECT_EQ(ops::sigmoid(1000.0), 1.0);
  EXPECT_EQ(ops::sigmoid(-1000.0), 0.0);
  EXPECT_FALSE(std::isnan(ops::sigmoid(-800.0)));
  EXPECT_FALSE(std::isnan(ops::sigmoid(800.0)));
}

RC_GTEST_PROP(Task0_1, LogAndExp, ()) {
  const double a = *edge_floats({0.0});
  MT_RC_ASSERT_CLOSE(ops::exp(a / 10.0), std::exp(a / 10.0));
  MT_RC_ASSERT_CLOSE(ops::log(std::fabs(a) + 1.0), std::log(std::fabs(a) + 1.0));
}

RC_GTEST_PROP(Task0_1, Backs, ()) {
  const double a = *edge_floats({0.0});
  const double d = *edge_floats({0.0});
  const double x = std::fabs(a) + 4.0;
  MT_RC_ASSERT_CLOSE(ops::log_back(x, d), d / x);
  MT_RC_ASSERT_CLOSE(ops::inv_back(a + 200.5, d), -d / ((a + 200.5) * (a + 200.5)));
  MT_RC_ASSERT_CLOSE(ops::inv_back(0.5, d), -4.0 * d);
}

// ---------------------------------------------------------------- not graded
// The MathTest float functions run on small floats (test_one_args/test_two_args).

TEST(MathTables, FloatVersionsAreFinite) {
  int count = 0;
  minitorch::testing::for_each_one_arg([&](const auto& f) {
    for (double a : {-100.0, -3.0, 0.0, 0.5, 2.0, 100.0}) {
      EXPECT_TRUE(std::isfinite(f.base(a))) << f.name << "(" << a << ")";
    }
    ++count;
  });
  minitorch::testing::for_each_two_arg([&](const auto& f) {
    EXPECT_TRUE(std::isfinite(f.base(1.5, -2.0))) << f.name;
    ++count;
  });
  EXPECT_EQ(count, 20);
}
