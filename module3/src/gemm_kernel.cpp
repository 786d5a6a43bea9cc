// module3/src/gemm_kernel.cpp
//
// The register-tile micro-kernels of the packed matrix multiply (given): a
// portable one, and one for AVX2 with FMA written with intrinsics, compiled
// for that instruction set only (a target attribute: no -march flag) and
// chosen when the CPU has it.
#include "minitorch/gemm_kernel.h"

#include <algorithm>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MINITORCH_GEMM_X86 1
#endif

namespace minitorch {

namespace {

constexpr int MR = kGemmMR;
constexpr int NR = kGemmNR;

// The valid mr x nr corner of a row-major MR x NR tile into out: = or +=.
void store_tile(const double* tile, double* out, std::ptrdiff_t rs, std::ptrdiff_t cs, int mr, int nr,
                bool accumulate) {
  for (int i = 0; i < mr; ++i) {
    for (int j = 0; j < nr; ++j) {
      double& o = out[i * rs + j * cs];
      o = accumulate ? o + tile[i * NR + j] : tile[i * NR + j];
    }
  }
}

// Row i's first element (k = 0) of panel a, for every row of the tile: rows
// past mr read row mr - 1 again (they exist; their sums are not stored).
struct PanelRows {
  const double* row[MR];
  PanelRows(GemmPanelA a, int mr) {
    for (int i = 0; i < MR; ++i) row[i] = a.data + std::min(i, mr - 1) * a.rs;
  }
};

// Plain loops over an MR x NR array of sums that the compiler keeps in
// vector registers (whatever the target).
void portable_kernel(int kc, GemmPanelA a, const double* __restrict b, std::ptrdiff_t ldb, double* out,
                     std::ptrdiff_t rs, std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  const PanelRows rows(a, mr);
  double acc[MR][NR] = {};
  for (std::ptrdiff_t k = 0, ak = 0; k < kc; ++k, ak += a.cs, b += ldb) {
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i) {
      const double ai = rows.row[i][ak];
      for (int j = 0; j < NR; ++j) acc[i][j] += ai * b[j];
    }
  }
  store_tile(&acc[0][0], out, rs, cs, mr, nr, accumulate);
}

#ifdef MINITORCH_GEMM_X86
// AVX2 + FMA: the 6 x 8 tile in 12 ymm registers; per k, two loads of b,
// six broadcasts of a and twelve FMAs (16 registers in all). A tile with
// contiguous rows is written with vector stores (masked for fewer than 8
// columns), one with strided rows through a buffer.
__attribute__((target("avx2,fma"))) void avx2_kernel(int kc, GemmPanelA a, const double* __restrict b,
                                                     std::ptrdiff_t ldb, double* out, std::ptrdiff_t rs,
                                                     std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  const PanelRows rows(a, mr);
  __m256d acc[MR][2];
#pragma GCC unroll 6
  for (int i = 0; i < MR; ++i) acc[i][0] = acc[i][1] = _mm256_setzero_pd();
  for (int i = 0; i < mr; ++i) {
    _mm_prefetch(reinterpret_cast<const char*>(out + i * rs), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(out + i * rs + (NR - 1) * cs), _MM_HINT_T0);
  }
  const std::ptrdiff_t ahead = 8 * a.cs;  // a packed panel's next lines
#pragma GCC unroll 4
  for (std::ptrdiff_t k = 0, ak = 0; k < kc; ++k, ak += a.cs, b += ldb) {
    _mm_prefetch(reinterpret_cast<const char*>(rows.row[0] + ak + ahead), _MM_HINT_T0);
    const __m256d b0 = _mm256_loadu_pd(b), b1 = _mm256_loadu_pd(b + 4);
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      const __m256d ai = _mm256_broadcast_sd(rows.row[i] + ak);
      acc[i][0] = _mm256_fmadd_pd(ai, b0, acc[i][0]);
      acc[i][1] = _mm256_fmadd_pd(ai, b1, acc[i][1]);
    }
  }
  if (cs == 1 && nr == NR) {
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      if (i >= mr) break;
      double* row = out + i * rs;
      __m256d lo = acc[i][0], hi = acc[i][1];
      if (accumulate) {
        lo = _mm256_add_pd(_mm256_loadu_pd(row), lo);
        hi = _mm256_add_pd(_mm256_loadu_pd(row + 4), hi);
      }
      _mm256_storeu_pd(row, lo);
      _mm256_storeu_pd(row + 4, hi);
    }
    return;
  }
  if (cs == 1) {  // the first nr columns: masked loads and stores
    const __m256i lane = _mm256_setr_epi64x(0, 1, 2, 3);
    const __m256i mask_lo = _mm256_cmpgt_epi64(_mm256_set1_epi64x(nr), lane);
    const __m256i mask_hi = _mm256_cmpgt_epi64(_mm256_set1_epi64x(nr - 4), lane);
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      if (i >= mr) break;
      double* row = out + i * rs;
      __m256d lo = acc[i][0], hi = acc[i][1];
      if (accumulate) {
        lo = _mm256_add_pd(_mm256_maskload_pd(row, mask_lo), lo);
        hi = _mm256_add_pd(_mm256_maskload_pd(row + 4, mask_hi), hi);
      }
      _mm256_maskstore_pd(row, mask_lo, lo);
      _mm256_maskstore_pd(row + 4, mask_hi, hi);
    }
    return;
  }
  alignas(32) double tile[MR * NR];
#pragma GCC unroll 6
  for (int i = 0; i < MR; ++i) {
    _mm256_store_pd(tile + i * NR, acc[i][0]);
    _mm256_store_pd(tile + i * NR + 4, acc[i][1]);
  }
  store_tile(tile, out, rs, cs, mr, nr, accumulate);
}
#endif

// The best kernel this CPU runs, with its name.
struct Choice {
  GemmKernel kernel;
  std::string_view name;
};
Choice choose() {
#ifdef MINITORCH_GEMM_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return {avx2_kernel, "avx2+fma"};
#endif
  return {portable_kernel, "portable"};
}
const Choice& chosen() {
  static const Choice choice = choose();
  return choice;
}

}  // namespace

void gemm_micro_kernel(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb, double* out, std::ptrdiff_t rs,
                       std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  chosen().kernel(kc, a, b, ldb, out, rs, cs, mr, nr, accumulate);
}

GemmKernel gemm_kernel_named(std::string_view name) {
  if (name == "portable") return portable_kernel;
#ifdef MINITORCH_GEMM_X86
  if (name == "avx2+fma" && chosen().kernel == avx2_kernel) return avx2_kernel;
#endif
  return nullptr;
}

std::string_view gemm_kernel_name() { return chosen().name; }

}  // namespace minitorch
