// module3/cudasim/src/watchdog.h
//
// The watchdog: a cooperative scheduler cannot preempt a thread that spins
// on a flag another thread of its block would set, so a background thread
// watches a progress counter, ticked each time the scheduler resumes a CUDA
// thread. If a launch makes no progress for watchdog_seconds() it prints the
// kernel, block and thread that is running and ends the process with
// _exit(124) (the exit code of timeout(1)).
//
// Only the launching OS thread writes the state (under the launch mutex);
// the watchdog reads it with relaxed atomics.
#pragma once

#include "cudasim/detail/grid.h"

namespace cudasim::detail {

/// Marks a launch as running while it lives; starts the watchdog thread on
/// the first launch with a nonzero timeout (again in a forked child).
class WatchedLaunch {
 public:
  WatchedLaunch(const LaunchInfo& info, double timeout_seconds);
  ~WatchedLaunch();
  WatchedLaunch(const WatchedLaunch&) = delete;
  WatchedLaunch& operator=(const WatchedLaunch&) = delete;

  /// Records that block `block` starts.
  void enter_block(uint3 block);

  /// Records progress: thread `linear` (of the current block) is resumed.
  void enter_thread(unsigned linear);
};

}  // namespace cudasim::detail
