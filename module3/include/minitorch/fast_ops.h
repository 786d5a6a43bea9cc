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
// (bit for bit). Below a grain size (ParallelOptions::grain output
// elements) the loops run on the calling thread: small tensors do not pay for
// waking threads up. The options (grain, chunk, threads) belong to the
// backend instance that calls the kernel (make_fast_backend).
//
// Only fast_ops.cpp includes this file: it compiles each kernel once per
// element function (fast_kernels.h lists them; the tests call the kernels
// through it), so an edit here recompiles one file. Programs include
// fast_backend.h.
//
// Without OpenMP (no -fopenmp) the `#pragma omp` lines are ignored and
// everything runs serially, with the same results.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "minitorch/broadcast.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_kernels.h"
#include "minitorch/indexing.h"
#include "minitorch/make_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

namespace detail {
inline bool same(std::span<const int> a, std::span<const int> b) { return std::ranges::equal(a, b); }
// The stride with which `shape` (right-aligned with a bigger shape) steps along
// the last dimension of the bigger shape: 0 where it is broadcast.
inline int last_step(std::span<const int> shape, std::span<const int> strides) {
  return shape.back() == 1 ? 0 : strides.back();
}
// True when out, a (and b) have one shape, one set of strides and a dense
// layout: element i of each is at storage position i.
inline bool aligned(const OutView& out, const InView& a) {
  return same(out.shape(), a.shape()) && same(out.strides(), a.strides()) && is_dense(out.shape(), out.strides());
}
}  // namespace detail

// ------------------------------------------------------------- Task 3.1

