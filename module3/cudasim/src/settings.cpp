// module3/cudasim/src/settings.cpp
//
// The exited-at-barrier policy (CUDASIM_EXITED) and the watchdog's timeout
// (CUDASIM_WATCHDOG): process-wide atomics, initialised from the environment
// on first use.
#include "cudasim/settings.h"

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace cudasim {

namespace {

constexpr double default_watchdog_seconds = 10.0;

/// The value of environment variable `name`, or "" if unset.
std::string_view environment(const char* name) {
  const char* text = std::getenv(name);
  return text == nullptr ? std::string_view{} : std::string_view{text};
}

/// Parses a timeout in seconds: a finite number >= 0.
double seconds_from_string(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  errno = 0;
  const double seconds = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || errno != 0 || !std::isfinite(seconds) || seconds < 0) {
    throw std::invalid_argument("expected a number of seconds >= 0 (0 disables the watchdog), got '" + copy + "'");
  }
  return seconds;
}

/// Rethrows std::invalid_argument from parse(text) with the variable's name.
template <class Parse>
auto parse_environment(const char* name, std::string_view text, Parse parse) {
  try {
    return parse(text);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("cudasim: environment variable ") + name + ": " + error.what());
  }
}

std::atomic<ExitedPolicy>& exited_policy_value() {
  static std::atomic<ExitedPolicy> value{[] {
    const std::string_view text = environment("CUDASIM_EXITED");
    return text.empty() ? ExitedPolicy::error : parse_environment("CUDASIM_EXITED", text, exited_policy_from_string);
  }()};
  return value;
}

std::atomic<double>& watchdog_value() {
  static std::atomic<double> value{[] {
    const std::string_view text = environment("CUDASIM_WATCHDOG");
    return text.empty() ? default_watchdog_seconds : parse_environment("CUDASIM_WATCHDOG", text, seconds_from_string);
  }()};
  return value;
}

}  // namespace

ExitedPolicy exited_policy_from_string(std::string_view text) {
  if (text == "error") return ExitedPolicy::error;
  if (text == "warn") return ExitedPolicy::warn;
  if (text == "ignore") return ExitedPolicy::ignore;
  throw std::invalid_argument("cudasim: unknown exited-at-barrier policy '" + std::string(text) +
                              "': expected error, warn or ignore");
}

ExitedPolicy exited_policy() { return exited_policy_value().load(std::memory_order_relaxed); }

void set_exited_policy(ExitedPolicy policy) { exited_policy_value().store(policy, std::memory_order_relaxed); }

double watchdog_seconds() { return watchdog_value().load(std::memory_order_relaxed); }

void set_watchdog_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) {
    throw std::invalid_argument("cudasim::set_watchdog_seconds: expected a number of seconds >= 0, got " +
                                std::to_string(seconds));
  }
  watchdog_value().store(seconds, std::memory_order_relaxed);
}

}  // namespace cudasim
