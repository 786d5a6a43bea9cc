// module0/tests/support/rapidcheck_once.cpp
//
// The one instantiation of RapidCheck's checker that rapidcheck_once.h
// declares.
#include "support/rapidcheck_once.h"

#include <algorithm>
#include <sstream>
#include <string>

template void rc::detail::checkGTest<void (*)()>(void (*&&)());

namespace minitorch::testing {

void check_property(const std::function<void()>& property, int max_cases) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  rc::detail::TestMetadata metadata;
  metadata.id = std::string(info->test_suite_name()) + "/" + info->name();
  metadata.description = info->name();
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (max_cases > 0) params.maxSuccess = std::min(params.maxSuccess, max_cases);
  const rc::detail::TestResult result = rc::detail::checkTestable(property, metadata, params);
  if (!result.is<rc::detail::SuccessResult>()) {
    std::ostringstream message;
    rc::detail::printResultMessage(result, message);
    ADD_FAILURE() << message.str();
  }
}

}  // namespace minitorch::testing
