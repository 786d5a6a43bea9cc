// module3/src/fast_ops.cpp
//
// The fast backend: thread settings, the blocked matrix multiply (Task 3.2),
// the storage pool and the backend table.
#include "minitorch/fast_ops.h"
#include "minitorch/gemm_kernel.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#ifdef MINITORCH_OPENMP
#include <omp.h>
#endif
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace minitorch {

// ------------------------------------------------------------- threads

int ParallelOptions::thread_count() const { return threads > 0 ? threads : fast_threads(); }

int fast_threads() {
#ifdef MINITORCH_OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

void set_fast_threads(int n) {
  if (n < 1) throw ValueError("set_fast_threads(" + std::to_string(n) + "): needs at least 1 thread");
#ifdef MINITORCH_OPENMP
  omp_set_num_threads(n);
#endif
}

bool has_openmp() {
#ifdef MINITORCH_OPENMP
  return true;
#else
  return false;
#endif
}

// ------------------------------------------------------------- the kernels, compiled once

namespace {
// The calling thread's bit (threads 64 and up share bit 63).
std::uint64_t thread_bit() {
#ifdef MINITORCH_OPENMP
  return std::uint64_t{1} << std::min(omp_get_thread_num(), 63);
#else
  return 1;
#endif
}

// Marks the calling thread; while fewer than record.wait_for threads were
// seen, waits for more (the first caller to run out of patience stops every
// later wait).
void mark_thread(ThreadRecord& record) {
  record.seen.fetch_or(thread_bit(), std::memory_order_relaxed);
  if (record.threads_seen() >= record.wait_for || record.gave_up.load(std::memory_order_relaxed)) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(record.patience_ms);
  while (record.threads_seen() < record.wait_for) {
    if (record.gave_up.load(std::memory_order_relaxed) || std::chrono::steady_clock::now() > deadline) {
      record.gave_up.store(true, std::memory_order_relaxed);
      return;
    }
    std::this_thread::yield();
  }
}
}  // namespace

int ThreadRecord::threads_seen() const { return std::popcount(seen.load(std::memory_order_relaxed)); }

double ThreadProbe::operator()(double x) const {
  mark_thread(*record);
  return x;
}

double ThreadProbe::operator()(double x, double y) const {
  mark_thread(*record);
  return x + y;
}

// clang-format off
#define MINITORCH_FAST_MAP(Fn) template void fast_map<Fn>(Fn, OutView, InView, const ParallelOptions&);
#define MINITORCH_FAST_ZIP(Fn) template void fast_zip<Fn>(Fn, OutView, InView, InView, const ParallelOptions&);
#define MINITORCH_FAST_REDUCE(Fn) template void fast_reduce<Fn>(Fn, OutView, InView, int, const ParallelOptions&);
MINITORCH_FAST_MAP_FUNCTIONS(MINITORCH_FAST_MAP)
MINITORCH_FAST_ZIP_FUNCTIONS(MINITORCH_FAST_ZIP)
MINITORCH_FAST_REDUCE_FUNCTIONS(MINITORCH_FAST_REDUCE)
#undef MINITORCH_FAST_MAP
#undef MINITORCH_FAST_ZIP
#undef MINITORCH_FAST_REDUCE
// clang-format on

// ------------------------------------------------------------- Task 3.2: matrix multiply

namespace {

// BEGIN SOLUTION 3.2
// STUB: // Your helper functions (packing, a micro-kernel), if you want some.
//   out (I x J) = a (I x K) * b (K x J), for every batch n
//
// The work is cut into tasks, rectangles of out of RB x CB elements; the
// threads take tasks one at a time (no two touch the same element of out,
// and nothing is shared but the inputs: no barrier, no lock). A task:
//
//   for pc in K, step KC:                 b piece  KC x CB -> packed     (L3)
//     for ic in its rows, step MC:        a piece  MC x KC -> packed     (L2)
//       for jr in its columns, step NR:   b panel  KC x NR               (L1)
//         for ir in MC, step MR:          a panel  MR x KC               (L1)
//           gemm_micro_kernel (given): an MR x NR tile of out in registers, summed over KC
//
// With AVX-512 (gemm_wide_kernel, given) the jr loop takes three panels at a
// time: an MR x 3NR tile in 18 of the 32 vector registers.
//
// Packing copies a piece into the order the micro-kernel reads it
// (contiguous, whatever the strides of a and b: transposed inputs cost
// nothing extra) and pads the edges with zeros, so the micro-kernel always
// computes a full MR x NR tile; only the valid part is written to out.
// Small products (a training step's: 10 rows, 100 columns) would spend
// more on packing than on multiplying: there the micro-kernel reads panels
// of a, and full panels of a b with contiguous rows, where they are; and a
// b with contiguous columns (transposed) is handled as out^T = b^T a^T.

constexpr int MR = kGemmMR;  // rows of the register tile (gemm_kernel.h: the given micro-kernel)
constexpr int NR = kGemmNR;  // columns of the register tile
constexpr int KC = 256;      // depth of a piece: an a panel (12 KiB) and a b panel (16 KiB) fit in L1
constexpr int MC = 96;       // rows of a packed a piece (192 KiB, in L2)
constexpr int CB = 512;      // columns of a task (its packed b piece: 1 MiB, in L3)
constexpr int RB = 4 * MC;   // rows of a task

// A matrix inside strided storage: element (i, j) at data[i * rs + j * cs].
struct Matrix {
  const double* data;
  std::ptrdiff_t rs;
  std::ptrdiff_t cs;
};

// One batch's product: out (rows x cols, strides o_rs, o_cs) = a b. Its
// transpose, out^T = b^T a^T, is the same sums with every role swapped.
struct Product {
  double* out;
  std::ptrdiff_t o_rs, o_cs;
  int rows, cols;
  Matrix a, b;
  Product transposed() const {
    return {out, o_cs, o_rs, cols, rows, Matrix{b.data, b.cs, b.rs}, Matrix{a.data, a.cs, a.rs}};
  }
};

// Memory aligned for vector loads, freed with std::free.
struct FreeDeleter {
  void operator()(double* p) const { std::free(p); }
};
using Buffer = std::unique_ptr<double[], FreeDeleter>;

Buffer aligned_buffer(std::size_t n) {
  const std::size_t bytes = (n * sizeof(double) + 63) / 64 * 64;
  auto* p = static_cast<double*>(std::aligned_alloc(64, bytes));
  if (p == nullptr) throw std::bad_alloc();
  return Buffer(p);
}

// A full panel of `width` lines, each contiguous (a row of a, a column of a
// transposed b): dst[k * width + j] = line j's k-th value (line j at line +
// j * step), 2 x 2 at a time: two values along each of two lines become two
// rows of the panel (SSE2, which every x86-64 has: two loads, two unpacks,
// two stores).
template <int width>
void pack_lines(const double* line, std::ptrdiff_t step, int kc, double* dst) {
  static_assert(width % 2 == 0, "whole 2 x 2 blocks across a panel");
  int k = 0;
  for (; k + 2 <= kc; k += 2) {
#pragma GCC unroll 4
    for (int j = 0; j < width; j += 2) {
      const double* const l0 = line + k + j * step;  // line j, values k and k + 1
      const double* const l1 = l0 + step;            // line j + 1
      double* const row = dst + k * width + j;       // rows k and k + 1, columns j and j + 1
#ifdef __SSE2__
      const __m128d x = _mm_loadu_pd(l0), y = _mm_loadu_pd(l1);
      _mm_storeu_pd(row, _mm_unpacklo_pd(x, y));
      _mm_storeu_pd(row + width, _mm_unpackhi_pd(x, y));
#else
      row[0] = l0[0], row[1] = l1[0], row[width] = l0[1], row[width + 1] = l1[1];
#endif
    }
  }
  for (; k < kc; ++k) {
    for (int j = 0; j < width; ++j) dst[k * width + j] = line[k + j * step];
  }
}

// a rows [i0, i0 + mc) x columns [p0, p0 + kc) -> panels of MR rows; in a
// panel, column k's MR values are contiguous (rows past mc are 0).
void pack_a(const Matrix& a, int i0, int mc, int p0, int kc, double* dst) {
  for (int ir = 0; ir < mc; ir += MR) {
    const int rows = std::min(MR, mc - ir);
    const double* panel = a.data + (i0 + ir) * a.rs + p0 * a.cs;
    if (rows == MR && a.cs == 1) {  // a full panel of contiguous rows
      pack_lines<MR>(panel, a.rs, kc, dst);
      dst += static_cast<std::ptrdiff_t>(kc) * MR;
      continue;
    }
    if (rows == MR) {  // a full panel: no test per element
      for (int k = 0; k < kc; ++k, dst += MR) {
        for (int i = 0; i < MR; ++i) dst[i] = panel[k * a.cs + i * a.rs];
      }
      continue;
    }
    for (int k = 0; k < kc; ++k, dst += MR) {
      for (int i = 0; i < MR; ++i) dst[i] = i < rows ? panel[k * a.cs + i * a.rs] : 0.0;
    }
  }
}

// b rows [p0, p0 + kc) x columns [j0, j0 + nc) -> panels of NR columns; in a
// panel, row k's NR values are contiguous (columns past nc are 0).
void pack_b(const Matrix& b, int p0, int kc, int j0, int nc, double* dst) {
  int jr = 0;
  if (b.cs == 1) {  // rows contiguous: the full panels, KB rows at a time
    // Row by row, each row's NR-wide pieces would go to panels kc * NR
    // apart (16 KiB: the same L1 set for every panel) one line each; KB
    // rows write KB whole lines to each panel and still read the rows in
    // order (n = 1024: packing 13% -> 10% of the multiply).
    constexpr int KB = 8;
    const int full = nc / NR * NR;
    for (int k0 = 0; k0 < kc; k0 += KB) {
      const int k1 = std::min(kc, k0 + KB);
      for (int j = 0; j < full; j += NR) {
        const double* row = b.data + (p0 + k0) * b.rs + j0 + j;
        double* to = dst + j * kc + k0 * NR;
        for (int k = k0; k < k1; ++k, row += b.rs, to += NR) std::memcpy(to, row, NR * sizeof(double));
      }
    }
    jr = full;
    dst += static_cast<std::ptrdiff_t>(full) * kc;
  }
  for (; jr < nc; jr += NR) {
    const int cols = std::min(NR, nc - jr);
    const double* panel = b.data + p0 * b.rs + (j0 + jr) * b.cs;
    if (cols == NR && b.rs == 1) {  // a full panel of contiguous columns (b transposed)
      pack_lines<NR>(panel, b.cs, kc, dst);
      dst += static_cast<std::ptrdiff_t>(kc) * NR;
      continue;
    }
    if (cols == NR) {  // a full panel: no test per element
      for (int k = 0; k < kc; ++k, dst += NR) {
        for (int j = 0; j < NR; ++j) dst[j] = panel[k * b.rs + j * b.cs];
      }
      continue;
    }
    for (int k = 0; k < kc; ++k, dst += NR) {
      for (int j = 0; j < NR; ++j) dst[j] = j < cols ? panel[k * b.rs + j * b.cs] : 0.0;
    }
  }
}

// The columns of a task: CB, or less (a multiple of NR) where `other`
// tasks side by side (batches x row blocks) and CB's column blocks would
// leave some of the threads with no task. The sums are the same whatever
// the width: each element of out adds its products in the same order.
int task_columns(int other, int cols, int threads) {
  int cb = CB;
  while (cb > 4 * NR && other * ((cols + cb - 1) / cb) < 2 * threads) cb /= 2;
  return cb;
}

// This thread's packing buffers, allocated on its first multiply and kept
// (OpenMP keeps its threads): a multiply allocates nothing.
struct Scratch {
  Buffer a = aligned_buffer(static_cast<std::size_t>(MC) * KC);
  Buffer b = aligned_buffer(static_cast<std::size_t>(KC) * CB);
};
Scratch& scratch() {
  thread_local Scratch buffers;
  return buffers;
}
// END SOLUTION

}  // namespace

void fast_matrix_multiply(OutView out_view, InView a_view, InView b_view, const ParallelOptions& opt) {
  // BEGIN SOLUTION 3.2
  const std::span<const int> out_shape = out_view.shape(), out_strides = out_view.strides();
  const std::span<const int> a_shape = a_view.shape(), a_strides = a_view.strides();
  const std::span<const int> b_shape = b_view.shape(), b_strides = b_view.strides();
  const int batches = out_shape[0], depth = a_shape[2];
  Product p{out_view.storage,
            out_strides[1],
            out_strides[2],
            out_shape[1],
            out_shape[2],
            {a_view.storage, a_strides[1], a_strides[2]},
            {b_view.storage, b_strides[1], b_strides[2]}};
  const std::ptrdiff_t a_batch = a_shape[0] > 1 ? a_strides[0] : 0;  // batch broadcasting
  const std::ptrdiff_t b_batch = b_shape[0] > 1 ? b_strides[0] : 0;
  // b with contiguous columns (a transposed matrix: what MatMul's backward
  // multiplies by): out^T = b^T a^T instead, whose right operand is a^T and
  // whose left one, b^T, has contiguous rows (read in place, not packed),
  // unless out^T needs more register tiles than out. Each element is the
  // same sum in the same order: the same bits.
  const auto tiles = [](int rows, int cols) {
    return static_cast<std::int64_t>((rows + MR - 1) / MR) * ((cols + NR - 1) / NR);
  };
  const bool swap = p.b.cs != 1 && p.b.rs == 1 && tiles(p.cols, p.rows) <= tiles(p.rows, p.cols);
  if (swap) p = p.transposed();
  const std::ptrdiff_t left_batch = swap ? b_batch : a_batch, right_batch = swap ? a_batch : b_batch;
  const int threads = opt.thread_count();
  const GemmWideKernel wide = gemm_wide_kernel();  // nullptr without AVX-512
  // Threads only for products of at least 8 * grain multiply-adds; then the
  // tasks are narrowed so that each thread gets some. A product run on one
  // thread (whatever the thread count) has tasks of every row and CB
  // columns: each piece of b is packed once.
  const bool big = static_cast<std::int64_t>(batches) * p.rows * p.cols * depth >= 8LL * opt.grain;
  const bool threaded = threads > 1 && big;
  const int rb = threaded ? RB : std::max(p.rows, 1);
  const int row_tasks = (p.rows + rb - 1) / rb;
  const int cb = threaded ? task_columns(batches * row_tasks, p.cols, threads) : CB;
  const int col_tasks = (p.cols + cb - 1) / cb;
  const int tasks = batches * row_tasks * col_tasks;
  const bool parallel = tasks > 1 && threaded;
  // One task: a rectangle of out, computed with the calling thread's buffers.
  const auto run_task = [&](int task, double* a_packed, double* b_packed) {
    const int n = task / (row_tasks * col_tasks);
    const int i0 = task / col_tasks % row_tasks * rb, i1 = std::min(p.rows, i0 + rb);
    const int j0 = task % col_tasks * cb, nc = std::min(cb, p.cols - j0);
    const Matrix a{p.a.data + n * left_batch, p.a.rs, p.a.cs};
    const Matrix b{p.b.data + n * right_batch, p.b.rs, p.b.cs};
    double* c = p.out + static_cast<std::ptrdiff_t>(n) * out_strides[0];
    // A few rows use each panel of b a few times only, and a small b stays
    // in the caches: not worth packing when its rows are contiguous; read
    // its full panels in place. (From 64 x 64 on, a panel's rows, 512 bytes
    // apart or more, fall into a few of L1's sets and evict each other:
    // packed, n = 64 runs 6% faster.) Likewise a panel of a used by a few
    // panels of b only, or a small a: read in place by the micro-kernel.
    const bool few_rows = i1 - i0 <= 4 * MR;
    const bool small_b = static_cast<std::int64_t>(depth) * b.rs < 64 * 64;
    const int in_place = b.cs == 1 && (few_rows || small_b) ? nc / NR * NR : 0;
    const bool a_in_place = few_rows || nc <= 4 * NR || static_cast<std::int64_t>(p.rows) * depth <= 64 * 64;
    for (int pc = 0; pc < depth; pc += KC) {
      const int kc = std::min(KC, depth - pc);
      pack_b(b, pc, kc, j0 + in_place, nc - in_place, b_packed);
      for (int ic = i0; ic < i1; ic += MC) {
        const int mc = std::min(MC, i1 - ic);
        if (!a_in_place) pack_a(a, ic, mc, pc, kc, a_packed);
        for (int jr = 0; jr < nc;) {
          const bool direct = jr < in_place;
          const double* panel = direct ? b.data + pc * b.rs + j0 + jr : b_packed + (jr - in_place) * kc;
          // Three panels at a time with a wide kernel (AVX-512), where they
          // are all direct or all packed.
          const int group = wide != nullptr && (direct ? in_place : nc) - jr > 2 * NR ? kGemmWidePanels : 1;
          const int cols = std::min(group * NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            const GemmPanelA a_panel = a_in_place ? GemmPanelA{a.data + (ic + ir) * a.rs + pc * a.cs, a.rs, a.cs}
                                                  : GemmPanelA{a_packed + ir * kc, 1, MR};
            double* const tile = c + (ic + ir) * p.o_rs + (j0 + jr) * p.o_cs;
            const int rows = std::min(MR, mc - ir);
            if (group > 1) {
              wide(kc, a_panel, panel, direct ? b.rs : NR, direct ? NR : std::ptrdiff_t{NR} * kc, tile, p.o_rs, p.o_cs,
                   rows, cols, pc > 0);
            } else {
              gemm_micro_kernel(kc, a_panel, panel, direct ? b.rs : NR, tile, p.o_rs, p.o_cs, rows, cols, pc > 0);
            }
          }
          jr += group * NR;
        }
      }
    }
  };
  if (!parallel) {
    for (int task = 0; task < tasks; ++task) run_task(task, scratch().a.get(), scratch().b.get());
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    double* a_packed = scratch().a.get();  // this thread's
    double* b_packed = scratch().b.get();
#pragma omp for schedule(dynamic, 1)
    for (int task = 0; task < tasks; ++task) run_task(task, a_packed, b_packed);
  }
  // END SOLUTION
}

// ------------------------------------------------------------- the backend

// Freed storages of one fast backend, kept for reuse by size (as PyTorch's
// caching allocators do). A training step allocates the same sizes again and
// again; getting them from malloc each time (which hands large blocks back to
// the system and faults them in again) costs more than the arithmetic on
// small tensors. Storages hold the pool (shared_ptr): it lives until the
// last of them is freed.
class FastOps::StoragePool {
 public:
  StoragePool() = default;
  StoragePool(const StoragePool&) = delete;
  StoragePool& operator=(const StoragePool&) = delete;
  ~StoragePool() {
    for (auto& [size, blocks] : free_) {
      for (double* p : blocks) std::free(p);
    }
  }

  // A cached block of exactly n doubles, or nullptr.
  double* take(std::size_t n) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto found = free_.find(n);
    if (found == free_.end() || found->second.empty()) return nullptr;
    double* p = found->second.back();
    found->second.pop_back();
    cached_ -= n;
    return p;
  }
  // Keeps p (n doubles) for reuse, or frees it when the pool is full.
  void give(double* p, std::size_t n) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (cached_ + n <= kMaxCached) {
        free_[n].push_back(p);
        cached_ += n;
        return;
      }
    }
    std::free(p);
  }

 private:
  static constexpr std::size_t kMaxCached = std::size_t{32} << 20;  // doubles: 256 MiB
  std::mutex mutex_;
  std::unordered_map<std::size_t, std::vector<double*>> free_;
  std::size_t cached_ = 0;
};

