// module3/cudasim/include/cudasim/keywords.h
//
// CUDA's function and variable qualifiers for g++ (the simulator build).
// Kernel sources include <cudasim/cuda.h>, never this file directly.
//
//   __global__, __device__, __host__   nothing: every function is a host function
//   __forceinline__                    inline
//   __launch_bounds__(...)             nothing
//   __shared__                         static: blocks run one after another on one
//                                      OS thread, so one static array per kernel
//                                      is the block's shared memory (reused by the
//                                      next block, as on the GPU). Plain static,
//                                      not thread_local: AddressSanitizer sees
//                                      overflows of static arrays, not of TLS.
#pragma once

#if defined(__CUDACC__)
#error "cudasim/keywords.h is for g++; nvcc has its own qualifiers (include <cudasim/cuda.h>)"
#endif

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
