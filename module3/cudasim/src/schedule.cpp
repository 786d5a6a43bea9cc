// module3/cudasim/src/schedule.cpp
//
// Schedules: parsing, the process default (CUDASIM_ORDER) and the per-OS-
// thread override.
#include "cudasim/schedule.h"

#include <charconv>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace cudasim {

namespace {

/// The process default and the lock that guards it.
struct ProcessSchedule {
  std::mutex mutex;
  Schedule schedule;
};

/// The process default, initialised from CUDASIM_ORDER on first use.
ProcessSchedule& process_schedule() {
  static ProcessSchedule* process = [] {
    const char* text = std::getenv("CUDASIM_ORDER");
    Schedule schedule;
    if (text != nullptr && *text != '\0') {
      try {
        schedule = schedule_from_string(text);
      } catch (const std::invalid_argument& error) {
        throw std::invalid_argument(std::string("environment variable CUDASIM_ORDER: ") + error.what());
      }
    }
    return new ProcessSchedule{{}, schedule};  // never destroyed: launches may run during exit
  }();
  return *process;
}

/// This OS thread's override (ScopedSchedule), if any.
thread_local std::optional<Schedule> thread_schedule;

}  // namespace

Schedule schedule_from_string(std::string_view text) {
  if (text == "forward") return {Order::forward, 0};
  if (text == "reverse") return {Order::reverse, 0};
  constexpr std::string_view random_prefix = "random:";
  if (text.starts_with(random_prefix)) {
    const std::string_view digits = text.substr(random_prefix.size());
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), seed);
    if (!digits.empty() && error == std::errc{} && end == digits.data() + digits.size()) return {Order::random, seed};
  }
  throw std::invalid_argument("cudasim: unknown schedule '" + std::string(text) +
                              "': expected forward, reverse or random:SEED (SEED a decimal 64-bit number, e.g. "
                              "random:42)");
}

std::string to_string(const Schedule& schedule) {
  switch (schedule.order) {
    case Order::forward:
      return "forward";
    case Order::reverse:
      return "reverse";
    case Order::random:
      return "random:" + std::to_string(schedule.seed);
  }
  return "unknown";
}

Schedule current_schedule() {
  if (thread_schedule) return *thread_schedule;
  ProcessSchedule& process = process_schedule();
  const std::scoped_lock lock(process.mutex);
  return process.schedule;
}

void set_schedule(const Schedule& schedule) {
  ProcessSchedule& process = process_schedule();
  const std::scoped_lock lock(process.mutex);
  process.schedule = schedule;
}

ScopedSchedule::ScopedSchedule(const Schedule& schedule) : previous_(thread_schedule) { thread_schedule = schedule; }

ScopedSchedule::~ScopedSchedule() { thread_schedule = previous_; }

}  // namespace cudasim
