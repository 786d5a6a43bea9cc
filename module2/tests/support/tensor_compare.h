// module2/tests/support/tensor_compare.h
//
// Tensor comparisons whose failure says what was got and what was expected:
// the shapes when they differ, else the first index where the values differ,
// with both values (and both tensors when they are small). They read the
// tensors through the test support's own indexing, never through the
// student's operations (a wrong is_close must not pass every other test).
//
//   MT_EXPECT_TENSOR_CLOSE(a.sum(0), mt::tensor({{11, 16}}));
//     -> a.sum(0) at (0,1): got 9, expected 16
//        got      shape (1,2): {6, 9}
//        expected shape (1,2): {11, 16}
//   MT_RC_ASSERT_TENSOR_CLOSE(got, expected);  // inside a property
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "minitorch/tensor.h"
#include "support/compare.h"

namespace minitorch::testing {

/// "" when got has expected's shape and near() values at every index; else
/// what differs: the shapes, or the first index with both values.
std::string tensor_difference(const Tensor& got, const Tensor& expected, const Near& near = close);

/// EXPECT_PRED_FORMAT2's form of tensor_difference (MT_EXPECT_TENSOR_CLOSE).
::testing::AssertionResult tensors_close(const char* got_text, const char* expected_text, const Tensor& got,
                                         const Tensor& expected);

}  // namespace minitorch::testing

/// Expects a tensor of expected's shape with close() values; says where it first differs.
#define MT_EXPECT_TENSOR_CLOSE(got, expected) EXPECT_PRED_FORMAT2(::minitorch::testing::tensors_close, got, expected)

/// The same inside a RapidCheck property.
#define MT_RC_ASSERT_TENSOR_CLOSE(got, expected) \
  MT_RC_ASSERT_NO_DIFFERENCE(::minitorch::testing::tensor_difference(got, expected))
