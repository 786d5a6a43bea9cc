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

/// What the threads of a block did in one round.
struct Tally {
  unsigned done = 0;              ///< threads that have returned (this round or before)
  unsigned waiting = 0;           ///< threads waiting at a barrier
  unsigned nonzero = 0;           ///< waiting threads whose predicate is nonzero
  const Worker* first = nullptr;  ///< the first thread that waited this round
  bool divergent = false;         ///< some waiting thread is at another site than `first`
};

bool same_site(const BarrierSite& a, const BarrierSite& b) {
  return a.line == b.line && a.column == b.column && (a.file == b.file || std::strcmp(a.file, b.file) == 0);
}

/// The thread order of the next round: fixed, or shuffled anew under random.
/// Fills the launch's table of thread indices on first use.
void prepare_round(LaunchState& launch) {
  if (launch.thread_index.size() != launch.workers.size()) {
    launch.thread_index.resize(launch.workers.size());
    for (unsigned i = 0; i < launch.workers.size(); ++i)
      launch.thread_index[i] = thread_coordinates(i, launch.info.block);
  }
  std::vector<unsigned>& order = launch.thread_order;
  if (order.size() != launch.workers.size()) {
    order.resize(launch.workers.size());
    std::iota(order.begin(), order.end(), 0u);
    if (launch.order == Order::reverse) std::reverse(order.begin(), order.end());
  }
  if (launch.order == Order::random) std::shuffle(order.begin(), order.end(), launch.random);
}

/// Counts what `worker` did when it last ran.
void count(Tally& t, const Worker& worker) {
  if (worker.state() == ThreadState::done) {
    ++t.done;
    return;
  }
  ++t.waiting;
  t.nonzero += worker.predicate() != 0;
  if (t.first == nullptr) {
    t.first = &worker;
  } else if (!t.divergent && !same_site(worker.site(), t.first->site())) {
    t.divergent = true;
  }
}

/// Step 1: resumes every thread that has not returned (a waiting one passes its
/// barrier with `value`); rethrows a thread's exception. `done`: the threads
/// that had returned before.
Tally run_round(LaunchState& launch, unsigned done, int value) {
  prepare_round(launch);
  Tally t;
  t.done = done;
  for (const unsigned i : launch.thread_order) {
    Worker& worker = launch.workers[i];
    if (worker.state() == ThreadState::done) continue;
    worker.release(value);
    builtins.thread_idx = launch.thread_index[i];
    launch.watch.enter_thread(i);
    launch.traffic.enter_thread(worker.stack(), i);
    worker.resume(launch.task);
    if (worker.failed()) std::rethrow_exception(worker.take_error());
    count(t, worker);
  }
  return t;
}

/// The lowest index of a thread in state `state`.
unsigned first_in_state(const LaunchState& launch, ThreadState state) {
  unsigned i = 0;
  while (i < launch.workers.size() && launch.workers[i].state() != state) ++i;
  return i;
}

/// "thread (x,y,z)" of linear index `i`.
std::string thread_text(const LaunchState& launch, unsigned i) {
  return "thread " + coordinates(thread_coordinates(i, launch.info.block));
}

/// The message of a thread returning while others wait at a barrier.
std::string exited_message(const LaunchState& launch, uint3 block, const Tally& t) {
  const unsigned waiting = first_in_state(launch, ThreadState::waiting);
  return block_prefix(launch.info, block) + thread_text(launch, first_in_state(launch, ThreadState::done)) +
         " returned while " + thread_text(launch, waiting) + " waits at __syncthreads() at " +
         site_text(launch.workers[waiting].site()) + " (" + std::to_string(t.done) + " thread" +
         (t.done == 1 ? "" : "s") + " returned, " + std::to_string(t.waiting) +
         " waiting). A barrier must be reached by every thread of the block: do not return early; guard the work "
         "with `if (i < n)` instead.";
}

/// The KernelError of threads waiting at different call sites.
KernelError divergent_error(const LaunchState& launch, uint3 block) {
  const unsigned first = first_in_state(launch, ThreadState::waiting);
  const BarrierSite& site = launch.workers[first].site();
  unsigned other = first + 1;
  while (launch.workers[other].state() != ThreadState::waiting || same_site(launch.workers[other].site(), site)) {
    ++other;
  }
  return KernelError(KernelError::Kind::divergent_barrier,
                     block_prefix(launch.info, block) + "threads wait at different __syncthreads() calls: " +
                         thread_text(launch, first) + " at " + site_text(site) + ", " + thread_text(launch, other) +
                         " at " + site_text(launch.workers[other].site()) +
                         ". Every thread of the block must reach the same __syncthreads() call: do not put a "
                         "barrier inside a branch that only some threads take.");
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

/// The value the barrier returns to the threads it releases.
int barrier_value(const Tally& t) {
  switch (t.first->reduction()) {
    case BarrierReduction::none:
      return 0;
    case BarrierReduction::count:
      return static_cast<int>(t.nonzero);
    case BarrierReduction::all:
      return t.nonzero == t.waiting;
    case BarrierReduction::any:
      return t.nonzero > 0;
  }
  return 0;
}

/// Unwinds every thread still parked in the kernel.
void unwind_all(const LaunchState& launch) {
  for (Worker& worker : launch.workers) worker.unwind();
}

/// Steps 1 and 2 until every thread has returned.
void run_rounds(LaunchState& launch, uint3 block) {
  unsigned done = 0;
  int value = 0;
  for (;;) {
    const Tally t = run_round(launch, done, value);
    launch.traffic.end_interval(t.waiting > 0, t.first != nullptr ? &t.first->site() : nullptr);
    launch.traffic.throw_if_failed();
    if (t.waiting == 0) return;
    if (t.done > 0) handle_exited(launch, block, t);
    if (t.divergent) throw divergent_error(launch, block);
    done = t.done;
    value = barrier_value(t);
  }
}

}  // namespace

void run_block(LaunchState& launch, uint3 block) {
  builtins.block_idx = block;
  launch.watch.enter_block(block);
  for (Worker& worker : launch.workers) worker.begin_block();
  launch.traffic.begin_block(block, static_cast<unsigned>(launch.workers.size()));
  std::exception_ptr error;
  try {
    run_rounds(launch, block);
    launch.traffic.end_block();
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    unwind_all(launch);  // outside the handler: the fibers throw and catch exceptions of their own
    std::rethrow_exception(error);
  }
}

}  // namespace cudasim::detail
