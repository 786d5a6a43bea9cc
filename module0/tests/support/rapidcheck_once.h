// module0/tests/support/rapidcheck_once.h
//
// RapidCheck's checker compiled once for every test program instead of once
// per test file: instantiating it is most of a test file's compile time
// (about 1.5 s of the 2-3 s a small test file takes), so most of a student's
// rebuild after an edit.
//
// - RC_GTEST_PROP(Suite, Name, ()) (a property that draws its values with
//   `*gen` in its body) calls rc::detail::checkGTest with a `void (*)()`,
//   the same type in every test file: declared here as instantiated in
//   rapidcheck_once.cpp (the minitorch_test_support library).
// - A property given as a lambda (one registered in a loop, or for a backend
//   chosen at run time) goes through check_property, a plain function.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>

extern template void rc::detail::checkGTest<void (*)()>(void (*&&)());

namespace minitorch::testing {

/// Runs `property` (no arguments; draws with `*gen`, checks with RC_ASSERT)
/// as RC_GTEST_PROP runs its body, inside the current gtest: RapidCheck's
/// message (the shrunk counterexample, the seed to reproduce it) is a gtest
/// failure. `max_cases` > 0 caps the successful cases (RC_PARAMS can lower
/// them further); 0 keeps RC_PARAMS's max_success.
void check_property(const std::function<void()>& property, int max_cases = 0);

}  // namespace minitorch::testing
