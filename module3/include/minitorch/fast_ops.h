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
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

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

// BEGIN SOLUTION 3.1
// STUB: // Your helper functions, if you want some.
namespace detail {

// The strides with which a view of `shape` (right-aligned with out's `dims`
// dimensions, broadcast where its size is 1) steps along each of out's
// dimensions: 0 where broadcast.
inline IndexBuffer steps_along(int dims, std::span<const int> shape, std::span<const int> strides) {
  IndexBuffer steps{};
  const int offset = dims - static_cast<int>(shape.size());
  for (int d = std::max(0, offset); d < dims; ++d) {
    const auto id = static_cast<std::size_t>(d - offset);
    steps[static_cast<std::size_t>(d)] = shape[id] == 1 ? 0 : strides[id];
  }
  return steps;
}

// How a kernel walks out and its N - 1 operands: out's dimensions, size-1
// ones dropped and neighbours merged wherever every view steps through the
// two as through one (stride[d] == stride[d + 1] * size[d + 1] for each), so
// the same elements come in the same order in fewer, longer rows: a bias
// gradient's (8, 28, 28) is one row of 6272, a pooling window's 4 columns
// and the 7 windows beside them one row of 28.
template <std::size_t N>
struct Walk {
  IndexBuffer shape{};
  std::array<IndexBuffer, N> strides{};  // [0]: out's, then each operand's (0: broadcast)
  int dims = 0;

  int row() const { return shape[static_cast<std::size_t>(dims - 1)]; }
  int step(std::size_t view) const { return strides[view][static_cast<std::size_t>(dims - 1)]; }

