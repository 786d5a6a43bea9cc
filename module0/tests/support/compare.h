// module0/tests/support/compare.h
//
// Comparisons whose failure says what was got and what was expected: the first
// index where two sequences differ, with both values. GoogleTest forms
// (MT_EXPECT_*) and RapidCheck forms (MT_RC_ASSERT_*), so a failed test shows
// the numbers without --verbose:
//
//   MT_EXPECT_CLOSE(central_difference(f, {5.0}), 1.0);
//     -> central_difference(f, {5.0}): got 1.5, expected 1 (1.0)
//   MT_EXPECT_VALUES_CLOSE(out.to_vector(), (std::vector<double>{11, 16}));
//     -> out.to_vector() at [1]: got 9, expected 16; got {6, 9}, expected {11, 16}
//   MT_EXPECT_ALLCLOSE(got, expected, 1e-9, 1e-9);     // numpy's allclose(rtol, atol)
//   MT_RC_ASSERT_ALLCLOSE(got, expected, 1e-9, 1e-9);  // the same inside a property
//   MT_RC_ASSERT_NO_DIFFERENCE(some_difference(...));  // a "" / message function of a test's own
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "support/close.h"

namespace minitorch::testing {

/// How two numbers are compared: close() (the course's |a - b| < 1e-2) unless a test says otherwise.
using Near = std::function<bool(double got, double expected)>;

/// A near() that is numpy's allclose(rtol, atol).
inline Near allclose_to(double rtol, double atol) {
  return [rtol, atol](double got, double expected) { return allclose(got, expected, rtol, atol); };
}

/// "{1, 2.5, 3}", or its first `limit` values and how many more.
inline std::string values_to_string(std::span<const double> values, std::size_t limit = 16) {
  std::ostringstream out;
  out.precision(10);
  out << '{';
  for (std::size_t i = 0; i < values.size() && i < limit; ++i) out << (i ? ", " : "") << values[i];
  if (values.size() > limit) out << ", ... (" << values.size() - limit << " more)";
  out << '}';
  return out.str();
}

/// "" when got and expected have the same size and near() values at every
/// index; else the first index where they differ (or the two sizes), with both values.
inline std::string values_difference(std::span<const double> got, std::span<const double> expected,
                                     const Near& near = close) {
  std::ostringstream out;
  out.precision(10);
  if (got.size() != expected.size()) {
    out << "got " << got.size() << " values, expected " << expected.size();
  } else {
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (near(got[i], expected[i])) continue;
      out << "at [" << i << "]: got " << got[i] << ", expected " << expected[i];
      break;
    }
    if (out.tellp() == 0) return "";
  }
  out << "; got " << values_to_string(got) << ", expected " << values_to_string(expected);
  return out.str();
}

/// EXPECT_PRED_FORMAT2's form of values_difference (MT_EXPECT_VALUES_CLOSE).
inline ::testing::AssertionResult values_close(const char* got_text, const char*, const std::vector<double>& got,
                                               const std::vector<double>& expected) {
  const std::string difference = values_difference(got, expected);
  if (difference.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << got_text << ' ' << difference;
}

/// EXPECT_PRED_FORMAT4's form of allclose() (MT_EXPECT_ALLCLOSE).
inline ::testing::AssertionResult numbers_allclose(const char* got_text, const char* expected_text, const char*,
                                                   const char*, double got, double expected, double rtol, double atol) {
  if (allclose(got, expected, rtol, atol)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << describe(got_text, got, expected) << " (" << expected_text << "; rtol "
                                       << rtol << ", atol " << atol << ")";
}

/// EXPECT_PRED_FORMAT4's form of values_difference with allclose (MT_EXPECT_VALUES_ALLCLOSE).
inline ::testing::AssertionResult values_allclose(const char* got_text, const char*, const char*, const char*,
                                                  const std::vector<double>& got, const std::vector<double>& expected,
                                                  double rtol, double atol) {
  const std::string difference = values_difference(got, expected, allclose_to(rtol, atol));
  if (difference.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << got_text << ' ' << difference << " (rtol " << rtol << ", atol " << atol
                                       << ")";
}

/// EXPECT_PRED_FORMAT2's form of close() (MT_EXPECT_CLOSE).
inline ::testing::AssertionResult numbers_close(const char* got_text, const char* expected_text, double got,
                                                double expected) {
  if (close(got, expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << describe(got_text, got, expected) << " (" << expected_text
                                       << "; the course's closeness: |got - expected| < 0.01)";
}

}  // namespace minitorch::testing

/// Expects close() numbers, and says both when they are not.
#define MT_EXPECT_CLOSE(got, expected) EXPECT_PRED_FORMAT2(::minitorch::testing::numbers_close, got, expected)

/// Expects the same number of close() values, and says where they first differ.
#define MT_EXPECT_VALUES_CLOSE(got, expected) EXPECT_PRED_FORMAT2(::minitorch::testing::values_close, got, expected)

/// Expects allclose(rtol, atol) numbers, and says both when they are not.
#define MT_EXPECT_ALLCLOSE(got, expected, rtol, atol) \
  EXPECT_PRED_FORMAT4(::minitorch::testing::numbers_allclose, got, expected, rtol, atol)

/// Expects the same number of allclose(rtol, atol) values, and says where they first differ.
#define MT_EXPECT_VALUES_ALLCLOSE(got, expected, rtol, atol) \
  EXPECT_PRED_FORMAT4(::minitorch::testing::values_allclose, got, expected, rtol, atol)

/// RC_ASSERT that a difference (a test's "" or what differs) is empty, logging it otherwise.
#define MT_RC_ASSERT_NO_DIFFERENCE(diff)         \
  do {                                           \
    const std::string mt_diff_ = (diff);         \
    if (!mt_diff_.empty()) RC_LOG() << mt_diff_; \
    RC_ASSERT(mt_diff_.empty());                 \
  } while (false)

/// RC_ASSERT that got is allclose(rtol, atol) to expected, logging both otherwise.
#define MT_RC_ASSERT_ALLCLOSE(got, expected, rtol, atol)                                                          \
  do {                                                                                                            \
    const double mt_got_ = (got), mt_expected_ = (expected);                                                      \
    if (!::minitorch::testing::allclose(mt_got_, mt_expected_, (rtol), (atol))) {                                 \
      RC_LOG() << ::minitorch::testing::describe(#got, mt_got_, mt_expected_) << " (rtol " << (rtol) << ", atol " \
               << (atol) << ")\n";                                                                                \
    }                                                                                                             \
    RC_ASSERT(::minitorch::testing::allclose(mt_got_, mt_expected_, (rtol), (atol)));                             \
  } while (false)
