// module4/src/backends.cpp
//
// The backends of a build whose highest module is Module 4: Module 3's, with
// the convolutions of this module in the fast backend (Tasks 4.1, 4.2) and in
// the CUDA backend on the simulator (Task 4.4b; backends_gpu.cu: on a GPU).
// A build compiles the backends.cpp of its highest module only
// (cmake/MinitorchCompose.cmake).
#include <string>
#include <string_view>
#include <vector>

#include "cuda_conv_ops.cuh"
#include "minitorch/cuda_backend.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_conv.h"
#include "minitorch/matmul.h"
#include "minitorch/tensor_backend.h"

namespace minitorch {

void extend_simple_backend(TensorBackend& simple) {
  simple.matrix_multiply = MatMulOp(simple.name, simple_matrix_multiply);
}

void extend_fast_backend(TensorBackend& fast, const ParallelOptions& options) { add_fast_convolutions(fast, options); }

inline namespace MT_CUDA_TARGET {  // sim: the simulator's; gpu: the GPU's
void extend_cuda_backend(TensorBackend& backend, const LaunchConfig& config) { add_cuda_convolutions(backend, config); }
}  // namespace MT_CUDA_TARGET

std::vector<const TensorBackend*> backends() { return cpu_and_cuda_backends(); }

std::string backend_unavailable_reason(std::string_view name) { return cuda_backend_unavailable(name); }

}  // namespace minitorch
