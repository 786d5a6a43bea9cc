// module1/tests/test_scalar.cpp
//
// Task 1.2 (Scalar operations against the double versions) and Task 1.4
// (derivatives of every operation against central differences), over the
// course's MathTest tables: one gtest per function, e.g. Task1_2.OneArg_sig
// and Task1_4.OneArgDerivative_sig.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "minitorch/errors.h"
#include "minitorch/operators.h"
#include "minitorch/scalar.h"
#include "minitorch/scalar_functions.h"
#include "support/close.h"
#include "support/derivative_check.h"
#include "support/generators.h"
#include "support/math_tests.h"
#include "support/register_property.h"

namespace ops = minitorch::operators;
using minitorch::Scalar;
using minitorch::testing::close;
using minitorch::testing::derivative_check_failures;
using minitorch::testing::edge_floats;
using minitorch::testing::floats_between;
using minitorch::testing::kink_points;
using minitorch::testing::rc_derivative_check;
using minitorch::testing::register_property;
using minitorch::testing::small_floats;

namespace {

// Task1_2.OneArg_<name> / TwoArg_<name>: the Scalar version gives the value
// of the double version (test_one_args, test_two_args).
// Task1_4.OneArgDerivative_<name> / TwoArgDerivative_<name>: backward gives
// the central difference, scaled by a random d_output (test_one_derivative,
// test_two_derivative; the original uses d_output = 1, which misses a
// backward that forgets to multiply by d_output).
[[maybe_unused]] const bool registered = [] {
  minitorch::testing::for_each_one_arg([](const auto& f) {
    const std::string name(f.name);
    register_property(
        "Task1_2", "OneArg_" + name,
        [f] {
          const double a = *edge_floats(kink_points());  // also tiny values and values next to a kink
          MT_RC_ASSERT_CLOSE(f.variable(Scalar(a)).data(), f.base(a));
        },
        __FILE__, __LINE__);
    register_property(
        "Task1_4", "OneArgDerivative_" + name,
        [f] {
          const double a = *small_floats();
          const double d_output = *floats_between(-3.0, 3.0);
          if (f.near_kink(a)) return;  // a kink or a pole: the central difference is meaningless there
          rc_derivative_check([&f](const Scalar& x) { return f.variable(x); }, std::array<double, 1>{a}, d_output);
        },
        __FILE__, __LINE__);
  });
  minitorch::testing::for_each_two_arg([](const auto& f) {
    const std::string name(f.name);
    register_property(
        "Task1_2", "TwoArg_" + name,
        [f] {
          const double a = *edge_floats(kink_points());
          const double b = *edge_floats(kink_points());
          MT_RC_ASSERT_CLOSE(f.variable(Scalar(a), Scalar(b)).data(), f.base(a, b));
        },
        __FILE__, __LINE__);
    register_property(
        "Task1_4", "TwoArgDerivative_" + name,
        [f] {
          const double a = *small_floats();
          const double b = *small_floats();
          const double d_output = *floats_between(-3.0, 3.0);
          if (f.near_kink(a, b)) return;
          rc_derivative_check([&f](const Scalar& x, const Scalar& y) { return f.variable(x, y); },
                              std::array<double, 2>{a, b}, d_output);
        },
        __FILE__, __LINE__);
  });
  return true;
}();

}  // namespace

// ---------------------------------------------------------------- Task 1.2

// The original's test_simple.
RC_GTEST_PROP(Task1_2, SimpleExpressions, ()) {
  const double a = *small_floats();
  const double b = *small_floats();
  MT_RC_ASSERT_CLOSE((Scalar(a) + Scalar(b)).data(), a + b);
  MT_RC_ASSERT_CLOSE((Scalar(a) * Scalar(b)).data(), a * b);
  MT_RC_ASSERT_CLOSE((Scalar(a).relu() + Scalar(b).relu()).data(), ops::relu(a) + ops::relu(b));
  MT_RC_ASSERT_CLOSE((Scalar(a) - Scalar(b)).data(), a - b);
  MT_RC_ASSERT_CLOSE((-Scalar(a)).data(), -a);
}

