// module0/tests/test_operators.cpp
//
// Task 0.2: your own property tests of the operators (the course's
// test_operators.py asks for these five). They are graded like mutation
// testing: they must pass on the right operators and catch wrong ones. The
// tests of Tasks 0.1 and 0.3 are in test_math.cpp.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "minitorch/operators.h"
#include "support/close.h"
#include "support/generators.h"

namespace ops = minitorch::operators;
using minitorch::testing::close;
using minitorch::testing::small_floats;

// ---------------------------------------------------------------- Task 0.2
// Your property tests. Write each one with RC_ASSERT (not EXPECT_*: RapidCheck
// cannot see gtest's assertions) using the generators of tests/support.

/// Sigmoid: always between 0 and 1; 1 - sigmoid(a) == sigmoid(-a); it crosses
/// 0.5 at 0; it is strictly increasing (where it is not saturated: sigmoid(40)
/// rounds to exactly 1.0).
RC_GTEST_PROP(Task0_2, Sigmoid, ()) {
  // BEGIN SOLUTION 0.2
  const double a = *small_floats();
  const double s = ops::sigmoid(a);
  RC_ASSERT(s >= 0.0);
  RC_ASSERT(s <= 1.0);
  MT_RC_ASSERT_CLOSE(1.0 - s, ops::sigmoid(-a));
  RC_ASSERT(ops::sigmoid(0.0) == 0.5);
  if (a > -30.0 && a < 30.0) {
    RC_ASSERT(s < ops::sigmoid(a + 0.01));
  }
  // END SOLUTION
}

/// Less-than is transitive: a < b and b < c imply a < c.
RC_GTEST_PROP(Task0_2, Transitive, ()) {
  // BEGIN SOLUTION 0.2
  const double a = *small_floats();
  const double b = *small_floats();
  const double c = *small_floats();
  if (ops::lt(a, b) == 1.0 && ops::lt(b, c) == 1.0) {
    RC_ASSERT(ops::lt(a, c) == 1.0);
  }
  // The same for the sorted triple, so the implication is never vacuous.
  std::vector<double> v = {a, b, c};
  std::sort(v.begin(), v.end());
  if (v[0] < v[1] && v[1] < v[2]) {
    RC_ASSERT(ops::lt(v[0], v[2]) == 1.0);
  }
  // END SOLUTION
}

/// mul is symmetric: mul(x, y) == mul(y, x).
RC_GTEST_PROP(Task0_2, Symmetric, ()) {
  // BEGIN SOLUTION 0.2
  const double x = *small_floats();
  const double y = *small_floats();
  RC_ASSERT(ops::mul(x, y) == ops::mul(y, x));
  // END SOLUTION
}

/// mul distributes over add: z * (x + y) == z * x + z * y.
RC_GTEST_PROP(Task0_2, Distribute, ()) {
  // BEGIN SOLUTION 0.2
  const double x = *small_floats();
  const double y = *small_floats();
  const double z = *small_floats();
  MT_RC_ASSERT_CLOSE(ops::mul(z, ops::add(x, y)), ops::add(ops::mul(z, x), ops::mul(z, y)));
  // END SOLUTION
}

/// One more property of your choice.
RC_GTEST_PROP(Task0_2, Other, ()) {
  // BEGIN SOLUTION 0.2
  // log and exp are inverses, and relu(x) == max(x, 0).
  const double x = *small_floats();
  MT_RC_ASSERT_CLOSE(ops::log(ops::exp(x / 10.0)), x / 10.0);
  RC_ASSERT(ops::relu(x) == ops::max(x, 0.0));
  // END SOLUTION
}
