// module3/include/minitorch/cuda_launch.cuh
//
// How the host side of a CUDA backend launches its kernels, in both
// compilations (cuda_device.cuh): what a backend keeps for its launches
// (LaunchConfig) and holds around each one (LaunchScope), the check of every
// CUDA call, and the grid arithmetic within CUDA's limits. The CUDA
// backend's operations (module3/src/cuda_ops.cuh) use it, and so does every
// operation a later module adds to that backend.
#pragma once

#include <optional>
#include <string>

#include "minitorch/cuda_device.cuh"
#include "minitorch/errors.h"
#include "minitorch/tensor_data.h"
#if !defined(__CUDACC__)
#include "cudasim/schedule.h"
#endif

namespace minitorch {
inline namespace MT_CUDA_TARGET {

#if defined(__CUDACC__)
/// A GPU backend needs no launch state.
struct LaunchConfig {};
struct LaunchScope {
  explicit LaunchScope(const LaunchConfig&) {}
};
#else
/// A simulator backend: the order in which its launches run the threads of a
/// block, or none: the simulator's process default (CUDASIM_ORDER, or
/// cudasim::set_schedule), the one source of the schedule otherwise.
struct LaunchConfig {
  std::optional<cudasim::Schedule> schedule;
};
/// Runs the launches of its lifetime on this thread under the config's schedule.
class LaunchScope {
 public:
  explicit LaunchScope(const LaunchConfig& config) {
    if (config.schedule) guard_.emplace(*config.schedule);
  }

 private:
  std::optional<cudasim::ScopedSchedule> guard_;
};
#endif

#if !defined(__CUDACC__)
/// The simulator checks that every pointer a kernel receives is device
/// memory (from cudaMalloc); this tells it where a StridedView keeps one.
template <typename T, typename Visit>
void cudasim_device_pointers(const StridedView<T>& view, Visit&& visit) {
  visit(view.storage);
}
#endif

/// Throws an Error naming `what` and CUDA's error unless `status` is cudaSuccess.
inline void check_cuda(cudaError_t status, const std::string& what) {
  if (status != cudaSuccess) {
    throw Error("cuda backend: " + what + " failed: " + cudaGetErrorName(status) + " (" + cudaGetErrorString(status) +
                ")");
  }
}

/// Blocks of `threads` threads that cover `n` elements (at least one).
inline unsigned blocks_for(int n, int threads) {
  return n <= 0 ? 1u : static_cast<unsigned>((n + threads - 1) / threads);
}

/// `n` as a grid's y or z size (ValueError naming `what` beyond CUDA's limit).
inline unsigned grid_side(int n, const char* what) {
  if (n > static_cast<int>(cudasim::max_grid_yz)) {
    throw ValueError(std::string("cuda backend: ") + what + " of " + std::to_string(n) +
                     " is more than a grid allows (" + std::to_string(cudasim::max_grid_yz) + ")");
  }
  return static_cast<unsigned>(n);
}

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
