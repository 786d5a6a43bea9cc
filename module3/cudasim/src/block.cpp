// module3/cudasim/src/block.cpp
#include "block.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <string>

#include "cudasim/builtins.h"
#include "cudasim/kernel_error.h"
#include "diagnostics.h"

namespace cudasim::detail {

namespace {

/// What the threads of a block did in the last round.
struct Tally {
  unsigned done = 0;
  unsigned waiting = 0;
  unsigned first_done = 0;     ///< lowest index of a returned thread
  unsigned first_waiting = 0;  ///< lowest index of a waiting thread
};

bool same_site(const BarrierSite& a, const BarrierSite& b) {
  return a.line == b.line && a.column == b.column && (a.file == b.file || std::strcmp(a.file, b.file) == 0);
}

/// The thread order of the next round: fixed, or shuffled anew under random.
void prepare_round(LaunchState& launch) {
  std::vector<unsigned>& order = launch.thread_order;
  if (order.size() != launch.workers.size()) {
    order.resize(launch.workers.size());
    std::iota(order.begin(), order.end(), 0u);
    if (launch.order == Order::reverse) std::reverse(order.begin(), order.end());
  }
  if (launch.order == Order::random) std::shuffle(order.begin(), order.end(), launch.random);
}

/// Step 1: resumes every ready thread once; rethrows a thread's exception.
void run_round(LaunchState& launch, dim3 block_dim) {
  prepare_round(launch);
  for (const unsigned i : launch.thread_order) {
    Worker& worker = *launch.workers[i];
    if (worker.state() != ThreadState::ready) continue;
    builtins.thread_idx = thread_coordinates(i, block_dim);
    launch.watch.enter_thread(i);
    worker.resume(launch.task);
    if (std::exception_ptr error = worker.take_error()) std::rethrow_exception(error);
  }
}

Tally tally(const LaunchState& launch) {
  Tally t;
  for (unsigned i = 0; i < launch.workers.size(); ++i) {
    if (launch.workers[i]->state() == ThreadState::done) {
      if (t.done++ == 0) t.first_done = i;
    } else if (t.waiting++ == 0) {
      t.first_waiting = i;
    }
  }
  return t;
}

/// The message of a thread returning while others wait at a barrier.
std::string exited_message(const LaunchState& launch, uint3 block, const Tally& t) {
  const dim3 dim = launch.info.block;
  const Worker& waiting = *launch.workers[t.first_waiting];
  return block_prefix(launch.info, block) + "thread " + coordinates(thread_coordinates(t.first_done, dim)) +
         " returned while thread " + coordinates(thread_coordinates(t.first_waiting, dim)) +
         " waits at __syncthreads() at " + site_text(waiting.site()) + " (" + std::to_string(t.done) + " thread" +
         (t.done == 1 ? "" : "s") + " returned, " + std::to_string(t.waiting) +
         " waiting). A barrier must be reached by every thread of the block: do not return early; guard the work "
         "with `if (i < n)` instead.";
}

/// Throws KernelError(divergent_barrier) if the waiting threads wait at different call sites.
void check_same_barrier(const LaunchState& launch, uint3 block, const Tally& t) {
  const Worker& first = *launch.workers[t.first_waiting];
  for (unsigned i = t.first_waiting + 1; i < launch.workers.size(); ++i) {
    const Worker& other = *launch.workers[i];
    if (other.state() != ThreadState::waiting || same_site(other.site(), first.site())) continue;
    const dim3 dim = launch.info.block;
    throw KernelError(KernelError::Kind::divergent_barrier,
                      block_prefix(launch.info, block) + "threads wait at different __syncthreads() calls: thread " +
                          coordinates(thread_coordinates(t.first_waiting, dim)) + " at " + site_text(first.site()) +
                          ", thread " + coordinates(thread_coordinates(i, dim)) + " at " + site_text(other.site()) +
                          ". Every thread of the block must reach the same __syncthreads() call: do not put a "
                          "barrier inside a branch that only some threads take.");
  }
}

/// Applies the exited-at-barrier policy: throws, warns once per launch, or lets it pass.
void handle_exited(LaunchState& launch, uint3 block, const Tally& t) {
  if (launch.exited == ExitedPolicy::error) {
    throw KernelError(KernelError::Kind::exited_at_barrier, exited_message(launch, block, t));
  }
  if (launch.exited == ExitedPolicy::warn && !launch.warned) {
    launch.warned = true;
    std::fprintf(stderr, "%s (CUDASIM_EXITED=warn: the waiting threads go on; reported once per launch)\n",
                 exited_message(launch, block, t).c_str());
  }
}

/// The value a barrier returns, over the predicates of the waiting threads.
int barrier_value(const LaunchState& launch, const Tally& t) {
  const BarrierReduction reduction = launch.workers[t.first_waiting]->reduction();
  if (reduction == BarrierReduction::none) return 0;
  unsigned count = 0;
  for (const auto& worker : launch.workers) {
    count += worker->state() == ThreadState::waiting && worker->predicate() != 0;
  }
  if (reduction == BarrierReduction::all) return count == t.waiting;
  if (reduction == BarrierReduction::any) return count > 0;
  return static_cast<int>(count);
}

/// Step 2: true when the block is done; else checks the barrier and releases it.
bool settle(LaunchState& launch, uint3 block) {
  const Tally t = tally(launch);
  if (t.waiting == 0) return true;
  if (t.done > 0) handle_exited(launch, block, t);
  check_same_barrier(launch, block, t);
  const int value = barrier_value(launch, t);
  for (const auto& worker : launch.workers) {
    if (worker->state() == ThreadState::waiting) worker->release(value);
  }
  return false;
}

/// Unwinds every thread still parked in the kernel.
void unwind_all(const LaunchState& launch) {
  for (const auto& worker : launch.workers) worker->unwind();
}

}  // namespace

void run_block(LaunchState& launch, uint3 block) {
  builtins.block_idx = block;
  launch.watch.enter_block(block);
  for (const auto& worker : launch.workers) worker->begin_block();
  std::exception_ptr error;
  try {
    do {
      run_round(launch, launch.info.block);
    } while (!settle(launch, block));
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    unwind_all(launch);  // outside the handler: the fibers throw and catch exceptions of their own
    std::rethrow_exception(error);
  }
}

}  // namespace cudasim::detail
