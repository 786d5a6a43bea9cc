// module3/cudasim/include/cudasim/detail/grid.h
//
// The simulator's entry points behind cudasim::launch (g++ build only): the
// launch checks and the grid runner, type-erased so that the scheduler is
// compiled once, in the library.
#pragma once

#include <cstddef>
#include <string_view>

#include "cudasim/dim3.h"

namespace cudasim::detail {

/// What a diagnostic names: the kernel and its launch dimensions.
struct LaunchInfo {
  std::string_view kernel;  ///< static storage (kernel_name)
  dim3 grid;
  dim3 block;
};

/// The body every CUDA thread runs: run(params) calls the kernel on its own
/// copy of the arguments.
struct ThreadTask {
  void (*run)(const void* params);
  const void* params;
};

/// Throws KernelError(invalid_configuration) naming the kernel and the
/// dimensions if CUDA would reject them: a zero extent, more than 1024 threads
/// per block, block.z > 64, grid.y or grid.z > 65535 (grid.x > 2^31 - 1).
void check_configuration(const LaunchInfo& info);

/// Throws KernelError(host_pointer) if `pointer` is neither null nor inside a
/// live cudaMalloc allocation. `argument` is the 0-based position of the
/// kernel argument; `in_struct`: the pointer came from cudasim_device_pointers.
void check_device_pointer(const LaunchInfo& info, std::size_t argument, const volatile void* pointer, bool in_struct);

/// Runs every block of the grid, one after another on the calling OS thread,
/// each thread of a block on its own fiber, in the current schedule's order.
/// Serialised with every other launch. Rethrows an exception a thread throws
/// (after unwinding the block's other threads); throws KernelError for a
/// barrier misuse or a launch from inside a kernel.
void run_grid(const LaunchInfo& info, ThreadTask task);

}  // namespace cudasim::detail
