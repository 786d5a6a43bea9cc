// module3/src/cuda_ops.cuh
//
// The host side of the CUDA backend: memory on the device, the launch shape
// of every kernel, the practice wrappers. Written once, compiled twice (see
// cuda_device.cuh): by g++ in cuda_ops_sim.cpp (the simulator) and by nvcc
// in cuda_ops_gpu.cu (a GPU), each of which includes it once.
//
// Storage stays on the device: the backend hands out device pointers, and
// only to_host/from_host (item, printing, to_vector, moving to another
// backend) copy. Every CUDA call is checked; an error names the call and
// CUDA's error.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/cuda_backend.h"
#include "minitorch/cuda_kernels.cuh"
#include "minitorch/cuda_launch.cuh"
#include "minitorch/cuda_matmul.cuh"
#include "minitorch/errors.h"
#include "minitorch/make_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {
inline namespace MT_CUDA_TARGET {

namespace {

/// Threads per block of the fill kernel (not a graded kernel).
constexpr int kFillThreads = 256;

}  // namespace

/// out[every element] = value. out: any layout.
__global__ void fill_kernel(OutView out, double value) {
  IndexBuffer index{};
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (i < out.size()) {
    to_index(i, out.shape(), index);
    out.storage[index_to_position(index, out.strides())] = value;
  }
}

/// The kernels of Tasks 3.3 and 3.4 behind make_backend's interface.
class CudaOps {
 public:
  explicit CudaOps(LaunchConfig config) : config_(std::move(config)) {}

  // ------------------------------------------------------------- memory
  /// `n` zeros in device memory, freed with the last tensor that uses them.
  Storage allocate(std::size_t n) const {
    if (n == 0) return Storage();
    double* device = nullptr;
    const std::size_t bytes = n * sizeof(double);
    check_cuda(cudaMalloc(&device, bytes), "cudaMalloc of " + std::to_string(n) + " doubles");
    std::shared_ptr<double[]> owned(device, [](double* p) { cudaFree(p); });
    check_cuda(cudaMemset(device, 0, bytes), "cudaMemset");
    return Storage(std::move(owned), n);
  }
  void to_host(double* host, const double* src, std::size_t n) const {
    if (n > 0) check_cuda(cudaMemcpy(host, src, n * sizeof(double), cudaMemcpyDeviceToHost), "cudaMemcpy to the host");
    check_stubs();
  }
  void from_host(double* dst, const double* host, std::size_t n) const {
    if (n > 0)
      check_cuda(cudaMemcpy(dst, host, n * sizeof(double), cudaMemcpyHostToDevice), "cudaMemcpy to the device");
  }
  void fill(OutView out, double value) const {
    const LaunchScope scope(config_);
    cudasim::launch<fill_kernel>(dim3(blocks_for(out.size(), kFillThreads)), dim3(kFillThreads), out, value);
  }

  // ------------------------------------------------------------- Task 3.3
  template <typename Fn>
  void map(Fn fn, OutView out, InView a) const {
    const LaunchScope scope(config_);
    cudasim::launch<map_kernel<Fn>>(dim3(blocks_for(out.size(), THREADS_PER_BLOCK)), dim3(THREADS_PER_BLOCK), fn, out,
                                    a);
  }
  template <typename Fn>
  void zip(Fn fn, OutView out, InView a, InView b) const {
    const LaunchScope scope(config_);
    cudasim::launch<zip_kernel<Fn>>(dim3(blocks_for(out.size(), THREADS_PER_BLOCK)), dim3(THREADS_PER_BLOCK), fn, out,
                                    a, b);
  }
  /// One block of REDUCE_THREADS per output element; out holds the start.
  template <typename Fn>
  void reduce(Fn fn, OutView out, InView a, int dim) const {
    const LaunchScope scope(config_);
    cudasim::launch<reduce_kernel<Fn>>(dim3(static_cast<unsigned>(out.size())), dim3(REDUCE_THREADS), fn, out, a, dim);
  }

  // ------------------------------------------------------------- Task 3.4
  /// out: (N, I, J); a tile of TILE x TILE threads per 32 x 32 output tile.
  void matrix_multiply(OutView out, InView a, InView b) const {
    const LaunchScope scope(config_);
    const unsigned batches = static_cast<unsigned>(std::min(out.shape()[0], static_cast<int>(cudasim::max_grid_yz)));
    const dim3 grid(blocks_for(out.shape()[2], TILE), blocks_for(out.shape()[1], TILE), batches);
    cudasim::launch<matmul_kernel>(grid, dim3(TILE, TILE), out, a, b);
  }

  // ------------------------------------------------------------- practice kernels
  /// Task 3.3: sums of the 32-value blocks of `a` (a.size() / 32 + 1 of them,
  /// as the course's launcher).
  std::vector<double> sum_practice(const std::vector<double>& a) const {
    const int size = static_cast<int>(a.size());
    const int blocks = size / THREADS_PER_BLOCK + 1;
    const Storage in = copy_to_device(a);
    const Storage out = allocate(static_cast<std::size_t>(blocks));
    {
      const LaunchScope scope(config_);
      cudasim::launch<sum_practice_kernel>(dim3(static_cast<unsigned>(blocks)), dim3(THREADS_PER_BLOCK), out.data(),
                                           in.data(), size);
    }
    return copy_to_host(out);
  }
  /// Task 3.4: a @ b for size x size row-major matrices, 1 <= size <= 32.
  std::vector<double> mm_practice(const std::vector<double>& a, const std::vector<double>& b, int size) const {
    const std::size_t cells = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
    if (size < 1 || size > TILE || a.size() != cells || b.size() != cells) {
      throw ValueError("mm_practice: two " + std::to_string(size) + "x" + std::to_string(size) +
                       " matrices with 1 <= size <= 32 expected, got " + std::to_string(a.size()) + " and " +
                       std::to_string(b.size()) + " numbers");
    }
    const Storage da = copy_to_device(a), db = copy_to_device(b);
    const Storage out = allocate(cells);
    {
      const LaunchScope scope(config_);
      cudasim::launch<mm_practice_kernel>(dim3(1), dim3(TILE, TILE), out.data(), da.data(), db.data(), size);
    }
    return copy_to_host(out);
  }

 private:
  Storage copy_to_device(const std::vector<double>& values) const {
    Storage storage = allocate(values.size());
    from_host(storage.data(), values.data(), values.size());
    return storage;
  }
  std::vector<double> copy_to_host(const Storage& storage) const {
    std::vector<double> values(storage.size());
    to_host(values.data(), storage.data(), values.size());
    return values;
  }
  /// A stubbed kernel (MT_TODO in device code) cannot throw on a GPU: it
  /// leaves its task in cuda_detail::todo_task, read back here. (On the
  /// simulator MT_TODO throws NotImplemented from the kernel itself.)
  static void check_stubs() {
#if defined(__CUDACC__)
    char task[8] = {};
    check_cuda(cudaMemcpyFromSymbol(task, cuda_detail::todo_task, sizeof task), "reading the stub flag");
    if (task[0] != '\0') {
      // The kernel's own file and line are not known on the host: the
      // message names the task, and this check.
      throw NotImplemented(task, std::source_location::current());
    }
#endif
  }

  LaunchConfig config_;
};

/// A CUDA target: CudaOps under `config` as a backend table called `name`,
/// with what later modules add to it (extend_cuda_backend), and its practice
/// kernels.
inline CudaTarget make_cuda_target(std::string name, const LaunchConfig& config) {
  auto ops = std::make_shared<const CudaOps>(config);
  TensorBackend backend = make_backend(name, Device::cuda, ops);
  extend_cuda_backend(backend, config);  // the highest module's backends.cpp (backends_gpu.cu)
  return CudaTarget{std::move(name), std::move(backend),
                    [ops](const std::vector<double>& a) { return ops->sum_practice(a); },
                    [ops](const std::vector<double>& a, const std::vector<double>& b, int size) {
                      return ops->mm_practice(a, b, size);
                    }};
}

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
