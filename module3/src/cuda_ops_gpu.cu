// module3/src/cuda_ops_gpu.cu
//
// The GPU backend: the CUDA backend compiled by nvcc for an NVIDIA GPU, the
// same kernels and host code as the simulator's (cuda_ops.cuh), launched
// with <<<>>> inside cudasim::launch. CMake compiles this file where it finds
// nvcc (MINITORCH_CUDA), and cuda_gpu_none.cpp elsewhere.
#include <string>
#include <utility>

#include "cuda_ops.cuh"

namespace minitorch {

bool cuda_gpu_built() { return true; }

std::string cuda_gpu_unavailable_reason() {
  static const std::string reason = [] {
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
      cudaGetLastError();  // clear it: later calls must not see it
      return std::string("cudaGetDeviceCount: ") + cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")";
    }
    if (count == 0) return std::string("cudaGetDeviceCount: no CUDA device");
    return std::string();
  }();
  return reason;
}

namespace detail {

CudaTarget make_cuda_gpu_target(std::string name) { return make_cuda_target(std::move(name), LaunchConfig{}); }

}  // namespace detail
}  // namespace minitorch
