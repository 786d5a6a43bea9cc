// module3/cudasim/tests/bug_kernels.h
//
// The classic CUDA mistakes, each planted in a small kernel, for the tests
// that check the simulator diagnoses them. The *_line constants name the line
// of the barrier a diagnostic must point at.
#pragma once

#include <cudasim/cuda.h>

#include <stdexcept>

#include "kernels.h"

namespace cudasim_test::bugs {

/// The tree reduction without the __syncthreads() inside its loop: a race
/// between the halving steps (in the forward order, thread 0 reads cache[1]
/// before thread 1 writes it, in the same barrier interval).
__global__ void sum_no_barrier_in_loop(double* out, const double* in, int n) {
  __shared__ double cache[reduce_threads];
  const int t = static_cast<int>(threadIdx.x);
  cache[t] = t < n ? in[t] : 0.0;
  __syncthreads();
  for (int s = static_cast<int>(blockDim.x) / 2; s > 0; s /= 2) {
    if (t < s) cache[t] += cache[t + s];
  }
  if (t == 0) out[0] = cache[0];
}

inline constexpr int early_return_line = __LINE__ + 7;
/// Threads past the end return before the block's barrier.
__global__ void sum_early_return(double* out, const double* in, int n) {
  __shared__ double cache[reduce_threads];
  const int t = static_cast<int>(threadIdx.x);
  if (t >= n) return;
  cache[t] = in[t];
  __syncthreads();
  for (int s = static_cast<int>(blockDim.x) / 2; s > 0; s /= 2) {
    if (t < s && t + s < n) cache[t] += cache[t + s];
    __syncthreads();
  }
  if (t == 0) out[0] = cache[0];
}

inline constexpr int barrier_in_branch_line = __LINE__ + 10;
/// The barrier inside the branch only the lower half of the threads takes.
__global__ void sum_barrier_in_branch(double* out, const double* in, int n) {
  __shared__ double cache[reduce_threads];
  const int t = static_cast<int>(threadIdx.x);
  cache[t] = t < n ? in[t] : 0.0;
  __syncthreads();
  for (int s = static_cast<int>(blockDim.x) / 2; s > 0; s /= 2) {
    if (t < s) {
      cache[t] += cache[t + s];
      __syncthreads();
    }
  }
  if (t == 0) out[0] = cache[0];
}

inline constexpr int two_barriers_line = __LINE__ + 5;
/// Even and odd threads wait at two different barriers on one line.
__global__ void two_barriers_one_line(int* out) {
  out[threadIdx.x] = 1;
  // clang-format off
  if (threadIdx.x % 2 == 0) { __syncthreads(); } else { __syncthreads(); }
  // clang-format on
}

/// The tiled matmul without zero padding: a partial tile keeps the previous
/// tile's values in its out-of-range slots (shared memory is not cleared).
__global__ void matmul_no_padding(double* c, const double* a, const double* b, int m, int k, int n) {
  __shared__ double a_tile[tile][tile];
  __shared__ double b_tile[tile][tile];
  const int tx = static_cast<int>(threadIdx.x);
  const int ty = static_cast<int>(threadIdx.y);
  const int row = static_cast<int>(blockIdx.y) * tile + ty;
  const int col = static_cast<int>(blockIdx.x) * tile + tx;
  double acc = 0.0;
  for (int k0 = 0; k0 < k; k0 += tile) {
    if (row < m && k0 + tx < k) a_tile[ty][tx] = a[row * k + k0 + tx];
    if (k0 + ty < k && col < n) b_tile[ty][tx] = b[(k0 + ty) * n + col];
    __syncthreads();
    for (int j = 0; j < tile; ++j) acc += a_tile[ty][j] * b_tile[j][tx];
    __syncthreads();
  }
  if (row < m && col < n) c[row * n + col] = acc;
}

/// Thread 0 spins on a flag thread 1 sets: on a cooperative scheduler (and
/// on a GPU within one warp) thread 1 never gets to run.
__global__ void spin_on_flag(int* out) {
  __shared__ volatile int flag;
  if (threadIdx.x == 0) flag = 0;
  __syncthreads();
  if (threadIdx.x == 0) {
    while (flag == 0) {
    }
    out[0] = 1;
  } else {
    flag = 1;
  }
}

/// The map without its `if (i < n)` guard: the last block reads and writes past the end.
__global__ void negate_no_guard(double* out, const double* in, int /*n*/) {
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  out[i] = -in[i];
}

/// Thread i writes out[i % n]: the threads from n on write cells again.
__global__ void store_wrapped(double* out, int n) {
  out[static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x) % n] = 1.0;
}

/// What a stub throws (the course's MT_TODO throws minitorch::NotImplemented).
class StubError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Counts the live objects of kernels that are unwound (atomically: the
/// simulator's race check takes a plain shared counter for a race).
inline int live_guards = 0;
struct Guard {
  Guard() { __atomic_add_fetch(&live_guards, 1, __ATOMIC_RELAXED); }
  ~Guard() { __atomic_sub_fetch(&live_guards, 1, __ATOMIC_RELAXED); }
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;
};

/// Thread `thrower` throws StubError between two barriers, while the others
/// wait at (or are on their way to) the second one.
__global__ void throw_between_barriers(int thrower) {
  const Guard guard;
  __syncthreads();
  if (static_cast<int>(threadIdx.x) == thrower) throw StubError("not implemented: task 3.3");
  __syncthreads();
}

/// A stub kernel: every thread throws at once.
__global__ void throw_at_once(double* /*out*/) { throw StubError("not implemented: task 3.4"); }

/// The tree reduction without the __syncthreads() between the copy into
/// the cache and the tree: thread 0 reads cache[512] before thread 512 copies it.
__global__ void sum_no_barrier_after_copy(double* out, const double* in, int n) {
  __shared__ double cache[reduce_threads];
  const int t = static_cast<int>(threadIdx.x);
  cache[t] = t < n ? in[t] : 0.0;
  for (int s = static_cast<int>(blockDim.x) / 2; s > 0; s /= 2) {
    if (t < s) cache[t] += cache[t + s];
    __syncthreads();
  }
  if (t == 0) out[0] = cache[0];
}

/// Every thread adds one to a __shared__ counter with atomicAdd (no race),
/// and thread 0 writes it out after a barrier.
__global__ void count_with_shared_atomics(int* out) {
  __shared__ int count;
  if (threadIdx.x == 0) count = 0;
  __syncthreads();
  atomicAdd(&count, 1);
  __syncthreads();
  if (threadIdx.x == 0) out[0] = count;
}

/// Neighbouring ints of a __shared__ array, each written by its own thread
/// (two of them share 8 bytes: not a race), read back after a barrier.
__global__ void neighbours_in_an_int_array(int* out) {
  __shared__ int flags[64];
  const int t = static_cast<int>(threadIdx.x);
  flags[t] = t;
  __syncthreads();
  out[t] = flags[63 - t];
}

/// Each thread's position in the order the threads ran (one round, no barrier).
__global__ void record_order(int* order, int* counter) { order[threadIdx.x] = atomicAdd(counter, 1); }

}  // namespace cudasim_test::bugs
