// module3/cudasim/include/cudasim/cuda.h
//
// The one include of CUDA kernel sources and their host code, for both
// compilers:
//
//   nvcc (__CUDACC__)   <cuda_runtime.h>: the real thing
//   g++                 the simulator's compatibility headers: CUDA's
//                       qualifiers, uint3/dim3, threadIdx & co, __syncthreads(),
//                       atomics and the host runtime subset (cudaMalloc, ...)
//
// Launch kernels with cudasim::launch (<cudasim/launch.h>), never with <<<>>>,
// so that one source builds with both.
#pragma once

#if defined(__CUDACC__)
#include <cuda_runtime.h>
#else
#include "cudasim/atomics.h"
#include "cudasim/builtins.h"
#include "cudasim/dim3.h"
#include "cudasim/keywords.h"
#include "cudasim/runtime.h"
#include "cudasim/sync.h"
#endif
