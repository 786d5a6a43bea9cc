// module3/include/minitorch/fast_ops.h
//
// Tasks 3.1 and 3.2: the fast CPU backend. The same map, zip, reduce and
// matrix multiply as Module 2's simple backend, spread over the cores with
// OpenMP and written so that the compiler can keep the inner loops tight.
//
//   simple backend (Module 2)             fast backend (this file)
//   one thread, one element at a time     many threads, each owns whole output elements
//   to_index + broadcast_index per        aligned layouts: walk the storage directly;
//     element                               otherwise one index computation per run
//                                           of the last dimension
//
// Every output element is computed by exactly one thread, in the same order
// as the simple backend, so the results do not depend on the thread count
// (bit for bit). Below a grain size (parallel_options().grain output
// elements) the loops run on the calling thread: small tensors do not pay for
// waking threads up.
//
// Without OpenMP (no -fopenmp) the `#pragma omp` lines are ignored and
// everything runs serially, with the same results.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "minitorch/broadcast.h"
#include "minitorch/errors.h"
#include "minitorch/tensor_data.h"
#include "minitorch/tensor_ops.h"

namespace minitorch {

// ------------------------------------------------------------- threads

/// How the fast kernels split work. Tests lower both numbers to push tiny
/// tensors through the parallel code; programs keep the defaults.
struct ParallelOptions {
  /// Loops over fewer output elements than this run serially (matrix
  /// multiply: fewer than 8 * grain multiply-adds).
  int grain = 1 << 15;
  /// Output elements per work item of the general (non-aligned) path.
  int chunk = 1 << 12;
};

/// The options every fast kernel reads when it starts.
ParallelOptions& parallel_options();

/// The number of threads the fast kernels use (1 without OpenMP).
int fast_threads();
/// Sets the number of threads of the fast kernels (n >= 1; ignored without OpenMP).
void set_fast_threads(int n);
/// True when this build has OpenMP.
bool has_openmp();

/// True when the layout fills positions 0 .. size-1 of its storage exactly
/// once: the strides are the contiguous strides of the shape with the
/// dimensions in some order (contiguous, transposed, permuted). Two tensors
/// with the same shape, the same strides and a dense layout keep the element
/// at index i at the same storage position, so a kernel can walk both
/// storages from 0 to size-1 without any index arithmetic.
bool is_dense(std::span<const int> shape, std::span<const int> strides);

/// True when no two indices share a storage position (no stride 0 over a
/// dimension of size > 1, no overlap). Only such outputs can be written in parallel.
bool is_non_overlapping(std::span<const int> shape, std::span<const int> strides);

namespace detail {
inline bool same(std::span<const int> a, std::span<const int> b) { return std::ranges::equal(a, b); }
// The stride with which `shape` (right-aligned with a bigger shape) steps along
// the last dimension of the bigger shape: 0 where it is broadcast.
inline int last_step(std::span<const int> shape, std::span<const int> strides) {
  return shape.back() == 1 ? 0 : strides.back();
}
}  // namespace detail

// ------------------------------------------------------------- Task 3.1

/// Task 3.1: parallel tensor_map. out[i] = fn(in[j]) for every index i of
/// out, j the index of `in` that i reads under broadcasting (as Module 2's
/// tensor_map, same signature, same results).
///
///  - Main loop in parallel (`#pragma omp parallel for`), serial below
///    parallel_options().grain output elements. (An `if (...)` clause on
///    the pragma does that, but libgomp still enters a parallel region and
///    makes a system call at its barrier: skipping OpenMP altogether for
///    small tensors is faster.)
///  - When out and in are stride-aligned (same shape, same strides, dense
///    layout: is_dense), walk the storage directly: out[i] = fn(in[i]).
///  - Otherwise index buffers are per thread (declared inside `#pragma omp
///    parallel`, before `#pragma omp for`), never allocated per element.
///    Faster still: compute the index once per run along the last dimension
///    and step the positions by the last strides (0 where in is broadcast).
/// out must not overlap itself (is_non_overlapping) for the parallel paths.
/// out: (out_shape), in: (in_shape) broadcasting to out_shape.
template <typename Fn>
void fast_map(Fn fn, double* out, std::span<const int> out_shape, std::span<const int> out_strides,
              const double* in_storage, std::span<const int> in_shape, std::span<const int> in_strides) {
  // BEGIN SOLUTION 3.1
  const ParallelOptions opt = parallel_options();
  const int size = shape_size(out_shape);
  const bool parallel = size >= opt.grain && is_non_overlapping(out_shape, out_strides);
  if (detail::same(out_shape, in_shape) && detail::same(out_strides, in_strides) && is_dense(out_shape, out_strides)) {
    if (parallel) {
#pragma omp parallel for simd schedule(static)
      for (int i = 0; i < size; ++i) out[i] = fn(in_storage[i]);
    } else {
#pragma omp simd
      for (int i = 0; i < size; ++i) out[i] = fn(in_storage[i]);
    }
    return;
  }
  const int row = out_shape.back();
  const int out_step = out_strides.back();
  const int in_step = detail::last_step(in_shape, in_strides);
  const int chunks = static_cast<int>((static_cast<std::int64_t>(size) + opt.chunk - 1) / opt.chunk);
  // Chunk c of the output elements, with the calling thread's index buffers.
  const auto run_chunk = [&](int c, IndexBuffer& out_index, IndexBuffer& in_index) {
    const int end = static_cast<int>(std::min<std::int64_t>(size, static_cast<std::int64_t>(c + 1) * opt.chunk));
    for (int i = c * opt.chunk; i < end;) {
      to_index(i, out_shape, out_index);
      broadcast_index(out_index, out_shape, in_shape, in_index);
      int o = index_to_position(out_index, out_strides);
      int p = index_to_position(in_index, in_strides);
      const int run = std::min(end - i, row - out_index[out_shape.size() - 1]);  // rest of this row
      for (int k = 0; k < run; ++k, o += out_step, p += in_step) out[o] = fn(in_storage[p]);
      i += run;
    }
  };
  if (!parallel) {
    IndexBuffer out_index{};
    IndexBuffer in_index{};
    for (int c = 0; c < chunks; ++c) run_chunk(c, out_index, in_index);
    return;
  }
#pragma omp parallel
  {
    IndexBuffer out_index{};  // one per thread, reused for every element
    IndexBuffer in_index{};
#pragma omp for schedule(static)
    for (int c = 0; c < chunks; ++c) run_chunk(c, out_index, in_index);
  }
  // END SOLUTION
}

/// Task 3.1: parallel tensor_zip. out[i] = fn(a[ja], b[jb]) with
/// broadcasting, as Module 2's tensor_zip, with the optimisations of
/// fast_map: stride-aligned fast path when out, a and b all have the same
/// shape and strides (dense), per-thread index buffers otherwise.
/// out: (out_shape), a: (a_shape), b: (b_shape), both broadcasting to out_shape.
template <typename Fn>
void fast_zip(Fn fn, double* out, std::span<const int> out_shape, std::span<const int> out_strides,
              const double* a_storage, std::span<const int> a_shape, std::span<const int> a_strides,
              const double* b_storage, std::span<const int> b_shape, std::span<const int> b_strides) {
  // BEGIN SOLUTION 3.1
  const ParallelOptions opt = parallel_options();
  const int size = shape_size(out_shape);
  const bool parallel = size >= opt.grain && is_non_overlapping(out_shape, out_strides);
  if (detail::same(out_shape, a_shape) && detail::same(out_shape, b_shape) && detail::same(out_strides, a_strides) &&
      detail::same(out_strides, b_strides) && is_dense(out_shape, out_strides)) {
    if (parallel) {
#pragma omp parallel for simd schedule(static)
      for (int i = 0; i < size; ++i) out[i] = fn(a_storage[i], b_storage[i]);
    } else {
#pragma omp simd
      for (int i = 0; i < size; ++i) out[i] = fn(a_storage[i], b_storage[i]);
    }
    return;
  }
  const int row = out_shape.back();
  const int out_step = out_strides.back();
  const int a_step = detail::last_step(a_shape, a_strides);
  const int b_step = detail::last_step(b_shape, b_strides);
  const int chunks = static_cast<int>((static_cast<std::int64_t>(size) + opt.chunk - 1) / opt.chunk);
  const auto run_chunk = [&](int c, IndexBuffer& out_index, IndexBuffer& a_index, IndexBuffer& b_index) {
    const int end = static_cast<int>(std::min<std::int64_t>(size, static_cast<std::int64_t>(c + 1) * opt.chunk));
    for (int i = c * opt.chunk; i < end;) {
      to_index(i, out_shape, out_index);
      broadcast_index(out_index, out_shape, a_shape, a_index);
      broadcast_index(out_index, out_shape, b_shape, b_index);
      int o = index_to_position(out_index, out_strides);
      int pa = index_to_position(a_index, a_strides);
      int pb = index_to_position(b_index, b_strides);
      const int run = std::min(end - i, row - out_index[out_shape.size() - 1]);
      for (int k = 0; k < run; ++k, o += out_step, pa += a_step, pb += b_step) {
        out[o] = fn(a_storage[pa], b_storage[pb]);
      }
      i += run;
    }
  };
  if (!parallel) {
    IndexBuffer out_index{};
    IndexBuffer a_index{};
    IndexBuffer b_index{};
    for (int c = 0; c < chunks; ++c) run_chunk(c, out_index, a_index, b_index);
    return;
  }
#pragma omp parallel
  {
    IndexBuffer out_index{};  // one set per thread
    IndexBuffer a_index{};
    IndexBuffer b_index{};
#pragma omp for schedule(static)
    for (int c = 0; c < chunks; ++c) run_chunk(c, out_index, a_index, b_index);
  }
  // END SOLUTION
}

/// Task 3.1: parallel tensor_reduce. Folds dimension reduce_dim of a into
/// out, which already holds the start value, as Module 2's tensor_reduce:
///   out[i] = fn(... fn(fn(out[i], a[i with reduce_dim = 0]), a[... = 1]) ...)
///
///  - Main loop in parallel over the output elements (serial when
///    size * a_shape[reduce_dim] < parallel_options().grain).
///  - Per-thread index buffer.
///  - The inner loop over reduce_dim calls no function (fn inlines) and
///    writes no non-local variable: it steps a position by
///    a_strides[reduce_dim] and accumulates into a local; out[i] is written
///    once, after the loop.
/// out: (a_shape with reduce_dim -> 1), a: (a_shape).
template <typename Fn>
void fast_reduce(Fn fn, double* out, std::span<const int> out_shape, std::span<const int> out_strides,
                 const double* a_storage, std::span<const int> a_shape, std::span<const int> a_strides,
                 int reduce_dim) {
  // BEGIN SOLUTION 3.1
  const ParallelOptions opt = parallel_options();
  const int size = shape_size(out_shape);
  const int n = a_shape[static_cast<std::size_t>(reduce_dim)];
  const int step = a_strides[static_cast<std::size_t>(reduce_dim)];
  const bool parallel = static_cast<std::int64_t>(size) * n >= opt.grain && is_non_overlapping(out_shape, out_strides);
  // Output element i, with the calling thread's index buffer.
  const auto reduce_one = [&](int i, IndexBuffer& index) {
    to_index(i, out_shape, index);  // index[reduce_dim] == 0: also the first index of a
    const int o = index_to_position(index, out_strides);
    int p = index_to_position(index, a_strides);
    double acc = out[o];
    for (int k = 0; k < n; ++k, p += step) acc = fn(acc, a_storage[p]);
    out[o] = acc;
  };
  if (!parallel) {
    IndexBuffer index{};
    for (int i = 0; i < size; ++i) reduce_one(i, index);
    return;
  }
#pragma omp parallel
  {
    IndexBuffer index{};  // one per thread
#pragma omp for schedule(static)
    for (int i = 0; i < size; ++i) reduce_one(i, index);
  }
  // END SOLUTION
}

// ------------------------------------------------------------- Task 3.2

/// Task 3.2: batched matrix multiply with batch broadcasting.
///
///   out[n, i, j] = sum_k a[n, i, k] * b[n, k, j]
///
/// out: (N, I, J), a: (N or 1, I, K), b: (N or 1, K, J), any strides (a batch
/// of size 1 is read with batch stride 0: broadcast). Blocked for the caches
/// and register-tiled (see module3/README.md): panels of a and b are packed
/// into contiguous buffers, and a small micro-kernel keeps a 6 x 8 tile of
/// out in registers while it runs over k. The outer loop is parallel (row
/// blocks of out, one thread each); the inner loop calls no function and
/// writes only local variables. Every element of out is summed in the same
/// order whatever the thread count.
/// Shapes are not checked here (the backend's MatMulOp checks them first).
void fast_matrix_multiply(double* out, std::span<const int> out_shape, std::span<const int> out_strides,
                          const double* a_storage, std::span<const int> a_shape, std::span<const int> a_strides,
                          const double* b_storage, std::span<const int> b_shape, std::span<const int> b_strides);

// ------------------------------------------------------------- the backend

/// The fast CPU backend: Module 2's backend table (make_backend) filled with
/// the kernels above.
struct FastOps {
  static constexpr bool is_cuda = false;

  /// n zeros: a freed storage of the same size when the backend kept one
  /// (training allocates the same sizes at every step), else calloc.
  static Storage allocate(std::size_t n);

  template <typename Fn>
  static MapOp map() {
    return MapOp([](const TensorData& a, TensorData& out) {
      fast_map(Fn{}, out.data(), out.shape(), out.strides(), a.data(), a.shape(), a.strides());
    });
  }

  template <typename Fn>
  static ZipOp zip() {
    return ZipOp([](const TensorData& a, const TensorData& b, TensorData& out) {
      fast_zip(Fn{}, out.data(), out.shape(), out.strides(), a.data(), a.shape(), a.strides(), b.data(), b.shape(),
               b.strides());
    });
  }

  template <typename Fn>
  static ReduceOp reduce(double start) {
    return ReduceOp([start](const TensorData& a, int dim, TensorData& out) {
      fill(out, start);
      fast_reduce(Fn{}, out.data(), out.shape(), out.strides(), a.data(), a.shape(), a.strides(), dim);
    });
  }

  static MatMulOp matrix_multiply();
};

/// The fast backend ("fast"), registered with register_backend so that
/// programs can pick it by name.
const TensorBackend& fast_backend();

}  // namespace minitorch
