// module0/tests/support/messages.h
//
// What an error says: tests check that a message names the shapes, the
// index or the file at fault, not only that something was thrown.
#pragma once

#include <string>

namespace minitorch::testing {

/// The message of the exception of type E that `fn` throws (empty when it
/// throws none; an exception of another type propagates).
template <typename E, typename Fn>
std::string message_of(Fn&& fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

}  // namespace minitorch::testing