  // Element i (row-major over shape): its index, and each view's position.
  void locate(int i, IndexBuffer& index, std::array<int, N>& positions) const {
    positions.fill(0);
    for (int d = dims - 1; d >= 0; --d) {
      const auto du = static_cast<std::size_t>(d);
      index[du] = i % shape[du];
      i /= shape[du];
      for (std::size_t v = 0; v < N; ++v) positions[v] += index[du] * strides[v][du];
    }
  }
  // From just past the end of dimension d (index[d] == shape[d], the
  // positions one step beyond its last element) to the first element of its
  // next run: index[d] = 0 and a carry into d - 1, d - 2, ... (an odometer).
  void carry(int d, IndexBuffer& index, std::array<int, N>& positions) const {
    for (;; --d) {
      const auto du = static_cast<std::size_t>(d);
      index[du] = 0;
      for (std::size_t v = 0; v < N; ++v) positions[v] -= shape[du] * strides[v][du];
      if (d == 0) return;
      for (std::size_t v = 0; v < N; ++v) positions[v] += strides[v][du - 1];
      if (++index[du - 1] < shape[du - 1]) return;
    }
  }
  // From the end of a row to the start of the next.
  void next_row(IndexBuffer& index, std::array<int, N>& positions) const { carry(dims - 1, index, positions); }
};

// out[x] = fn(... fn(out[x], a[x]) ..., a[x + (n - 1) * step]) for kLen
// contiguous outputs over contiguous rows of a: the sums stay in registers
// for the n steps (a runtime length kept them in memory).
template <int kLen, typename Fn>
inline void reduce_contiguous(Fn fn, double* out, const double* a, int n, std::ptrdiff_t step) {
  double acc[kLen];
#pragma GCC unroll 16
  for (int x = 0; x < kLen; ++x) acc[x] = out[x];
  for (int k = 0; k < n; ++k) {
    const double* const a_k = a + k * step;
#pragma GCC unroll 16
    for (int x = 0; x < kLen; ++x) acc[x] = fn(acc[x], a_k[x]);
  }
#pragma GCC unroll 16
  for (int x = 0; x < kLen; ++x) out[x] = acc[x];
}

template <std::size_t N>
Walk<N> make_walk(std::span<const int> out_shape, const std::array<IndexBuffer, N>& steps) {
  Walk<N> walk;
  for (std::size_t d = 0; d < out_shape.size(); ++d) {
    if (out_shape[d] == 1) continue;
    const auto prev = static_cast<std::size_t>(walk.dims - 1);
    bool merge = walk.dims > 0;
    for (std::size_t v = 0; v < N && merge; ++v) merge = walk.strides[v][prev] == steps[v][d] * out_shape[d];
    if (merge) {
      walk.shape[prev] *= out_shape[d];
      for (std::size_t v = 0; v < N; ++v) walk.strides[v][prev] = steps[v][d];
      continue;
    }
    const auto next = static_cast<std::size_t>(walk.dims++);
    walk.shape[next] = out_shape[d];
    for (std::size_t v = 0; v < N; ++v) walk.strides[v][next] = steps[v][d];
  }
  if (walk.dims == 0) walk.shape[0] = 1, walk.dims = 1;  // one element
  return walk;
}

// True when the rows of walk are short next to a chunk of `chunk`
// elements: walk_rows then goes a block of rows at a time, and chunks are
// whole rows.
template <std::size_t N>
bool short_rows(const Walk<N>& walk, int chunk) {
  return walk.dims >= 2 && walk.row() * 2 <= chunk;
}

// Elements [i, end) of walk, row by row: row_fn(run, positions) for each
// run of a row (positions: each view's storage position of its first
// element). One locate, then a carry at each row's end; with `blocks`
// (short_rows, i and end whole rows) the rows along the next dimension are
// stepped by its strides, with one carry per block of them.
template <std::size_t N, typename RowFn>
void walk_rows(const Walk<N>& walk, int i, int end, bool blocks, IndexBuffer& index, RowFn&& row_fn) {
  std::array<int, N> at{};
  walk.locate(i, index, at);
  const int row = walk.row();
  if (blocks) {
    const auto outer = static_cast<std::size_t>(walk.dims - 2);
    for (;;) {
      const int count = std::min(walk.shape[outer] - index[outer], (end - i) / row);
      for (int j = 0; j < count; ++j) {
        row_fn(row, at);
        for (std::size_t v = 0; v < N; ++v) at[v] += walk.strides[v][outer];
      }
      i += count * row;
      if (i >= end) return;
      index[outer] += count;
      walk.carry(static_cast<int>(outer), index, at);
    }
  }
  for (int run = std::min(end - i, row - index[static_cast<std::size_t>(walk.dims - 1)]);;) {
    row_fn(run, at);
    for (std::size_t v = 0; v < N; ++v) at[v] += run * walk.step(v);
    i += run;
    if (i >= end) return;
    walk.next_row(index, at);
    run = std::min(end - i, row);
  }
}

// Every element of walk (`size` of them), row by row (walk_rows), in
// chunks of `chunk` elements (whole rows when rows are short): serially,
// or in parallel over the chunks with one index buffer per thread.
template <std::size_t N, typename RowFn>
void walk_all(const Walk<N>& walk, int size, int chunk, bool parallel, int threads, const RowFn& row_fn) {
  const bool blocks = short_rows(walk, chunk);
  if (blocks) chunk = chunk / walk.row() * walk.row();
  const int chunks = static_cast<int>((static_cast<std::int64_t>(size) + chunk - 1) / chunk);
  // Chunk c of the elements, with the calling thread's index buffer.
  const auto run_chunk = [&](int c, IndexBuffer& index) {
    const int end = static_cast<int>(std::min<std::int64_t>(size, static_cast<std::int64_t>(c + 1) * chunk));
    walk_rows(walk, c * chunk, end, blocks, index, row_fn);
  };
  if (!parallel) {
    IndexBuffer index{};
    for (int c = 0; c < chunks; ++c) run_chunk(c, index);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    IndexBuffer index{};  // one per thread, reused for every element
#pragma omp for schedule(static)
    for (int c = 0; c < chunks; ++c) run_chunk(c, index);
  }
}

}  // namespace detail
// END SOLUTION

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
  // The rest walks merged dimensions (detail::Walk, detail::walk_rows): one
  // index per chunk, then rows, with a carry (an odometer) that steps the
  // storage positions: short rows cost no index arithmetic each.
  const int dims = static_cast<int>(out.shape().size());
  const auto walk = detail::make_walk<2>(out.shape(), {detail::steps_along(dims, out.shape(), out.strides()),
                                                       detail::steps_along(dims, in.shape(), in.strides())});
  const int out_step = walk.step(0), in_step = walk.step(1);
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
      if (std::is_same_v<Fn, elementwise::Id> && run >= 256) {  // a long copy: memcpy's vectors are the widest
        std::memcpy(o_row, i_row, sizeof(double) * static_cast<std::size_t>(run));
        return;
      }
