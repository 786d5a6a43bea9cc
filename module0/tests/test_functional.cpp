// module0/tests/test_functional.cpp
//
// Task 0.3 (functional helpers): the graded tests of the course's
// test_operators.py for map, zip_with, reduce and the list functions built
// from them. Task 0.1's operators are in test_math.cpp.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/functional.h"
#include "minitorch/operators.h"
#include "support/close.h"
#include "support/generators.h"

namespace ops = minitorch::operators;
using minitorch::testing::close;
using minitorch::testing::float_lists;
using minitorch::testing::small_floats;

// ---------------------------------------------------------------- Task 0.3

RC_GTEST_PROP(Task0_3, ZipWith, ()) {
  const double a = *small_floats(), b = *small_floats(), c = *small_floats(), d = *small_floats();
  const auto sums = minitorch::add_lists({a, b}, {c, d});
  RC_ASSERT(sums.size() == 2u);
  MT_RC_ASSERT_CLOSE(sums[0], a + c);
  MT_RC_ASSERT_CLOSE(sums[1], b + d);
  const auto products = minitorch::zip_with(ops::mul)(std::vector<double>{a, b}, std::vector<double>{c, d});
  MT_RC_ASSERT_CLOSE(products[1], b * d);
}

RC_GTEST_PROP(Task0_3, SumDistribute, ()) {
  // sum(ls1) + sum(ls2) == sum(add_lists(ls1, ls2))
  const auto ls1 = *float_lists(5, 5);
  const auto ls2 = *float_lists(5, 5);
  MT_RC_ASSERT_CLOSE(minitorch::sum(ls1) + minitorch::sum(ls2), minitorch::sum(minitorch::add_lists(ls1, ls2)));
}

RC_GTEST_PROP(Task0_3, Sum, ()) {
  const auto ls = *float_lists(0, 10);  // may be empty: sum({}) == 0
  MT_RC_ASSERT_CLOSE(minitorch::sum(ls), std::accumulate(ls.begin(), ls.end(), 0.0));
}

RC_GTEST_PROP(Task0_3, Prod, ()) {
  const double x = *small_floats(), y = *small_floats(), z = *small_floats();
  MT_RC_ASSERT_CLOSE(minitorch::prod({x, y, z}), x * y * z);
}

TEST(Task0_3, EmptyListsReduceToStart) {
  EXPECT_EQ(minitorch::sum({}), 0.0);
  EXPECT_EQ(minitorch::prod({}), 1.0);
  EXPECT_TRUE(minitorch::neg_list({}).empty());
}

RC_GTEST_PROP(Task0_3, NegList, ()) {
  const auto ls = *float_lists(0, 10);
  const auto negated = minitorch::neg_list(ls);
  RC_ASSERT(negated.size() == ls.size());
  for (std::size_t i = 0; i < ls.size(); ++i) MT_RC_ASSERT_CLOSE(negated[i], -ls[i]);
}

TEST(Task0_3, HigherOrderFunctionsAreGeneric) {
  const std::vector<int> ints = {1, 2, 3};
  const auto as_text = minitorch::map([](int x) { return std::to_string(x); })(ints);
  EXPECT_EQ(as_text, (std::vector<std::string>{"1", "2", "3"}));
  const auto joined = minitorch::zip_with([](const std::string& a, int b) { return a + ":" + std::to_string(b); })(
      as_text, std::vector<int>{4, 5, 6});
  EXPECT_EQ(joined, (std::vector<std::string>{"1:4", "2:5", "3:6"}));
  // reduce folds from the left: fn(x3, fn(x2, fn(x1, start))).
  const auto digits = minitorch::reduce([](int x, long acc) { return acc * 10 + x; }, 0L)(ints);
  EXPECT_EQ(digits, 123L);
}

TEST(Task0_3, ZipWithRejectsDifferentLengths) {
  EXPECT_EQ(minitorch::add_lists({1.0}, {2.0}), std::vector<double>{3.0});
  EXPECT_THROW(minitorch::add_lists({1.0, 2.0}, {1.0}), minitorch::ValueError);
}
