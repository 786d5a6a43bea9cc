// module3/cudasim/include/cudasim/schedule.h
//
// The order in which the simulator runs the threads of a block between two
// barriers, and the blocks of a grid. A kernel that is correct runs correctly
// in every order; a missing __syncthreads() usually shows up in one of them,
// so tests run each kernel in at least two (forward and reverse).
//
//   forward        threads 0, 1, 2, ...; blocks in increasing order
//   reverse        threads ..., 2, 1, 0; blocks in decreasing order
//   random:SEED    a fresh shuffle of the threads every round and a shuffled
//                  block order, drawn from SEED: every launch starts from SEED,
//                  so the same launch gets the same schedule whatever ran before
//
// The process default comes from the environment variable CUDASIM_ORDER
// (forward when unset), read once. set_schedule changes it; ScopedSchedule
// overrides it for the calling OS thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cudasim {

enum class Order { forward, reverse, random };

struct Schedule {
  Order order = Order::forward;
  std::uint64_t seed = 0;  ///< used by Order::random only

  friend bool operator==(const Schedule&, const Schedule&) = default;
};

/// Parses "forward", "reverse" or "random:SEED" (SEED a decimal 64-bit number).
/// Throws std::invalid_argument naming the accepted forms otherwise.
Schedule schedule_from_string(std::string_view text);

/// The inverse of schedule_from_string: "forward", "reverse", "random:42".
std::string to_string(const Schedule& schedule);

/// The schedule of the next launch on this OS thread: its ScopedSchedule if one
/// is active, else the process default (CUDASIM_ORDER on first use; throws
/// std::invalid_argument naming the variable if it does not parse).
Schedule current_schedule();

/// Sets the process default (every OS thread without a ScopedSchedule).
void set_schedule(const Schedule& schedule);

/// Overrides the schedule for the calling OS thread while it lives (nestable).
class ScopedSchedule {
 public:
  explicit ScopedSchedule(const Schedule& schedule);
  ~ScopedSchedule();
  ScopedSchedule(const ScopedSchedule&) = delete;
  ScopedSchedule& operator=(const ScopedSchedule&) = delete;

 private:
  std::optional<Schedule> previous_;
};

}  // namespace cudasim
