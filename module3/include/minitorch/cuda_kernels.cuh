// module3/include/minitorch/cuda_kernels.cuh
//
// Task 3.3: the CUDA backend's map, zip and reduce, and the practice sum.
//
// A kernel is the body of ONE thread. The launch (src/cuda_ops.cuh) starts a
// grid of blocks of threads, and each thread finds its work from where it
// sits in the grid:
//
//   grid:   block 0        block 1        block 2   ...   (blockIdx.x)
//          [t0 t1 .. t31] [t0 t1 .. t31] [t0 t1 .. t31]   (threadIdx.x, blockDim.x = 32)
//   i = blockIdx.x * blockDim.x + threadIdx.x   -> this thread's output element
//
// The threads of one block share `__shared__` arrays and wait for each other
// at `__syncthreads()`: every thread of the block must reach every barrier
// (never `return` before one; guard the work with `if (i < size)` instead).
//
// Tensors arrive as the course's (storage, shape, strides) triple, here one
// StridedView each, by value (out.storage, out.shape(), out.strides()). Index
// buffers are local arrays (IndexBuffer), never allocated. The index helpers
// of Tasks 2.1/2.2 (to_index, broadcast_index, index_to_position) run in
// kernels as they are.
//
// The same source runs on a GPU (nvcc) and on the CPU simulator (g++):
// module3/README.md explains both, and how to read a simulator diagnostic.
#pragma once

#include "minitorch/cuda_device.cuh"
#include "minitorch/errors.h"  // MT_TODO
#include "minitorch/indexing.h"
#include "minitorch/tensor_data.h"

namespace minitorch {
inline namespace MT_CUDA_TARGET {

/// Task 3.3: map. out[i] = fn(in[j]) for the output element i of this
/// thread, j the index of `in` that i reads under broadcasting (Module 2's
/// tensor_map, one element per thread).
/// Launch: blocks of THREADS_PER_BLOCK threads, enough blocks to cover
/// out.size(): threads past the end must do nothing.
/// out: any layout; in: broadcasts to out's shape.
template <typename Fn>
__global__ void map_kernel(Fn fn, OutView out, InView in) {
  // BEGIN SOLUTION 3.3
  IndexBuffer out_index{};
  IndexBuffer in_index{};
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (i < out.size()) {
    to_index(i, out.shape(), out_index);
    broadcast_index(out_index, out.shape(), in.shape(), in_index);
    const double value = in.storage[index_to_position(in_index, in.strides())];
    out.storage[index_to_position(out_index, out.strides())] = fn(value);
  }
  // END SOLUTION
}

/// Task 3.3: zip. out[i] = fn(a[ja], b[jb]) with broadcasting, one output
/// element per thread (Module 2's tensor_zip). Launch as map_kernel.
/// out: any layout; a, b: broadcast to out's shape.
template <typename Fn>
__global__ void zip_kernel(Fn fn, OutView out, InView a, InView b) {
  // BEGIN SOLUTION 3.3
  IndexBuffer out_index{};
  IndexBuffer a_index{};
  IndexBuffer b_index{};
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (i < out.size()) {
    to_index(i, out.shape(), out_index);
    broadcast_index(out_index, out.shape(), a.shape(), a_index);
    broadcast_index(out_index, out.shape(), b.shape(), b_index);
    const double x = a.storage[index_to_position(a_index, a.strides())];
    const double y = b.storage[index_to_position(b_index, b.strides())];
    out.storage[index_to_position(out_index, out.strides())] = fn(x, y);
  }
  // END SOLUTION
}

/// Task 3.3: the practice sum, a warm-up for reduce. Block b sums the
/// THREADS_PER_BLOCK values a[32b .. 32b+31] (positions past `size` count as
/// 0) into out[b], IN SHARED MEMORY:
///   1. each thread copies its value (or 0.0) into a __shared__ cache;
///   2. a tree: at stride 1, 2, 4, 8, 16 the threads whose position is a
///      multiple of 2*stride add the cell `stride` to their right;
///   3. thread 0 writes cache[0] to out[blockIdx.x].
/// Every thread reaches every __syncthreads() (after the copy and after each
/// step of the tree).
///   a = [1 .. 64] (64 values): out = [528, 1552]
/// out: (number of blocks), a: (size), contiguous.
__global__ void sum_practice_kernel(double* out, const double* a, int size) {
  // BEGIN SOLUTION 3.3
  __shared__ double cache[THREADS_PER_BLOCK];
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  const int pos = static_cast<int>(threadIdx.x);
  cache[pos] = i < size ? a[i] : 0.0;
  __syncthreads();
  for (int stride = 1; stride < THREADS_PER_BLOCK; stride *= 2) {
    if (pos % (2 * stride) == 0) cache[pos] += cache[pos + stride];
    __syncthreads();
  }
  if (pos == 0) out[blockIdx.x] = cache[0];
  // END SOLUTION
}

/// Task 3.3: reduce `reduce_dim` of `a` with fn. One block of
/// REDUCE_THREADS (1024) threads per output element: block b computes
/// out[b] (b in row-major order of out's shape, which is a's with
/// reduce_dim -> 1).
///   1. Every thread starts from out's value at that element (the start: 0
///      for sum, 1 for product, -inf for max) and folds the elements
///      pos, pos + 1024, pos + 2048, ... of the reduced dimension into it
///      (dimensions longer than 1024 need this loop).
///   2. The block combines its 1024 partial results in a __shared__ cache,
///      as a tree (stride 512, 256, ..., 1), with a barrier after each step.
///   3. Thread 0 writes the result once.
/// out: a's shape with reduce_dim -> 1, any layout, holding the start value;
/// a: any layout.
template <typename Fn>
__global__ void reduce_kernel(Fn fn, OutView out, InView a, int reduce_dim) {
  // BEGIN SOLUTION 3.3
  __shared__ double cache[REDUCE_THREADS];
  IndexBuffer index{};
  const int pos = static_cast<int>(threadIdx.x);
  to_index(static_cast<int>(blockIdx.x), out.shape(), index);
  const int out_position = index_to_position(index, out.strides());
  double acc = out.storage[out_position];
  const int length = a.shape()[reduce_dim];
  for (int j = pos; j < length; j += static_cast<int>(blockDim.x)) {
    index[reduce_dim] = j;
    acc = fn(acc, a.storage[index_to_position(index, a.strides())]);
  }
  cache[pos] = acc;
  __syncthreads();
  for (int stride = static_cast<int>(blockDim.x) / 2; stride > 0; stride /= 2) {
    if (pos < stride) cache[pos] = fn(cache[pos], cache[pos + stride]);
    __syncthreads();
  }
  if (pos == 0) out.storage[out_position] = cache[0];
  // END SOLUTION
}

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
