// module3/include/minitorch/cuda_device.cuh
//
// What every CUDA kernel source of the course includes: CUDA's language
// (nvcc's own, or the simulator's for g++), the launch shapes of the course,
// and the namespace that keeps the two compilations of one kernel apart.
//
// Each kernel source (.cuh) is compiled twice:
//
//   cuda_ops_sim.cpp  --g++-->  kernels on the CPU simulator (cudasim):
//                               every machine, graded everywhere
//   cuda_ops_gpu.cu   --nvcc--> kernels on an NVIDIA GPU (when nvcc is found)
//
// Both copies can sit in one program (the tests run both), so the kernels
// live in an inline namespace that differs between the two compilations
// (`minitorch::sim` and `minitorch::gpu`, cuda_target.h): the source says
// minitorch::, the linker sees two names.
#pragma once

#include "cudasim/cuda.h"    // __global__, __shared__, threadIdx, __syncthreads, cudaMalloc...
#include "cudasim/launch.h"  // cudasim::launch<kernel>(grid, block, args...): no <<<>>> anywhere
#include "cudasim/limits.h"  // CUDA's launch limits
#include "minitorch/cuda_target.h"

namespace minitorch {
inline namespace MT_CUDA_TARGET {

/// Threads per block of map, zip and sum_practice (the course's THREADS_PER_BLOCK).
inline constexpr int THREADS_PER_BLOCK = 32;
/// Threads per block of reduce: one block of 1024 threads (as many as a block
/// may have) per output element.
inline constexpr int REDUCE_THREADS = static_cast<int>(cudasim::max_threads_per_block);
/// The side of the square tiles of mm_practice and the tiled matrix multiply
/// (a block of TILE x TILE threads).
inline constexpr int TILE = 32;

#if defined(__CUDACC__)
namespace cuda_detail {
/// The task of a stubbed kernel ("3.3"), set by MT_TODO in device code (a
/// kernel cannot throw); the host reads it back and throws NotImplemented.
static __device__ char todo_task[8];
__device__ inline void report_todo(const char* task) {
  for (int i = 0; i < 7 && task[i] != '\0'; ++i) todo_task[i] = task[i];
}
}  // namespace cuda_detail
#endif

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
