// module3/src/cuda_ops_gpu.cu
//
// The CUDA backend compiled by nvcc for an NVIDIA GPU: the same kernels and
// host code as the simulator's (cuda_ops.inc), launched with <<<>>> inside
// cudasim::launch.
#include <string>
#include <utility>

#include "minitorch/cuda_device.cuh"

namespace minitorch {
inline namespace gpu {

/// The GPU needs no per-target launch state.
struct LaunchConfig {};
struct LaunchScope {
  explicit LaunchScope(const LaunchConfig&) {}
};

}  // namespace gpu
}  // namespace minitorch

#include "cuda_ops.inc"

namespace minitorch::detail {

std::string gpu_unavailable_reason() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();  // clear it: later calls must not see it
    return std::string("cudaGetDeviceCount: ") + cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")";
  }
  if (count == 0) return "cudaGetDeviceCount: no CUDA device";
  return "";
}

CudaTarget make_gpu_target(std::string name) { return make_cuda_target(std::move(name), LaunchConfig{}); }

}  // namespace minitorch::detail
