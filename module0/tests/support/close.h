// module0/tests/support/close.h
//
// Closeness checks for tests. They do not call the student's operators (a
// wrong is_close must not make every other test pass).
#pragma once

#include <cmath>
#include <sstream>
#include <string>

namespace minitorch::testing {

/// Equal infinities, or both NaN: the same result where there is no number
/// (a value drawn at a pole, as numpy's allclose counts them).
inline bool same_non_finite(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

/// The course's closeness: |a - b| < 1e-2.
inline bool close(double a, double b) { return std::fabs(a - b) < 1e-2 || same_non_finite(a, b); }

/// numpy.testing.assert_allclose: |actual - desired| <= atol + rtol * |desired|.
inline bool allclose(double actual, double desired, double rtol = 1e-2, double atol = 1e-2) {
  return std::fabs(actual - desired) <= atol + rtol * std::fabs(desired) || same_non_finite(actual, desired);
}

inline std::string describe(const char* what, double got, double expected) {
  std::ostringstream out;
  out.precision(10);
  out << what << ": got " << got << ", expected " << expected;
  return out.str();
}

}  // namespace minitorch::testing

/// RC_ASSERT with the two values in the message (RC_LOG prints only for the
/// final shrunk case).
#define MT_RC_ASSERT_CLOSE(got, expected)                                              \
  do {                                                                                 \
    const double mt_got_ = (got), mt_expected_ = (expected);                           \
    if (!::minitorch::testing::close(mt_got_, mt_expected_)) {                         \
      RC_LOG() << ::minitorch::testing::describe(#got, mt_got_, mt_expected_) << '\n'; \
    }                                                                                  \
    RC_ASSERT(::minitorch::testing::close(mt_got_, mt_expected_));                     \
  } while (false)