/// Task 3.1: parallel tensor_map. out[i] = fn(in[j]) for every index i of
/// out, j the index of `in` that i reads under broadcasting (as Module 2's
/// tensor_map, same signature, same results).
///
///  - Main loop in parallel (`#pragma omp parallel for`), serial below
///    opt.grain output elements. (An `if (...)` clause on
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
/// out: (out shape), in: (in shape) broadcasting to it; opt: grain, chunk,
/// threads (opt.thread_count()) of the calling backend.
template <typename Fn>
void fast_map(Fn fn, OutView out, InView in, const ParallelOptions& opt) {
  // BEGIN SOLUTION 3.1
  const int size = out.size();
  const int threads = opt.thread_count();
  const bool parallel = size >= opt.grain && threads > 1 && is_non_overlapping(out.shape(), out.strides());
  double* const o_data = out.storage;
  const double* const i_data = in.storage;
  if (detail::aligned(out, in)) {
    if (parallel) {
#pragma omp parallel for simd schedule(static) num_threads(threads)
      for (int i = 0; i < size; ++i) o_data[i] = fn(i_data[i]);
    } else {
#pragma omp simd
      for (int i = 0; i < size; ++i) o_data[i] = fn(i_data[i]);
    }
    return;
  }
  const std::span<const int> out_shape = out.shape(), out_strides = out.strides();
  const std::span<const int> in_shape = in.shape(), in_strides = in.strides();
  // in's stride along each dimension of out: 0 where in is broadcast. A
  // chunk computes one index; then each row ends with a carry (an odometer)
  // that steps the storage positions: short rows (a pooling window's 4)
  // cost no index arithmetic each. The rows run along out's last dimension
  // longer than 1 (the ones after it have index 0 throughout).
  const int dims = static_cast<int>(out_shape.size()), in_offset = dims - static_cast<int>(in_shape.size());
  IndexBuffer in_steps{};
  for (int d = std::max(0, in_offset); d < dims; ++d) {
    const auto id = static_cast<std::size_t>(d - in_offset);
    in_steps[static_cast<std::size_t>(d)] = in_shape[id] == 1 ? 0 : in_strides[id];
  }
  int last = dims - 1;
  while (last > 0 && out_shape[static_cast<std::size_t>(last)] == 1) --last;
  const int row = out_shape[static_cast<std::size_t>(last)];
  const int out_step = out_strides[static_cast<std::size_t>(last)], in_step = in_steps[static_cast<std::size_t>(last)];
  // One row of `run` elements from storage positions o and p: a fill when in
  // is broadcast along it, a vectorised loop when both are contiguous.
  const auto map_row = [&](int run, int o, int p) {
    double* const o_row = o_data + o;
    const double* const i_row = i_data + p;
    if (in_step == 0 && out_step == 1) {
      const double value = fn(i_row[0]);
#pragma omp simd
      for (int k = 0; k < run; ++k) o_row[k] = value;
    } else if (in_step == 0) {
      const double value = fn(i_row[0]);
      for (int k = 0; k < run; ++k) o_row[k * out_step] = value;
    } else if (out_step == 1 && in_step == 1) {
#pragma omp simd
      for (int k = 0; k < run; ++k) o_row[k] = fn(i_row[k]);
    } else {
      for (int k = 0; k < run; ++k) o_row[k * out_step] = fn(i_row[k * in_step]);
    }
  };
  const int chunks = static_cast<int>((static_cast<std::int64_t>(size) + opt.chunk - 1) / opt.chunk);
  // Chunk c of the output elements, with the calling thread's index buffers.
  const auto run_chunk = [&](int c, IndexBuffer& out_index, IndexBuffer& in_index) {
    const int end = static_cast<int>(std::min<std::int64_t>(size, static_cast<std::int64_t>(c + 1) * opt.chunk));
    int i = c * opt.chunk;
    to_index(i, out_shape, out_index);
    broadcast_index(out_index, out_shape, in_shape, in_index);
    int o = index_to_position(out_index, out_strides);
    int p = index_to_position(in_index, in_strides);
    for (int run = std::min(end - i, row - out_index[static_cast<std::size_t>(last)]);;) {
      map_row(run, o, p);
      o += run * out_step;
      p += run * in_step;
      i += run;
      if (i >= end) break;
      // The row is done: back to its column 0, then one step along the
      // dimensions before it, carrying.
      o -= row * out_step;
      p -= row * in_step;
      for (int d = last - 1; d >= 0; --d) {
        const auto du = static_cast<std::size_t>(d);
        o += out_strides[du];
        p += in_steps[du];
        if (++out_index[du] < out_shape[du]) break;
        out_index[du] = 0;
        o -= out_shape[du] * out_strides[du];
        p -= out_shape[du] * in_steps[du];
      }
      run = std::min(end - i, row);
    }
  };
  if (!parallel) {
    IndexBuffer out_index{};
    IndexBuffer in_index{};
    for (int c = 0; c < chunks; ++c) run_chunk(c, out_index, in_index);
    return;
  }
#pragma omp parallel num_threads(threads)
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
/// out: (out shape), a: (a shape), b: (b shape), both broadcasting to it.
template <typename Fn>
void fast_zip(Fn fn, OutView out, InView a, InView b, const ParallelOptions& opt) {
  // BEGIN SOLUTION 3.1
  const int size = out.size();
  const int threads = opt.thread_count();
  const bool parallel = size >= opt.grain && threads > 1 && is_non_overlapping(out.shape(), out.strides());
  double* const o_data = out.storage;
  const double* const a_data = a.storage;
  const double* const b_data = b.storage;
  if (detail::aligned(out, a) && detail::aligned(out, b)) {
    if (parallel) {
#pragma omp parallel for simd schedule(static) num_threads(threads)
      for (int i = 0; i < size; ++i) o_data[i] = fn(a_data[i], b_data[i]);
    } else {
#pragma omp simd
      for (int i = 0; i < size; ++i) o_data[i] = fn(a_data[i], b_data[i]);
    }
    return;
  }
  // One operand a single number (x * rate, x / n) and the other aligned with
  // out: a plain loop too.
  if ((b.size() == 1 && detail::aligned(out, a)) || (a.size() == 1 && detail::aligned(out, b))) {
    if (a.size() == 1 && detail::aligned(out, b)) {
      const double x = a_data[0];
      if (parallel) {
#pragma omp parallel for simd schedule(static) num_threads(threads)
        for (int i = 0; i < size; ++i) o_data[i] = fn(x, b_data[i]);
      } else {
#pragma omp simd
        for (int i = 0; i < size; ++i) o_data[i] = fn(x, b_data[i]);
      }
      return;
    }
    const double y = b_data[0];
    if (parallel) {
#pragma omp parallel for simd schedule(static) num_threads(threads)
      for (int i = 0; i < size; ++i) o_data[i] = fn(a_data[i], y);
    } else {
#pragma omp simd
      for (int i = 0; i < size; ++i) o_data[i] = fn(a_data[i], y);
    }
    return;
  }
  const std::span<const int> out_shape = out.shape(), out_strides = out.strides();
  const std::span<const int> a_shape = a.shape(), a_strides = a.strides();
  const std::span<const int> b_shape = b.shape(), b_strides = b.strides();
  // As fast_map: a and b's strides along each dimension of out (0 where
  // broadcast), rows along out's last dimension longer than 1, one index
  // per chunk and a carry at the end of each row.
  const int dims = static_cast<int>(out_shape.size());
  const auto steps_of = [dims](std::span<const int> shape, std::span<const int> strides) {
    IndexBuffer steps{};
    const int offset = dims - static_cast<int>(shape.size());
    for (int d = std::max(0, offset); d < dims; ++d) {
      const auto id = static_cast<std::size_t>(d - offset);
      steps[static_cast<std::size_t>(d)] = shape[id] == 1 ? 0 : strides[id];
    }
    return steps;
  };
  const IndexBuffer a_steps = steps_of(a_shape, a_strides), b_steps = steps_of(b_shape, b_strides);
  int last = dims - 1;
  while (last > 0 && out_shape[static_cast<std::size_t>(last)] == 1) --last;
  const auto lu = static_cast<std::size_t>(last);
  const int row = out_shape[lu], out_step = out_strides[lu], a_step = a_steps[lu], b_step = b_steps[lu];
  // One row of `run` elements from storage positions o, pa and pb:
  // vectorised when out and the operands are contiguous or one number.
  const auto zip_row = [&](int run, int o, int pa, int pb) {
    double* const o_row = o_data + o;
    const double* const a_row = a_data + pa;
    const double* const b_row = b_data + pb;
    if (out_step == 1 && a_step == 1 && b_step == 1) {
#pragma omp simd
      for (int k = 0; k < run; ++k) o_row[k] = fn(a_row[k], b_row[k]);
    } else if (out_step == 1 && a_step == 1 && b_step == 0) {
      const double y = b_row[0];
#pragma omp simd
      for (int k = 0; k < run; ++k) o_row[k] = fn(a_row[k], y);
    } else if (out_step == 1 && a_step == 0 && b_step == 1) {
      const double x = a_row[0];
#pragma omp simd
      for (int k = 0; k < run; ++k) o_row[k] = fn(x, b_row[k]);
    } else {
      for (int k = 0; k < run; ++k) o_row[k * out_step] = fn(a_row[k * a_step], b_row[k * b_step]);
    }
  };
  const int chunks = static_cast<int>((static_cast<std::int64_t>(size) + opt.chunk - 1) / opt.chunk);
  const auto run_chunk = [&](int c, IndexBuffer& out_index, IndexBuffer& a_index, IndexBuffer& b_index) {
    const int end = static_cast<int>(std::min<std::int64_t>(size, static_cast<std::int64_t>(c + 1) * opt.chunk));
    int i = c * opt.chunk;
    to_index(i, out_shape, out_index);
    broadcast_index(out_index, out_shape, a_shape, a_index);
    broadcast_index(out_index, out_shape, b_shape, b_index);
    int o = index_to_position(out_index, out_strides);
    int pa = index_to_position(a_index, a_strides);
    int pb = index_to_position(b_index, b_strides);
    for (int run = std::min(end - i, row - out_index[lu]);;) {
      zip_row(run, o, pa, pb);
      o += run * out_step;
      pa += run * a_step;
      pb += run * b_step;
      i += run;
      if (i >= end) break;
      // The row is done: back to its column 0, then one step along the
      // dimensions before it, carrying.
      o -= row * out_step;
      pa -= row * a_step;
      pb -= row * b_step;
      for (int d = last - 1; d >= 0; --d) {
        const auto du = static_cast<std::size_t>(d);
        o += out_strides[du];
        pa += a_steps[du];
        pb += b_steps[du];
        if (++out_index[du] < out_shape[du]) break;
        out_index[du] = 0;
        o -= out_shape[du] * out_strides[du];
        pa -= out_shape[du] * a_steps[du];
        pb -= out_shape[du] * b_steps[du];
      }
      run = std::min(end - i, row);
    }
  };
  if (!parallel) {
    IndexBuffer out_index{};
    IndexBuffer a_index{};
    IndexBuffer b_index{};
    for (int c = 0; c < chunks; ++c) run_chunk(c, out_index, a_index, b_index);
    return;
  }
#pragma omp parallel num_threads(threads)
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
///    size * a_shape[reduce_dim] < opt.grain).
///  - Per-thread index buffer.
///  - The inner loop over reduce_dim calls no function (fn inlines) and
///    writes no non-local variable: it steps a position by
///    a_strides[reduce_dim] and accumulates into a local; out[i] is written
///    once, after the loop.
/// out: (a shape with reduce_dim -> 1), a: (a shape).
template <typename Fn>
void fast_reduce(Fn fn, OutView out, InView a, int reduce_dim, const ParallelOptions& opt) {
  // BEGIN SOLUTION 3.1
  const int size = out.size();
  const int threads = opt.thread_count();
  const int n = a.shape()[static_cast<std::size_t>(reduce_dim)];
  const int step = a.strides()[static_cast<std::size_t>(reduce_dim)];
  const bool parallel =
      static_cast<std::int64_t>(size) * n >= opt.grain && threads > 1 && is_non_overlapping(out.shape(), out.strides());
  const std::span<const int> out_shape = out.shape(), out_strides = out.strides(), a_strides = a.strides();
  double* const o_data = out.storage;
  const double* const a_data = a.storage;
  if (size == 0) return;
  // out's dimensions other than reduce_dim, size-1 ones dropped and
  // neighbours merged where both out and a step through the two as through
  // one (a bias gradient's (8, 28, 28) is one row of 6272): the same
  // elements in the same order, with long rows.
  IndexBuffer rows_shape{}, out_row_strides{}, a_row_strides{};
  int dims = 0;
  for (std::size_t d = 0; d < out_shape.size(); ++d) {
    if (static_cast<int>(d) == reduce_dim || out_shape[d] == 1) continue;
    const auto merged = static_cast<std::size_t>(dims - 1);
    if (dims > 0 && out_row_strides[merged] == out_strides[d] * out_shape[d] &&
        a_row_strides[merged] == a_strides[d] * out_shape[d]) {
      rows_shape[merged] *= out_shape[d];
      out_row_strides[merged] = out_strides[d];
      a_row_strides[merged] = a_strides[d];
      continue;
    }
    const auto next = static_cast<std::size_t>(dims++);
    rows_shape[next] = out_shape[d], out_row_strides[next] = out_strides[d], a_row_strides[next] = a_strides[d];
  }
  if (dims == 0) rows_shape[0] = 1, dims = 1;  // a single output element
  const auto last = static_cast<std::size_t>(dims - 1);
  // The output is cut into pieces: up to kPiece consecutive elements of one
  // row (the last merged dimension). A piece sums into local accumulators,
  // one per element, each over k in order (the same sums as one element at
  // a time), with the k loop outside: a's rows are read along their layout,
  // vectorised where contiguous.
  constexpr int kPiece = 16;
  const int row = rows_shape[last], out_step = out_row_strides[last], a_step = a_row_strides[last];
  const int per_row = (row + kPiece - 1) / kPiece, pieces = size / row * per_row;
  const auto reduce_piece = [&](int piece) {
    const int first = piece % per_row * kPiece, len = std::min(kPiece, row - first);
    int o = first * out_step, p = first * a_step;
    for (int rest = piece / per_row, d = dims - 2; d >= 0; --d) {  // the row's index, last dimension first
      const auto du = static_cast<std::size_t>(d);
      o += rest % rows_shape[du] * out_row_strides[du];
      p += rest % rows_shape[du] * a_row_strides[du];
      rest /= rows_shape[du];
    }
    double* const o_row = o_data + o;
    const double* const a_row = a_data + p;
    double acc[kPiece];
    for (int x = 0; x < len; ++x) acc[x] = o_row[x * out_step];
    for (int k = 0; k < n; ++k) {
      const double* const a_k = a_row + std::ptrdiff_t{k} * step;
      if (a_step == 1) {
#pragma omp simd
        for (int x = 0; x < len; ++x) acc[x] = fn(acc[x], a_k[x]);
      } else {
        for (int x = 0; x < len; ++x) acc[x] = fn(acc[x], a_k[std::ptrdiff_t{x} * a_step]);
      }
    }
    for (int x = 0; x < len; ++x) o_row[x * out_step] = acc[x];
  };
  if (!parallel) {
    for (int piece = 0; piece < pieces; ++piece) reduce_piece(piece);
    return;
  }
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int piece = 0; piece < pieces; ++piece) reduce_piece(piece);
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
/// Write each element of out (=), never add to it (+=): out comes from the
/// backend's storage pool without a zero-fill and holds old numbers.
/// Shapes are not checked here (the backend's MatMulOp checks them first).
void fast_matrix_multiply(OutView out, InView a, InView b, const ParallelOptions& opt);

// ------------------------------------------------------------- the backend

/// The fast CPU backend's kernels (the ones above) with this instance's
/// options and storage pool; make_fast_backend() builds its table.
class FastOps : public HostMemory {
 public:
  explicit FastOps(ParallelOptions options);

  /// n zeros: a freed storage of the same size when this backend kept one
  /// (training allocates the same sizes at every step), else calloc.
  Storage allocate(std::size_t n) const;
  /// n doubles of unspecified values (the pool's or malloc's), for a
  /// result its kernel writes in full: allocate without the zero-fill.
  Storage allocate_output(std::size_t n) const;
  /// Writes value into every element of out: one pass over its storage
  /// where its layout is dense (a reduction's fresh output), else
  /// HostMemory's walk over the indices.
  void fill(OutView out, double value) const;

  template <typename Fn>
  void map(Fn fn, OutView out, InView a) const {
    fast_map(fn, out, a, options_);
  }
  template <typename Fn>
  void zip(Fn fn, OutView out, InView a, InView b) const {
    fast_zip(fn, out, a, b, options_);
  }
  template <typename Fn>
  void reduce(Fn fn, OutView out, InView a, int dim) const {
    fast_reduce(fn, out, a, dim, options_);
  }
  void matrix_multiply(OutView out, InView a, InView b) const { fast_matrix_multiply(out, a, b, options_); }

 private:
  class StoragePool;
  ParallelOptions options_;
  std::shared_ptr<StoragePool> pool_;  // shared with the storages it handed out
};

}  // namespace minitorch
