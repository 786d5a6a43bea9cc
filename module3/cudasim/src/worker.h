// module3/cudasim/src/worker.h
//
// A worker: the pooled fiber that runs CUDA thread i of every block a launch
// on this OS thread runs. Workers are created once per OS thread and reused
// (creating 1024 fibers per block would cost more than running it).
//
// Scheduler side: resume() runs the worker's thread until it waits at a
// barrier or returns; release() lets a waiting thread go on at its next
// resume(); unwind() destroys the kernel frames of a thread parked at a
// barrier (after an error), so the next block starts clean.
// Fiber side: wait() parks the running thread at a barrier.
//
// The switch paths are inline on purpose: every return across a fiber switch
// is mispredicted (the CPU's return-address stack belongs to the other
// stack), so each call level between the scheduler or the kernel and the
// switch costs about as much as the switch itself.
#pragma once

#include <boost/context/fiber.hpp>
#include <cstddef>
#include <exception>
#include <span>
#include <utility>

#include "cudasim/detail/grid.h"
#include "cudasim/sync.h"
#include "fiber_sanitizer.h"

namespace cudasim::detail {

enum class ThreadState { ready, waiting, done };

class Worker;

/// The worker whose fiber runs now on this OS thread; nullptr outside a kernel.
inline thread_local Worker* running_worker = nullptr;

class Worker {
 public:
  Worker() = default;
  /// Ends the fiber (unwinding a thread still in a kernel).
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// Sets the thread index the worker serves (which decides where its stack starts).
  void set_index(unsigned index) { index_ = index; }

  /// Makes the worker a fresh thread of a new block.
  void begin_block() { state_ = ThreadState::ready; }

  /// Runs the thread (from the start of `task` or from its barrier) until it
  /// waits at a barrier or returns. Only for a ready worker.
  void resume(const ThreadTask& task) {
    task_ = task;
    if (!fiber_) start_fiber();
    switch_to_fiber();
  }

  /// Lets a waiting thread pass its barrier with `result` as the barrier's value.
  void release(int result) {
    result_ = result;
    state_ = ThreadState::ready;
  }

  /// Destroys the kernel frames of a thread parked at a barrier (a no-op
  /// for one that has not started or has returned); the thread is then done.
  void unwind();

  /// Fiber side: parks the running thread at the barrier `site`; returns the
  /// barrier's value once released. Throws Unwind when unwound.
  int wait(const BarrierSite& site, BarrierReduction reduction, int predicate) {
    state_ = ThreadState::waiting;
    site_ = site;
    reduction_ = reduction;
    predicate_ = predicate;
    switch_to_scheduler();
    if (unwinding_) throw_unwind();
    return result_;
  }

  ThreadState state() const { return state_; }
  /// The fiber's stack (filled in when the fiber starts, in resume).
  const StackBounds& stack() const { return stack_; }
  const BarrierSite& site() const { return site_; }
  BarrierReduction reduction() const { return reduction_; }
  int predicate() const { return predicate_; }
  /// The thread's kernel threw an exception (take it with take_error).
  bool failed() const { return static_cast<bool>(error_); }
  /// The exception the thread's kernel threw (once; null if none).
  std::exception_ptr take_error() { return std::exchange(error_, nullptr); }

 private:
  void start_fiber();
  boost::context::fiber main(boost::context::fiber&& scheduler);
  void run_task();
  [[noreturn]] static void throw_unwind();

  void switch_to_fiber() {
    Worker* const outer = std::exchange(running_worker, this);
    void* fake_stack = nullptr;
    asan_start_switch(&fake_stack, stack_);
    fiber_ = std::move(fiber_).resume();
    asan_finish_switch(fake_stack, nullptr);
    running_worker = outer;
  }

  void switch_to_scheduler() {
    asan_start_switch(&fake_stack_, scheduler_stack_);
    scheduler_ = std::move(scheduler_).resume();
    asan_finish_switch(fake_stack_, &scheduler_stack_);
  }

  boost::context::fiber fiber_;      ///< the parked fiber (scheduler side)
  boost::context::fiber scheduler_;  ///< the parked scheduler (fiber side)
  ThreadTask task_{};
  ThreadState state_ = ThreadState::done;
  bool in_kernel_ = false;
  bool unwinding_ = false;
  bool stopping_ = false;
  BarrierReduction reduction_ = BarrierReduction::none;
  int predicate_ = 0;
  int result_ = 0;
  BarrierSite site_{};
  std::exception_ptr error_;
  StackBounds stack_;            ///< the fiber's stack
  StackBounds scheduler_stack_;  ///< the OS thread's stack
  void* fake_stack_ = nullptr;   ///< ASan's fake frames of the fiber while parked
  unsigned index_ = 0;
};

/// The first `count` (<= 1024) workers of this OS thread's pool.
std::span<Worker> worker_pool(std::size_t count);

}  // namespace cudasim::detail