FastOps::FastOps(ParallelOptions options) : options_(options), pool_(std::make_shared<StoragePool>()) {
  if (options_.grain < 1 || options_.chunk < 1 || options_.threads < 0) {
    throw ValueError("fast backend options: grain and chunk must be >= 1 and threads >= 0 (got grain " +
                     std::to_string(options_.grain) + ", chunk " + std::to_string(options_.chunk) + ", threads " +
                     std::to_string(options_.threads) + ")");
  }
}

Storage FastOps::allocate(std::size_t n) const {
  n = std::max<std::size_t>(n, 1);
  double* p = pool_->take(n);
  if (p != nullptr) {
    std::memset(p, 0, n * sizeof(double));
  } else {
    p = static_cast<double*>(std::calloc(n, sizeof(double)));
    if (p == nullptr) throw std::bad_alloc();
  }
  return Storage(std::shared_ptr<double[]>(p, [pool = pool_, n](double* q) { pool->give(q, n); }), n);
}

Storage FastOps::allocate_output(std::size_t n) const {
  n = std::max<std::size_t>(n, 1);
  double* p = pool_->take(n);
  if (p == nullptr) {
    p = static_cast<double*>(std::malloc(n * sizeof(double)));
    if (p == nullptr) throw std::bad_alloc();
  }
  return Storage(std::shared_ptr<double[]>(p, [pool = pool_, n](double* q) { pool->give(q, n); }), n);
}

void FastOps::fill(OutView out, double value) const {
  if (!is_dense(out.shape(), out.strides())) {
    HostMemory::fill(out, value);
    return;
  }
  double* const data = out.storage;
  const int size = out.size();
#pragma omp simd
  for (int i = 0; i < size; ++i) data[i] = value;
}

TensorBackend make_fast_backend(ParallelOptions options, std::string name) {
  TensorBackend fast = make_backend(std::move(name), Device::cpu, std::make_shared<const FastOps>(options));
  extend_fast_backend(fast, options);  // the highest module's backends.cpp
  return fast;
}

const TensorBackend& fast_backend() {
  // Never destroyed: tensors in static storage may outlive main.
  static const TensorBackend* backend = new TensorBackend(make_fast_backend(ParallelOptions{}));
  return *backend;
}

}  // namespace minitorch
