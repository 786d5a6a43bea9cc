// module3/cudasim/src/traffic_counter.h
//
// The counter of one launch's memory traffic (cudasim/traffic.h says what is
// counted). access_hooks.cpp calls access() for every load and store that
// instrumented kernel code makes while a launch runs on this OS thread; the
// block scheduler tells it where blocks and barrier intervals begin and end.
//
// Classification of an address, in this order:
//   0. on the running CUDA thread's fiber stack (its locals) -> ignored at once
//   1. inside the buffer of a kernel argument       -> a global access, counted
//   2. inside a buffer's guard zone (kGuardBytes)    -> out of bounds: the first
//      one is kept and thrown (KernelError::Kind::out_of_bounds) when the
//      round of the block ends; the access itself hits the guard zone, which
//      cudaMalloc reserved for it, so it harms nothing meanwhile
//   3. static storage of the program                 -> `__shared__` (the
//      simulator's __shared__ is `static`; kernels touch no other static data)
//   4. anything else (the thread's stack: locals, IndexBuffer; the OS
//      thread's thread-locals: threadIdx) -> ignored
//
// A warp access is the k-th global access of each thread of one warp (32
// consecutive threads of the block) within one barrier interval; its cost is
// the number of distinct 128-byte segments those accesses touch.
//
// Every `__shared__` access (not an atomic's) also goes through the race
// check (shared_hazards.h): the first access of a cell that another thread
// of the block wrote (or, for a store, read) since the last barrier is kept
// and thrown (KernelError::Kind::shared_race) when the round of the block ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "cudasim/atomics.h"  // atomic_depth
#include "cudasim/detail/grid.h"
#include "cudasim/sync.h"  // BarrierSite
#include "cudasim/traffic.h"
#include "fiber_sanitizer.h"  // StackBounds
#include "shared_hazards.h"
#include "static_storage.h"

namespace cudasim::detail {

/// A device buffer a kernel argument points into.
struct ArgumentBuffer {
  unsigned position;  ///< the argument's position, from 0
  std::uintptr_t begin;
  std::size_t bytes;
};

class TrafficCounter {
  static constexpr StackBounds kNoStack{};

 public:
  TrafficCounter(const LaunchInfo& info, const Schedule& schedule, std::span<const ArgumentBuffer> arguments);

  /// A new block of `threads` threads starts.
  void begin_block(uint3 block, unsigned threads);
  /// The threads of the block stopped at a barrier (`barrier`: the one at
  /// `site`) or returned: closes the warp accesses of this interval.
  void end_interval(bool barrier, const BarrierSite* site);
  /// The block finished.
  void end_block();
  /// The CUDA thread whose fiber stack is `stack` runs next; `linear` is its
  /// index in the block (x + blockDim.x * (y + blockDim.y * z)).
  void enter_thread(const StackBounds& stack, unsigned linear) {
    stack_ = &stack;
    thread_ = linear;
  }
  /// One load or store of `size` bytes at `address` by the current CUDA
  /// thread. Inline, the common cases first: the thread's own stack, then
  /// the shared arrays.
  void access(std::uintptr_t address, std::size_t size, bool store) {
    if (address - reinterpret_cast<std::uintptr_t>(stack_->bottom) < stack_->size) return;
    if (address - known_static_.begin < known_static_.end - known_static_.begin) {
      ++(store ? traffic_.shared_stores : traffic_.shared_loads);
      if (race_.empty() && atomic_depth == 0) check_shared(address, size, store);
      return;
    }
    access_elsewhere(address, size, store);
  }
  /// Throws the KernelError of the first out-of-bounds access or shared-memory
  /// race, if there was one.
  void throw_if_failed() const;
  /// The launch's totals.
  LaunchTraffic finish();

 private:
  struct Buffer {
    std::uintptr_t begin;
    std::size_t bytes;
    std::size_t index;                  ///< into traffic_.buffers
    std::vector<std::uint32_t> loads;   ///< per 8-byte cell
    std::vector<std::uint32_t> stores;  ///< per 8-byte cell
    std::vector<std::uint64_t> writer;  ///< per 8-byte cell: 1 + (block << 32 | thread) of its last store, or 0
  };
  /// The segments of one warp access (at most one per thread of the warp).
  struct WarpSlot {
    unsigned count = 0;
    std::uint64_t segments[32];
  };

  void access_elsewhere(std::uintptr_t address, std::size_t size, bool store);
  unsigned current_thread() const { return thread_; }
  void count_global(Buffer& buffer, std::uintptr_t address, std::size_t size, bool store, unsigned thread);
  void record_warp_access(unsigned thread, std::uintptr_t address);
  void record_writer(Buffer& buffer, std::size_t cell, unsigned thread);
  void out_of_bounds(const Buffer& buffer, std::uintptr_t address, bool store, unsigned thread);
  /// The race check of one shared access (shared_hazards.h).
  void check_shared(std::uintptr_t address, std::size_t size, bool store) {
    const SharedHazard hazard = hazards_.access(known_static_, address, thread_, store);
    if (hazard.found) shared_race(address, size, store, thread_, hazard);
  }
  void shared_race(std::uintptr_t address, std::size_t size, bool store, unsigned thread, const SharedHazard& hazard);

  const LaunchInfo& info_;
  const StackBounds* stack_ = &kNoStack;  ///< the running CUDA thread's fiber stack
  unsigned thread_ = 0;                   ///< its linear index
  LaunchTraffic traffic_;
  std::vector<Buffer> buffers_;
  uint3 block_{};
  std::uint64_t block_linear_ = 0;
  unsigned interval_ = 0;                     ///< barrier intervals passed in this block
  std::vector<std::uint32_t> thread_loads_;   ///< this block's global loads per thread
  std::vector<std::uint32_t> ordinals_;       ///< global accesses per thread in this interval
  std::vector<std::vector<WarpSlot>> warps_;  ///< per warp: its accesses in this interval
  std::vector<unsigned> warp_used_;           ///< per warp: the slots used in this interval
  std::string error_;                         ///< the first out-of-bounds access, or ""
  std::string race_;                          ///< the first shared-memory race, or ""
  SharedHazards hazards_;
  BarrierSite last_barrier_{};              ///< where this interval began (file null: at the block's start)
  StaticStorage known_static_{true, 0, 0};  ///< the last range found to be static storage
  StaticStorage known_other_{false, 0, 0};  ///< the last range found not to be
};

/// The counter of the launch running on this OS thread; null outside launches
/// (then every hook returns at once).
inline thread_local TrafficCounter* active_counter = nullptr;

/// Hands a finished launch to the recorder and the profile, if either wants it.
void publish(LaunchTraffic traffic);

/// Whether anything wants launches counted (a recorder or the profile).
bool traffic_wanted();

}  // namespace cudasim::detail
