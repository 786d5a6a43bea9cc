// module3/include/minitorch/cuda_backend.h
//
// The CUDA backend (Tasks 3.3 and 3.4) as programs and tests see it. Its
// kernels (cuda_kernels.cuh, cuda_matmul.cuh) run in two places:
//
//   "cudasim"  the CPU simulator of CUDA (module3/cudasim): every build, every
//              machine; slow (each CUDA thread is a fiber) but exact about
//              blocks, shared memory and barriers, and it names the kernel,
//              block, thread and line of a barrier bug.
//   "cuda"     an NVIDIA GPU, when the build found nvcc (-DMINITORCH_CUDA) and
//              the machine has a device.
//
// Tensors of either keep their storage in the backend's (device) memory
// between operations; Tensor::to(backend) moves one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "minitorch/cli_options.h"
#include "minitorch/tensor_backend.h"

namespace minitorch {

/// One place the CUDA kernels run: the simulator under one thread schedule,
/// or the GPU. Tests run the graded kernels on every target.
struct CudaTarget {
  std::string name;  // "cudasim", "cudasim_forward", "cudasim_reverse", "cuda"
  TensorBackend backend;
  /// Task 3.3's practice kernel: the sums of the 32-value blocks of `a`
  /// (a.size() / 32 + 1 numbers, the last padded with zeros).
  std::function<std::vector<double>(const std::vector<double>& a)> sum_practice;
  /// Task 3.4's practice kernel: a @ b for size x size row-major matrices,
  /// 1 <= size <= 32 (ValueError otherwise).
  std::function<std::vector<double>(const std::vector<double>& a, const std::vector<double>& b, int size)> mm_practice;
};

/// A simulator target whose launches run the threads of a block in the
/// order `schedule`: "forward", "reverse" or "random:SEED" (ValueError
/// otherwise), or "": the simulator's own (its process default: $CUDASIM_ORDER
/// or cudasim::set_schedule). A race from a missing __syncthreads() shows
/// under some order.
CudaTarget make_cudasim_target(std::string name, const std::string& schedule = "");
/// The simulator target "cudasim", under the simulator's own schedule.
const CudaTarget& cudasim_target();
/// Its backend (the one programs get with --backend cudasim).
const TensorBackend& cudasim_backend();

/// True when this build has the GPU (nvcc) target.
bool cuda_gpu_built();
/// Empty when a GPU answers; otherwise why not: "this build has no GPU
/// backend (...)", or the error of cudaGetDeviceCount.
std::string cuda_gpu_unavailable_reason();
/// The GPU target "cuda"; an Error naming the reason when there is none.
const CudaTarget& cuda_gpu_target();
/// Its backend.
const TensorBackend& cuda_backend();
/// For "cuda" without a GPU: the message of asking for it (and why there is
/// none); "" for any other name, or when a GPU answers.
std::string cuda_backend_unavailable(std::string_view name);

/// The backends of a build with Module 3: simple, fast, cudasim, and cuda
/// when a GPU answers (what its src/backends.cpp lists).
std::vector<const TensorBackend*> cpu_and_cuda_backends();

namespace detail {
/// A new GPU target: the GPU backend's (cuda_ops_gpu.cu), or an Error in a
/// build without one (cuda_gpu_none.cpp). Use cuda_gpu_target().
CudaTarget make_cuda_gpu_target(std::string name);
}  // namespace detail

/// The backend a program asked for with --backend NAME (backend_by_name),
/// except that "cuda" without a GPU is the simulator: then a note on stdout
/// says why and that it is slow, followed by `hint` (e.g. "Try --epochs 5.").
const TensorBackend& program_backend(const std::string& name, const std::string& hint);

/// The same from a program's options --backend NAME and --threads N (the
/// training programs share them): nullptr after printing the backends of this
/// build for `--backend list`; sets the fast backend's threads when N > 0; a
/// UsageError naming the backends that have `needs` when this one lacks it.
const TensorBackend* program_backend(const cli::Args& args, const std::string& hint,
                                     std::optional<OptionalOp> needs = std::nullopt);

/// The targets the graded tests use: cudasim_forward, cudasim_reverse (the
/// simulator under those two schedules), and cuda when a GPU answers.
const std::vector<const CudaTarget*>& cuda_test_targets();

}  // namespace minitorch
