// module3/src/cuda_ops_sim.cpp
//
// The CUDA backend compiled by g++ against the simulator (cudasim): the
// kernels of cuda_kernels.cuh and cuda_matmul.cuh run on the CPU, each CUDA
// thread a fiber, each launch under the thread schedule of its target.
#include <stdexcept>
#include <string>
#include <utility>

#include "cudasim/cudasim.h"
#include "minitorch/cuda_device.cuh"
#include "minitorch/errors.h"

namespace minitorch {
inline namespace sim {

/// A simulator target keeps its thread schedule...
struct LaunchConfig {
  cudasim::Schedule schedule;
};
/// ...and runs every launch under it.
struct LaunchScope {
  explicit LaunchScope(const LaunchConfig& config) : guard(config.schedule) {}
  cudasim::ScopedSchedule guard;
};

}  // namespace sim
}  // namespace minitorch

#include "cuda_ops.inc"

namespace minitorch {

CudaTarget make_cudasim_target(std::string name, const std::string& schedule) {
  LaunchConfig config;
  try {
    config.schedule = cudasim::schedule_from_string(schedule);
  } catch (const std::invalid_argument& e) {
    throw ValueError("cudasim schedule '" + schedule + "': " + e.what());
  }
  return make_cuda_target(std::move(name), config);
}

}  // namespace minitorch
