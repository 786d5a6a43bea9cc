// module3/cudasim/src/worker.cpp
#include "worker.h"

#include <boost/context/preallocated.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <memory>

#include "cudasim/limits.h"

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

}  // namespace

Worker::~Worker() {
  if (!fiber_) return;
  unwind();
  stopping_ = true;
  switch_to_fiber();
}

void Worker::start_fiber() {
  RecordingStack stack(&stack_);
  boost::context::stack_context context = stack.allocate();
  // Staggered stack tops: page-aligned ones would put the hot top frames of
  // all 1024 fibers into the same few cache sets.
  const std::size_t stagger = (index_ % 64) * 64;
  const boost::context::preallocated top(static_cast<char*>(context.sp) - stagger, context.size - stagger, context);
  fiber_ = boost::context::fiber(std::allocator_arg, top, std::move(stack),
                                 [this](boost::context::fiber&& scheduler) { return main(std::move(scheduler)); });
}

void Worker::unwind() {
  if (!in_kernel_) return;
  unwinding_ = true;
  switch_to_fiber();
  unwinding_ = false;
}

void Worker::throw_unwind() { throw Unwind{}; }

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

std::span<Worker> worker_pool(std::size_t count) {
  thread_local std::unique_ptr<Worker[]> pool;
  if (!pool) {
    pool = std::make_unique<Worker[]>(max_threads_per_block);
    for (unsigned i = 0; i < max_threads_per_block; ++i) pool[i].set_index(i);
  }
  return {pool.get(), count};
}

}  // namespace cudasim::detail
