// module3/cudasim/src/block.h
//
// The round-based scheduler of one block:
//
//   1. resume every thread that has not returned, in the schedule's order,
//      until it waits at a __syncthreads() (its call site recorded) or
//      returns;
//   2. settle: all returned -> the block is done; some returned while others
//      wait -> exited-at-barrier (an error by default, see ExitedPolicy);
//      waiting at different call sites -> divergent barrier (an error);
//      otherwise release the waiting threads and go back to 1.
//
// The bookkeeping of a round is done while it runs (no pass over the 1024
// threads per barrier), and a diagnostic's details are looked up only when
// one is raised.
//
// An exception a thread throws stops the block: the threads parked at a
// barrier are unwound and the exception propagates unchanged.
#pragma once

#include <random>
#include <span>
#include <vector>

#include "cudasim/detail/grid.h"
#include "cudasim/schedule.h"
#include "cudasim/settings.h"
#include "traffic_counter.h"
#include "watchdog.h"
#include "worker.h"

namespace cudasim::detail {

/// What every block of one launch shares.
struct LaunchState {
  const LaunchInfo& info;
  ThreadTask task;
  Order order;
  ExitedPolicy exited;
  std::span<Worker> workers;  ///< one per thread of a block
  std::mt19937_64& random;    ///< drawn from for Order::random
  WatchedLaunch& watch;
  TrafficCounter& traffic;               ///< told where blocks and barrier intervals end
  std::vector<uint3> thread_index{};     ///< threadIdx of each linear thread index (filled on first use)
  std::vector<unsigned> thread_order{};  ///< the order of the current round
  bool warned = false;                   ///< the exited-at-barrier warning was printed
};

/// Runs block `block` of the launch to completion (see the top of this file).
void run_block(LaunchState& launch, uint3 block);

}  // namespace cudasim::detail
