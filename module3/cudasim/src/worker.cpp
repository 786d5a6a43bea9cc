// module3/cudasim/src/worker.cpp
#include "worker.h"

#include <boost/context/protected_fixedsize_stack.hpp>
#include <vector>

namespace cudasim::detail {

namespace {

/// A fiber's stack: 64 KiB, with a guard page below it. AddressSanitizer's
/// redzones and unoptimised frames need more.
#if defined(CUDASIM_ASAN) || !defined(__OPTIMIZE__)
constexpr std::size_t stack_size = 256 * 1024;
#else
constexpr std::size_t stack_size = 64 * 1024;
#endif

/// Thrown inside a parked thread to unwind its kernel frames. Not a
/// std::exception, so that no kernel's catch of std::exception stops it.
struct Unwind {};

/// Boost's guarded stack, remembering where it put the stack (for ASan).
class RecordingStack {
 public:
  explicit RecordingStack(StackBounds* bounds) : bounds_(bounds) {}

  boost::context::stack_context allocate() {
    boost::context::stack_context stack = inner_.allocate();
    *bounds_ = {static_cast<char*>(stack.sp) - stack.size, stack.size};
    return stack;
  }

  void deallocate(boost::context::stack_context& stack) noexcept { inner_.deallocate(stack); }

 private:
  boost::context::protected_fixedsize_stack inner_{stack_size};
  StackBounds* bounds_;
};

thread_local Worker* running = nullptr;

}  // namespace

Worker* current_worker() { return running; }

Worker::~Worker() {
  if (!fiber_) return;
  unwind();
  stopping_ = true;
  switch_to_fiber();
}

void Worker::resume(const ThreadTask& task) {
  task_ = task;
  if (!fiber_) {
    fiber_ = boost::context::fiber(std::allocator_arg, RecordingStack(&stack_),
                                   [this](boost::context::fiber&& scheduler) { return main(std::move(scheduler)); });
  }
  switch_to_fiber();
}

void Worker::unwind() {
  if (!in_kernel_) return;
  unwinding_ = true;
  switch_to_fiber();
  unwinding_ = false;
}

int Worker::wait(const BarrierSite& site, BarrierReduction reduction, int predicate) {
  state_ = ThreadState::waiting;
  site_ = site;
  reduction_ = reduction;
  predicate_ = predicate;
  switch_to_scheduler();
  if (unwinding_) throw Unwind{};
  return result_;
}

boost::context::fiber Worker::main(boost::context::fiber&& scheduler) {
  scheduler_ = std::move(scheduler);
  asan_finish_switch(nullptr, &scheduler_stack_);
  while (!stopping_) {
    run_task();
    switch_to_scheduler();
  }
  asan_start_switch(nullptr, scheduler_stack_);
  return std::move(scheduler_);
}

void Worker::run_task() {
  in_kernel_ = true;
  try {
    task_.run(task_.params);
  } catch (const Unwind&) {
  } catch (const boost::context::detail::forced_unwind&) {
    throw;
  } catch (...) {
    error_ = std::current_exception();
  }
  in_kernel_ = false;
  state_ = ThreadState::done;
}

void Worker::switch_to_fiber() {
  Worker* const outer = std::exchange(running, this);
  void* fake_stack = nullptr;
  asan_start_switch(&fake_stack, stack_);
  fiber_ = std::move(fiber_).resume();
  asan_finish_switch(fake_stack, nullptr);
  running = outer;
}

void Worker::switch_to_scheduler() {
  asan_start_switch(&fake_stack_, scheduler_stack_);
  scheduler_ = std::move(scheduler_).resume();
  asan_finish_switch(fake_stack_, &scheduler_stack_);
}

std::span<const std::unique_ptr<Worker>> worker_pool(std::size_t count) {
  thread_local std::vector<std::unique_ptr<Worker>> pool;
  while (pool.size() < count) pool.push_back(std::make_unique<Worker>());
  return {pool.data(), count};
}

}  // namespace cudasim::detail
