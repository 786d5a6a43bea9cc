// module3/include/minitorch/cuda_target.h
//
// The two compilations of the CUDA backend (cuda_device.cuh): g++ for the
// simulator, nvcc for a GPU. Both can sit in one program, so what each
// compiles lives in an inline namespace of its own, `minitorch::sim` or
// `minitorch::gpu`: the source says minitorch::, the linker sees two names.
// No CUDA header here: the files that only name these (a build's
// backends.cpp) compile like any other.
#pragma once

#if defined(__CUDACC__)
#define MT_CUDA_TARGET gpu
#else
#define MT_CUDA_TARGET sim
#endif

namespace minitorch {

class TensorBackend;

inline namespace MT_CUDA_TARGET {

/// What a CUDA target of this compilation keeps for its launches (cuda_launch.cuh).
struct LaunchConfig;

/// Fills the optional operations that later modules give a CUDA backend of
/// this compilation, made with `config` (from Module 4 on: Task 4.4b's
/// conv1d and conv2d). Defined by the highest module of the build: its
/// src/backends.cpp for the simulator, its src/backends_gpu.cu for a GPU
/// (see tensor_backend.h, "the backends of this build").
void extend_cuda_backend(TensorBackend& backend, const LaunchConfig& config);

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
