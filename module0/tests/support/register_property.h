// module0/tests/support/register_property.h
//
// Registers one RapidCheck property per entry of a table (one gtest per
// MathTest function, e.g. Task1_2.OneArg_sig), so a failure names the
// function. RC_GTEST_PROP cannot be written in a loop; gtest's RegisterTest can.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <utility>

namespace minitorch::testing {

template <typename Property>
class PropertyTest : public ::testing::Test {
 public:
  explicit PropertyTest(Property property) : property_(std::move(property)) {}
  void TestBody() override { ::rc::detail::checkGTest(property_); }

 private:
  Property property_;
};

/// Registers `property` (a callable with no arguments that uses `*gen` and
/// RC_ASSERT) as the gtest `suite.name`. Call before RUN_ALL_TESTS, e.g. from
/// a static initializer.
template <typename Property>
void register_property(const std::string& suite, const std::string& name, Property property, const char* file,
                       int line) {
  ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, file, line,
                          [property]() -> ::testing::Test* { return new PropertyTest<Property>(property); });
}

}  // namespace minitorch::testing
