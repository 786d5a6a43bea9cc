// module0/tests/support/register_property.h
//
// Registers one RapidCheck property per entry of a table (one gtest per
// MathTest function, e.g. Task1_2.OneArg_sig), so a failure names the
// function. RC_GTEST_PROP cannot be written in a loop; gtest's RegisterTest can.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
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

/// A gtest whose body is a plain function (EXPECT_* inside).
class FunctionTest : public ::testing::Test {
 public:
  explicit FunctionTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

/// Registers `body` as the gtest `suite.name` (a test written in a loop or
/// for a backend given at run time). Call before RUN_ALL_TESTS.
inline void register_test(const std::string& suite, const std::string& name, std::function<void()> body,
                          const char* file = __builtin_FILE(), int line = __builtin_LINE()) {
  ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, file, line,
                          [body = std::move(body)]() -> ::testing::Test* { return new FunctionTest(body); });
}

}  // namespace minitorch::testing