#pragma omp simd
      for (int k = 0; k < run; ++k) o_row[k] = fn(i_row[k]);
    } else {
      for (int k = 0; k < run; ++k) o_row[k * out_step] = fn(i_row[k * in_step]);
    }
  };
  detail::walk_all(walk, size, opt.chunk, parallel, threads,
                   [&](int run, const std::array<int, 2>& at) { map_row(run, at[0], at[1]); });
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
  // As fast_map: merged dimensions (detail::Walk), one index per chunk, a
  // carry at each row's end.
  const int dims = static_cast<int>(out.shape().size());
  const auto walk = detail::make_walk<3>(out.shape(), {detail::steps_along(dims, out.shape(), out.strides()),
                                                       detail::steps_along(dims, a.shape(), a.strides()),
                                                       detail::steps_along(dims, b.shape(), b.strides())});
  const int out_step = walk.step(0), a_step = walk.step(1), b_step = walk.step(2);
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
  detail::walk_all(walk, size, opt.chunk, parallel, threads,
                   [&](int run, const std::array<int, 3>& at) { zip_row(run, at[0], at[1], at[2]); });
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
  // out's dimensions merged (detail::Walk; reduce_dim has size 1 in out:
  // dropped), a bias gradient's (8, 28, 28) one row of 6272. a has out's
  // shape but along reduce_dim, which the walk drops: its steps are taken
  // with out's shape.
  const auto walk =
      detail::make_walk<2>(out_shape, {detail::steps_along(static_cast<int>(out_shape.size()), out_shape, out_strides),
                                       detail::steps_along(static_cast<int>(out_shape.size()), out_shape, a_strides)});
  // The output is cut into pieces: up to kPiece consecutive elements of one
  // row (the last merged dimension). A piece sums into local accumulators,
  // one per element, each over k in order (the same sums as one element at
  // a time), with the k loop outside: a's rows are read along their layout,
  // vectorised where contiguous.
  constexpr int kPiece = 16;
  const int row = walk.row(), out_step = walk.step(0), a_step = walk.step(1);
  const int per_row = (row + kPiece - 1) / kPiece, pieces = size / row * per_row;
  // The piece of len outputs at storage position o, reading a from p.
  const auto reduce_piece = [&](int len, int o, int p) {
    double* const o_row = o_data + o;
    const double* const a_row = a_data + p;
    if (out_step == 1 && a_step == 1 && !(step == 1 && len < 4)) {
      // Sums in registers: 16, 8, 4 and 1 outputs at a time.
      int x = 0;
      for (; x + 16 <= len; x += 16) detail::reduce_contiguous<16>(fn, o_row + x, a_row + x, n, step);
      if (x + 8 <= len) detail::reduce_contiguous<8>(fn, o_row + x, a_row + x, n, step), x += 8;
      if (x + 4 <= len) detail::reduce_contiguous<4>(fn, o_row + x, a_row + x, n, step), x += 4;
      for (; x < len; ++x) detail::reduce_contiguous<1>(fn, o_row + x, a_row + x, n, step);
      return;
    }
    double acc[kPiece];
    if (out_step == 1) {
#pragma omp simd
      for (int x = 0; x < len; ++x) acc[x] = o_row[x];
    } else {
      for (int x = 0; x < len; ++x) acc[x] = o_row[x * out_step];
    }
    // A piece of 1 to 3 elements of a contiguous reduce_dim (a row's sum), or
    // of elements summing a few contiguous numbers each (a pooling window's
    // columns): each element's sum runs along reduce_dim.
    if (step == 1 && (len < 4 || n <= 8)) {
      for (int x = 0; x < len; ++x) {
        const double* const a_x = a_row + std::ptrdiff_t{x} * a_step;
        double sum = acc[x];
        for (int k = 0; k < n; ++k) sum = fn(sum, a_x[k]);
        acc[x] = sum;
      }
    } else {
      for (int k = 0; k < n; ++k) {
        const double* const a_k = a_row + std::ptrdiff_t{k} * step;
        if (a_step == 1) {
#pragma omp simd
          for (int x = 0; x < len; ++x) acc[x] = fn(acc[x], a_k[x]);
        } else {
          for (int x = 0; x < len; ++x) acc[x] = fn(acc[x], a_k[std::ptrdiff_t{x} * a_step]);
        }
      }
    }
    if (out_step == 1) {
#pragma omp simd
      for (int x = 0; x < len; ++x) o_row[x] = acc[x];
    } else {
      for (int x = 0; x < len; ++x) o_row[x * out_step] = acc[x];
    }
  };
  // Pieces first .. last - 1, one after the other: the walk locates the
  // first, then steps along its row and carries into the next.
  const auto reduce_pieces = [&](int first, int last) {
    IndexBuffer index{};
    std::array<int, 2> at{};  // out's and a's positions
    int x = first % per_row * kPiece;
    walk.locate(first / per_row * row + x, index, at);
    for (int piece = first; piece < last; ++piece) {
      const int len = std::min(kPiece, row - x);
      reduce_piece(len, at[0], at[1]);
      at[0] += len * out_step;
      at[1] += len * a_step;
      x += len;
      if (x == row && piece + 1 < last) walk.next_row(index, at), x = 0;
    }
  };
  if (!parallel) {
    reduce_pieces(0, pieces);
    return;
  }
  // A few runs of pieces per thread (the sums do not depend on the cut).
  const int runs = std::min(pieces, threads * 4);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int r = 0; r < runs; ++r) {
    reduce_pieces(static_cast<int>(std::int64_t{pieces} * r / runs),
                  static_cast<int>(std::int64_t{pieces} * (r + 1) / runs));
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
