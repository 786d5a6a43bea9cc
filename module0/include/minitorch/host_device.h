// module0/include/minitorch/host_device.h
//
// MT_HOST_DEVICE marks a function that runs on the CPU and, when compiled by
// nvcc, inside CUDA kernels too (Module 3 calls the operators from device code).
#pragma once

#if defined(__CUDACC__)
#define MT_HOST_DEVICE __host__ __device__
#else
#define MT_HOST_DEVICE
#endif
