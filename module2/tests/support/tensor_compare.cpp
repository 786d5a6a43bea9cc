// module2/tests/support/tensor_compare.cpp
#include "support/tensor_compare.h"

#include <sstream>
#include <vector>

#include "support/tensor_generators.h"

namespace minitorch::testing {

namespace {

constexpr int kPrintedSize = 32;  // tensors up to this many elements are printed beside the difference

// "shape (1,2): {6, 9}": the values in row-major order, read by the test support's indexing.
std::string printed(const Tensor& t) {
  std::vector<double> values;
  for (const UserIndex& index : all_indices(t.shape())) values.push_back(element(t, index));
  return "shape " + shape_to_string(t.shape()) + ": " + values_to_string(values, kPrintedSize);
}

// The first index where got and expected differ, with both values; "" if none.
std::string first_differing_value(const Tensor& got, const Tensor& expected, const Near& near) {
  for (const UserIndex& index : all_indices(got.shape())) {
    const double g = element(got, index), e = element(expected, index);
    if (near(g, e)) continue;
    std::ostringstream out;
    out.precision(10);
    out << "at " << shape_to_string(index) << ": got " << g << ", expected " << e;
    return out.str();
  }
  return "";
}

}  // namespace

std::string tensor_difference(const Tensor& got, const Tensor& expected, const Near& near) {
  std::string difference;
  if (got.shape() != expected.shape()) {
    difference = "shape " + shape_to_string(got.shape()) + ", expected shape " + shape_to_string(expected.shape());
  } else {
    difference = first_differing_value(got, expected, near);
  }
  if (difference.empty()) return "";
  if (got.size() <= kPrintedSize && expected.size() <= kPrintedSize) {
    difference += "\ngot      " + printed(got) + "\nexpected " + printed(expected);
  }
  return difference;
}

::testing::AssertionResult tensors_close(const char* got_text, const char*, const Tensor& got, const Tensor& expected) {
  const std::string difference = tensor_difference(got, expected);
  if (difference.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << got_text << ' ' << difference;
}

}  // namespace minitorch::testing