TEST(Task1_2, PlainNumbersOnEitherSide) {
  const Scalar a(4.0);
  EXPECT_DOUBLE_EQ((a + 1.0).data(), 5.0);
  EXPECT_DOUBLE_EQ((1.0 + a).data(), 5.0);
  EXPECT_DOUBLE_EQ((a - 1.0).data(), 3.0);
  EXPECT_DOUBLE_EQ((1.0 - a).data(), -3.0);
  EXPECT_DOUBLE_EQ((a * 2.0).data(), 8.0);
  EXPECT_DOUBLE_EQ((2.0 * a).data(), 8.0);
  EXPECT_DOUBLE_EQ((a / 2.0).data(), 2.0);
  EXPECT_DOUBLE_EQ((2.0 / a).data(), 0.5);
  EXPECT_DOUBLE_EQ((a < 5.0).data(), 1.0);
  EXPECT_DOUBLE_EQ((5.0 < a).data(), 0.0);
  EXPECT_DOUBLE_EQ((a > 5.0).data(), 0.0);
  EXPECT_DOUBLE_EQ((5.0 > a).data(), 1.0);
  EXPECT_DOUBLE_EQ((a == 4.0).data(), 1.0);
  EXPECT_DOUBLE_EQ((4.0 == a).data(), 1.0);
  EXPECT_DOUBLE_EQ((a == 4.5).data(), 0.0);
}

TEST(Task1_2, ComparisonsReturnOneOrZero) {
  const Scalar small(1.0), big(2.0);
  EXPECT_EQ((small < big).data(), 1.0);
  EXPECT_EQ((big < small).data(), 0.0);
  EXPECT_EQ((small < small).data(), 0.0);
  EXPECT_EQ((big > small).data(), 1.0);
  EXPECT_EQ((small > big).data(), 0.0);
  EXPECT_EQ((small == small).data(), 1.0);
  EXPECT_EQ((small == big).data(), 0.0);
  EXPECT_TRUE(static_cast<bool>(small < big));
  EXPECT_FALSE(static_cast<bool>(small > big));
}

TEST(Task1_2, UnaryFunctions) {
  const Scalar x(0.5);
  EXPECT_NEAR(x.log().data(), std::log(0.5), 1e-12);
  EXPECT_NEAR(x.exp().data(), std::exp(0.5), 1e-12);
  EXPECT_NEAR(x.sigmoid().data(), 1.0 / (1.0 + std::exp(-0.5)), 1e-12);
  EXPECT_EQ(x.relu().data(), 0.5);
  EXPECT_EQ(Scalar(-0.5).relu().data(), 0.0);
  EXPECT_EQ(Scalar(0.0).relu().data(), 0.0);
  EXPECT_EQ(Scalar(-1000.0).sigmoid().data(), 0.0);
}

// Every operation is made of the original's functions, recorded in the history.
TEST(Task1_2, ResultsRememberTheirFunctionAndInputs) {
  const Scalar x(2.0, "x"), y(3.0, "y");
  const auto function_of = [](const Scalar& s) { return std::string(s.function_name()); };
  EXPECT_EQ(function_of(x + y), "Add");
  EXPECT_EQ(function_of(x * y), "Mul");
  EXPECT_EQ(function_of(-x), "Neg");
  EXPECT_EQ(function_of(x.log()), "Log");
  EXPECT_EQ(function_of(x.exp()), "Exp");
  EXPECT_EQ(function_of(x.sigmoid()), "Sigmoid");
  EXPECT_EQ(function_of(x.relu()), "ReLU");
  EXPECT_EQ(function_of(x < y), "LT");
  EXPECT_EQ(function_of(x == y), "EQ");

  const Scalar sum = x + y;
  ASSERT_EQ(sum.parents().size(), 2u);
  EXPECT_EQ(sum.parents()[0].unique_id(), x.unique_id());
  EXPECT_EQ(sum.parents()[1].unique_id(), y.unique_id());

  // a - b = Add(a, Neg(b)); a > b = LT(b, a); a / b = Mul(a, Inv(b)).
  const Scalar difference = x - y;
  EXPECT_EQ(function_of(difference), "Add");
  EXPECT_EQ(difference.parents()[0].unique_id(), x.unique_id());
  EXPECT_EQ(function_of(difference.parents()[1]), "Neg");
  const Scalar greater = x > y;
  EXPECT_EQ(function_of(greater), "LT");
  EXPECT_EQ(greater.parents()[0].unique_id(), y.unique_id());
  EXPECT_EQ(greater.parents()[1].unique_id(), x.unique_id());
  EXPECT_EQ(function_of((x / y).parents()[1]), "Inv");
}

