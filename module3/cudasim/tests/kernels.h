// module3/cudasim/tests/kernels.h
//
// Correct kernels, written as the course writes them (plain CUDA, no
// <<<>>>): a map, a shared-memory tree reduction over 1024 threads, and a
// 32x32 tiled matrix multiply. Used by test_cudasim and cudasim_bench.
#pragma once

#include <cudasim/cuda.h>

namespace cudasim_test {

struct Negate {
  __host__ __device__ double operator()(double x) const { return -x; }
};

/// out[i] = Op{}(in[i]) for i < n.
template <class Op>
__global__ void map_kernel(double* out, const double* in, int n) {
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (i < n) out[i] = Op{}(in[i]);
}

inline constexpr int reduce_threads = 1024;

/// out[row] = in[row * n] + ... + in[row * n + n - 1], one block of
/// reduce_threads threads per row: each thread sums a strided slice (n may
/// exceed the block), then a shared-memory tree halves the partial sums.
__global__ void sum_rows_kernel(double* out, const double* in, int n) {
  __shared__ double cache[reduce_threads];
  const int t = static_cast<int>(threadIdx.x);
  const int stride = static_cast<int>(blockDim.x);
  const double* row = in + static_cast<long>(blockIdx.x) * n;
  double partial = 0.0;
  for (int j = t; j < n; j += stride) partial += row[j];
  cache[t] = partial;
  __syncthreads();
  for (int s = stride / 2; s > 0; s /= 2) {
    if (t < s) cache[t] += cache[t + s];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = cache[0];
}

inline constexpr int tile = 32;

/// c (m x n) = a (m x k) @ b (k x n), row-major, with tile x tile blocks:
/// each block stages a tile of a and of b in shared memory, zero-padding
/// the parts outside the matrices.
__global__ void matmul_kernel(double* c, const double* a, const double* b, int m, int k, int n) {
  __shared__ double a_tile[tile][tile];
  __shared__ double b_tile[tile][tile];
  const int tx = static_cast<int>(threadIdx.x);
  const int ty = static_cast<int>(threadIdx.y);
  const int row = static_cast<int>(blockIdx.y) * tile + ty;
  const int col = static_cast<int>(blockIdx.x) * tile + tx;
  double acc = 0.0;
  for (int k0 = 0; k0 < k; k0 += tile) {
    a_tile[ty][tx] = row < m && k0 + tx < k ? a[row * k + k0 + tx] : 0.0;
    b_tile[ty][tx] = k0 + ty < k && col < n ? b[(k0 + ty) * n + col] : 0.0;
    __syncthreads();
    for (int j = 0; j < tile; ++j) acc += a_tile[ty][j] * b_tile[j][tx];
    __syncthreads();
  }
  if (row < m && col < n) c[row * n + col] = acc;
}

/// out[0] = how many threads of the block have an even index, via __syncthreads_count;
/// out[1], out[2]: __syncthreads_and / _or of "index < block size".
__global__ void count_kernel(int* out) {
  const int even = __syncthreads_count(threadIdx.x % 2 == 0);
  const int all = __syncthreads_and(threadIdx.x < blockDim.x);
  const int any = __syncthreads_or(threadIdx.x == 0);
  if (threadIdx.x == 0) {
    out[0] = even;
    out[1] = all;
    out[2] = any;
  }
}

/// Every thread of every block adds 1 to *counter (atomicAdd).
__global__ void count_threads_kernel(int* counter) { atomicAdd(counter, 1); }

/// out[linear thread id] = the thread's linear id in the grid, for 3-D grids and blocks.
__global__ void coordinates_kernel(int* out) {
  const unsigned block = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
  const unsigned thread = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  const unsigned id = block * blockDim.x * blockDim.y * blockDim.z + thread;
  out[id] = static_cast<int>(id);
}

}  // namespace cudasim_test
