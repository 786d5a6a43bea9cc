// module3/src/cuda_gpu_none.cpp
//
// The GPU backend of a build without nvcc: there is none, and every
// question about it says so. CMake compiles this file where it does not
// find nvcc, and cuda_ops_gpu.cu (the GPU backend) where it does.
#include <string>

#include "minitorch/cuda_backend.h"
#include "minitorch/errors.h"

namespace minitorch {

bool cuda_gpu_built() { return false; }

std::string cuda_gpu_unavailable_reason() {
  return "this build has no GPU backend (it needs nvcc: configure with -DMINITORCH_CUDA=ON on a machine with the "
         "CUDA toolkit)";
}

namespace detail {

CudaTarget make_cuda_gpu_target(std::string) { throw Error("cuda backend: " + cuda_gpu_unavailable_reason()); }

}  // namespace detail
}  // namespace minitorch
