// module3/cudasim/include/cudasim/traffic.h
//
// What a launch did to memory, as the simulator counted it: loads and stores
// of device memory (per buffer, with the distinct cells touched), the
// 128-byte segments each warp access touched (coalescing), `__shared__`
// loads and stores, and barriers.
//
//   cudasim::TrafficRecorder recorder;          // records the launches of its lifetime
//   launch<sum_practice_kernel>(...);
//   const cudasim::LaunchTraffic& t = recorder.only("sum_practice_kernel");
//   t.argument(1)->loads                        // loads from the buffer of argument 1
//
// How the counting works (README.md, "Counting memory traffic"): the files
// that hold kernels compile with g++'s ThreadSanitizer instrumentation
// (cudasim_kernel_sources in CMake), which calls the simulator before every
// load and store (src/access_hooks.cpp); the simulator classifies the address
// (a kernel argument's device buffer, its guard zone, or static storage, i.e.
// a `__shared__` array) and counts it. The kernel source is untouched: nvcc
// sees plain pointers and counts nothing. Counts are of the compiled code:
// g++ -O2 may keep a value in a register instead of loading it twice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cudasim/dim3.h"
#include "cudasim/schedule.h"

namespace cudasim {

/// One device buffer a launch's arguments point into (one entry per
/// allocation, however many arguments point into it).
struct BufferTraffic {
  std::vector<unsigned> arguments;   ///< positions (from 0) of the arguments that point into it
  std::uint64_t bytes = 0;           ///< its size
  std::uint64_t loads = 0;           ///< loads the kernel made from it (all threads, all blocks)
  std::uint64_t stores = 0;          ///< stores
  std::uint64_t cells_loaded = 0;    ///< distinct 8-byte cells loaded at least once
  std::uint64_t cells_stored = 0;    ///< distinct 8-byte cells stored at least once
  std::uint64_t max_cell_loads = 0;  ///< the most loads of any one cell
  std::uint64_t max_cell_stores = 0;
  /// The first cell stored a second time, and by whom (block, thread): the
  /// earlier store and the later one. `repeated` false when none was.
  bool repeated = false;
  std::uint64_t repeated_cell = 0;
  uint3 first_block{}, first_thread{}, second_block{}, second_thread{};
  std::uint64_t cells() const { return bytes / 8; }
};

/// One launch.
struct LaunchTraffic {
  std::string kernel;
  dim3 grid;
  dim3 block;
  Schedule schedule;        ///< the order its threads and blocks ran in
  std::uint64_t loads = 0;  ///< global (device-memory) loads, all buffers
  std::uint64_t stores = 0;
  std::uint64_t load_bytes = 0;
  std::uint64_t store_bytes = 0;
  std::uint64_t max_thread_loads = 0;  ///< the most global loads of one thread
  std::uint64_t max_block_loads = 0;   ///< the most global loads of one block
  std::uint64_t warp_accesses = 0;     ///< global accesses of whole warps (the k-th access of each thread of a warp)
  std::uint64_t segments = 0;          ///< distinct 128-byte segments summed over those warp accesses
  std::uint64_t shared_loads = 0;      ///< loads of static storage in kernel code: `__shared__` arrays
  std::uint64_t shared_stores = 0;
  std::uint64_t barriers = 0;  ///< __syncthreads() passed, summed over blocks
  std::vector<BufferTraffic> buffers;

  /// The buffer argument `position` points into; nullptr if none.
  const BufferTraffic* argument(unsigned position) const;
  /// The least global traffic that touches the same cells: each distinct cell
  /// loaded once and stored once.
  std::uint64_t minimum_accesses() const;
};

/// `n` with thousands separators, as the profile and the course's traffic
/// messages print counts: 1048576 -> "1,048,576".
std::string grouped(std::uint64_t n);

/// Whether this build counts (false in a build with AddressSanitizer, which
/// then checks the bounds itself, or ThreadSanitizer, and with compilers
/// other than g++).
bool counting_available();

/// Records every launch that ends during its lifetime (any thread). Not
/// nestable with another recorder.
class TrafficRecorder {
 public:
  TrafficRecorder();
  ~TrafficRecorder();
  TrafficRecorder(const TrafficRecorder&) = delete;
  TrafficRecorder& operator=(const TrafficRecorder&) = delete;

  /// The launches so far, in order.
  const std::vector<LaunchTraffic>& launches() const { return launches_; }
  /// The launches whose kernel name, without its namespaces, starts with
  /// `kernel` ("map_kernel" finds minitorch::sim::map_kernel<minitorch::Neg>).
  std::vector<LaunchTraffic> of(std::string_view kernel) const;
  /// The one launch of `kernel`; throws std::logic_error if there is not exactly one.
  const LaunchTraffic& only(std::string_view kernel) const;

 private:
  std::vector<LaunchTraffic> launches_;
};

}  // namespace cudasim
