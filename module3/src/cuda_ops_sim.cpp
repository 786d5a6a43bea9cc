// module3/src/cuda_ops_sim.cpp
//
// The CUDA backend compiled by g++ against the simulator (cudasim): the
// kernels of cuda_kernels.cuh and cuda_matmul.cuh run on the CPU, each CUDA
// thread a fiber, each launch under the thread schedule of its target.
#include <stdexcept>
#include <string>
#include <utility>

#include "cuda_ops.cuh"
#include "cudasim/schedule.h"
#include "minitorch/errors.h"

namespace minitorch {

CudaTarget make_cudasim_target(std::string name, const std::string& schedule) {
  LaunchConfig config;
  if (!schedule.empty()) {
    try {
      config.schedule = cudasim::schedule_from_string(schedule);
    } catch (const std::invalid_argument& e) {
      throw ValueError("cudasim schedule '" + schedule + "': " + e.what());
    }
  }
  return make_cuda_target(std::move(name), config);
}

}  // namespace minitorch
