// module3/cudasim/include/cudasim/builtins.h
//
// threadIdx, blockIdx, blockDim, gridDim and warpSize for g++.
//
// The scheduler writes the current CUDA thread's coordinates into per-OS-
// thread storage before it resumes that thread's fiber; kernel code sees them
// through const references, so `threadIdx.x = 0;` does not compile (as under
// nvcc). Fibers never move between OS threads, so a cached TLS address stays
// right across a __syncthreads().
#pragma once

#include "cudasim/dim3.h"

namespace cudasim::detail {

/// The coordinates of the CUDA thread running on this OS thread.
struct Builtins {
  uint3 thread_idx{0, 0, 0};
  uint3 block_idx{0, 0, 0};
  dim3 block_dim{};
  dim3 grid_dim{};
};

/// Written by the scheduler only.
inline thread_local Builtins builtins{};

}  // namespace cudasim::detail

namespace cudasim::builtin_variables {

inline thread_local const uint3& threadIdx = detail::builtins.thread_idx;
inline thread_local const uint3& blockIdx = detail::builtins.block_idx;
inline thread_local const dim3& blockDim = detail::builtins.block_dim;
inline thread_local const dim3& gridDim = detail::builtins.grid_dim;
inline constexpr int warpSize = 32;

}  // namespace cudasim::builtin_variables

using cudasim::builtin_variables::blockDim;
using cudasim::builtin_variables::blockIdx;
using cudasim::builtin_variables::gridDim;
using cudasim::builtin_variables::threadIdx;
using cudasim::builtin_variables::warpSize;