TEST(Task1_2, NumbersBecomeConstants) {
  const Scalar x(2.0, "x");
  const Scalar y = 10.0 * x;
  ASSERT_EQ(y.parents().size(), 2u);
  EXPECT_TRUE(y.parents()[0].is_constant());
  EXPECT_EQ(y.parents()[0].data(), 10.0);
  EXPECT_FALSE(y.is_constant());
  // Nothing tracked in, nothing tracked out.
  const Scalar z = Scalar::constant(2.0) * Scalar::constant(3.0) + 1.0;
  EXPECT_TRUE(z.is_constant());
  EXPECT_EQ(z.data(), 7.0);
}

// ---------------------------------------------------------------- Task 1.4

// Each function's backward at fixed points, with d_output far from 1: a
// backward that forgets the factor d_output (spec pitfall 16) fails here.
TEST(Task1_4, EveryBackwardScalesByDOutput) {
  for (const double d_output : {3.0, -0.5}) {
    minitorch::testing::for_each_one_arg([&](const auto& f) {
      for (const double a : {-2.5, -0.7, 0.3, 1.7}) {
        if (f.near_kink(a)) continue;
        EXPECT_EQ(derivative_check_failures([&f](const Scalar& x) { return f.variable(x); }, std::array<double, 1>{a},
                                            d_output),
                  "")
            << f.name;
      }
    });
    minitorch::testing::for_each_two_arg([&](const auto& f) {
      EXPECT_EQ(derivative_check_failures([&f](const Scalar& x, const Scalar& y) { return f.variable(x, y); },
                                          std::array<double, 2>{1.3, -2.2}, d_output),
                "")
          << f.name;
    });
  }
}

TEST(Task1_4, ElementaryDerivatives) {
  namespace sf = minitorch::scalar_functions;
  const auto derivative_of = [](auto f, double at, double d_output = 2.0) {
    const Scalar x(at);
    f(x).backward(d_output);
    return *x.derivative();
  };
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x * 3.0; }, 1.5), 6.0, 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return 1.0 / x; }, 2.0), -0.5, 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return -x; }, 2.0), -2.0, 1e-12);
  const double s = ops::sigmoid(0.4);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x.sigmoid(); }, 0.4), 2.0 * s * (1.0 - s), 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x.relu(); }, 0.4), 2.0, 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x.relu(); }, -0.4), 0.0, 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x.exp(); }, 0.4), 2.0 * std::exp(0.4), 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x.log(); }, 0.4), 2.0 / 0.4, 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x < 1.0; }, 0.4), 0.0, 1e-12);
  EXPECT_NEAR(derivative_of([](const Scalar& x) { return x == 0.4; }, 0.4), 0.0, 1e-12);
  // Both inputs of a comparison get a derivative (0): one per input.
  const Scalar a(1.0), b(2.0);
  minitorch::apply<sf::LT>(a, b).backward();
  EXPECT_EQ(a.derivative(), 0.0);
  EXPECT_EQ(b.derivative(), 0.0);
}
