// module0/tests/support/register_property.h
//
// Registers one RapidCheck property per entry of a table (one gtest per
// MathTest function, e.g. Task1_2.OneArg_sig), so a failure names the
// function. RC_GTEST_PROP cannot be written in a loop; gtest's RegisterTest can.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>

#include "support/rapidcheck_once.h"

namespace minitorch::testing {

/// The text appended to the name of every test registered below (empty by
/// default). A suite registered once per variant of a backend sets it with
/// TestNameSuffix: Task3_3.OneArg_neg/cudasim_forward, Task3_3.OneArg_neg/cudasim_reverse.
inline std::string& test_name_suffix() {
  static std::string suffix;
  return suffix;
}

/// Sets test_name_suffix() while alive.
class TestNameSuffix {
 public:
  explicit TestNameSuffix(std::string suffix) : previous_(std::exchange(test_name_suffix(), std::move(suffix))) {}
  ~TestNameSuffix() { test_name_suffix() = previous_; }
  TestNameSuffix(const TestNameSuffix&) = delete;
  TestNameSuffix& operator=(const TestNameSuffix&) = delete;

 private:
  std::string previous_;
};

/// A gtest whose body checks a RapidCheck property (check_property).
class PropertyTest : public ::testing::Test {
 public:
  PropertyTest(std::function<void()> property, int max_cases) : property_(std::move(property)), max_cases_(max_cases) {}
  void TestBody() override { check_property(property_, max_cases_); }

 private:
  std::function<void()> property_;
  int max_cases_;
};

/// Registers `property` (a callable with no arguments that uses `*gen` and
/// RC_ASSERT) as the gtest `suite.name`. Call before RUN_ALL_TESTS, e.g. from
/// a static initializer. `max_cases` > 0 caps its successful cases (the
/// original course's max_examples of an expensive property).
inline void register_property(const std::string& suite, const std::string& name, std::function<void()> property,
                              const char* file, int line, int max_cases = 0) {
  const std::string full_name = name + test_name_suffix();
  ::testing::RegisterTest(suite.c_str(), full_name.c_str(), nullptr, nullptr, file, line,
                          [property = std::move(property), max_cases]() -> ::testing::Test* {
                            return new PropertyTest(property, max_cases);
                          });
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
  const std::string full_name = name + test_name_suffix();
  ::testing::RegisterTest(suite.c_str(), full_name.c_str(), nullptr, nullptr, file, line,
                          [body = std::move(body)]() -> ::testing::Test* { return new FunctionTest(body); });
}

}  // namespace minitorch::testing
