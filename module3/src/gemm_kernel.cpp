// module3/src/gemm_kernel.cpp
//
// The register-tile micro-kernels of the packed matrix multiply (given): a
// portable one, and one for AVX2 with FMA written with intrinsics, compiled
// for that instruction set only (a target attribute: no -march flag) and
// chosen when the CPU has it; and a wide one (three panels of b at a time)
// for AVX-512, written with vector values.
#include "minitorch/gemm_kernel.h"

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MINITORCH_GEMM_X86 1
#endif

namespace minitorch {

namespace {

constexpr int MR = kGemmMR;
constexpr int NR = kGemmNR;

// The valid mr x nr corner of a row-major tile (rows `width` apart) into
// out: = or +=.
void store_tile(const double* tile, int width, double* out, std::ptrdiff_t rs, std::ptrdiff_t cs, int mr, int nr,
                bool accumulate) {
  for (int i = 0; i < mr; ++i) {
    for (int j = 0; j < nr; ++j) {
      double& o = out[i * rs + j * cs];
      o = accumulate ? o + tile[i * width + j] : tile[i * width + j];
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
  store_tile(&acc[0][0], NR, out, rs, cs, mr, nr, accumulate);
}

#ifdef MINITORCH_GEMM_X86
// AVX2 + FMA: the rows x 8 tile (rows = MR: 6) in 2 * rows ymm registers;
// per k, two loads of b, `rows` broadcasts of a and 2 * rows FMAs (16
// registers in all for 6 rows). A tile with contiguous rows is written with
// vector stores (masked for fewer than 8 columns), one with strided rows
// through a buffer. Fewer rows (a panel's last 2 or 4) compute only those:
// no FMA spent on a row that is not stored.
template <int rows>
__attribute__((target("avx2,fma"))) void avx2_tile(int kc, GemmPanelA a, const double* __restrict b, std::ptrdiff_t ldb,
                                                   double* out, std::ptrdiff_t rs, std::ptrdiff_t cs, int mr, int nr,
                                                   bool accumulate) {
  static_assert(rows <= MR);
  const PanelRows panel(a, mr);
  __m256d acc[rows][2];
#pragma GCC unroll 6
  for (int i = 0; i < rows; ++i) acc[i][0] = acc[i][1] = _mm256_setzero_pd();
  for (int i = 0; i < mr; ++i) {
    _mm_prefetch(reinterpret_cast<const char*>(out + i * rs), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(out + i * rs + (NR - 1) * cs), _MM_HINT_T0);
  }
  const std::ptrdiff_t ahead = 8 * a.cs;  // a packed panel's next lines
#pragma GCC unroll 4
  for (std::ptrdiff_t k = 0, ak = 0; k < kc; ++k, ak += a.cs, b += ldb) {
    _mm_prefetch(reinterpret_cast<const char*>(panel.row[0] + ak + ahead), _MM_HINT_T0);
    const __m256d b0 = _mm256_loadu_pd(b), b1 = _mm256_loadu_pd(b + 4);
#pragma GCC unroll 6
    for (int i = 0; i < rows; ++i) {
      const __m256d ai = _mm256_broadcast_sd(panel.row[i] + ak);
      acc[i][0] = _mm256_fmadd_pd(ai, b0, acc[i][0]);
      acc[i][1] = _mm256_fmadd_pd(ai, b1, acc[i][1]);
    }
  }
  if (cs == 1 && nr == NR) {
#pragma GCC unroll 6
    for (int i = 0; i < rows; ++i) {
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
    for (int i = 0; i < rows; ++i) {
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
  alignas(32) double tile[rows * NR];
#pragma GCC unroll 6
  for (int i = 0; i < rows; ++i) {
    _mm256_store_pd(tile + i * NR, acc[i][0]);
    _mm256_store_pd(tile + i * NR + 4, acc[i][1]);
  }
  store_tile(tile, NR, out, rs, cs, std::min(mr, rows), nr, accumulate);
}

// The AVX2 micro-kernel: the tile of as many rows as the panel has (2, 4
// or 6). Each element's sum is the same whichever tile computes it.
__attribute__((target("avx2,fma"))) void avx2_kernel(int kc, GemmPanelA a, const double* __restrict b,
                                                     std::ptrdiff_t ldb, double* out, std::ptrdiff_t rs,
                                                     std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  static_assert(MR == 6, "tiles of 2, 4 and 6 rows");
  if (mr > 4) return avx2_tile<6>(kc, a, b, ldb, out, rs, cs, mr, nr, accumulate);
  if (mr > 2) return avx2_tile<4>(kc, a, b, ldb, out, rs, cs, mr, nr, accumulate);
  avx2_tile<2>(kc, a, b, ldb, out, rs, cs, mr, nr, accumulate);
}

// Eight doubles as one value (GCC's vector extension): one AVX-512
// register, or two AVX2 ones.
using Vec8 = double __attribute__((vector_size(8 * sizeof(double))));
constexpr int kWide = kGemmWidePanels * NR;  // columns of a wide tile

// The wide micro-kernel (gemm_kernel.h), written once with vector values:
// an MR x kWide tile of sums, kGemmWidePanels vectors per row. Compiled for
// AVX-512 (avx512_wide_kernel) the tile takes 18 registers; for AVX2
// (avx2_wide_kernel) each value is two registers and the compiler spills,
// slow but the same sums (it exists so that the tests run this code on
// machines without AVX-512).
[[gnu::always_inline]] inline void wide_kernel(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb,
                                               std::ptrdiff_t panel_step, double* out, std::ptrdiff_t rs,
                                               std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  constexpr int kPanels = kGemmWidePanels;
  const PanelRows rows(a, mr);
  Vec8 acc[MR][kPanels];
#pragma GCC unroll 6
  for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 3
    for (int p = 0; p < kPanels; ++p) acc[i][p] = Vec8{};
  }
#pragma GCC unroll 2
  for (std::ptrdiff_t k = 0, ak = 0; k < kc; ++k, ak += a.cs, b += ldb) {
    Vec8 b_k[kPanels];
#pragma GCC unroll 3
    for (int p = 0; p < kPanels; ++p) std::memcpy(&b_k[p], b + p * panel_step, sizeof(Vec8));
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      const double ai = rows.row[i][ak];
#pragma GCC unroll 3
      for (int p = 0; p < kPanels; ++p) acc[i][p] += ai * b_k[p];
    }
  }
  if (cs == 1 && nr == kWide) {  // whole rows of out: vector loads and stores
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      if (i >= mr) break;
#pragma GCC unroll 3
      for (int p = 0; p < kPanels; ++p) {
        double* const to = out + i * rs + p * NR;
        Vec8 v = acc[i][p];
        if (accumulate) {
          Vec8 old;
          std::memcpy(&old, to, sizeof(Vec8));
          v = old + v;
        }
        std::memcpy(to, &v, sizeof(Vec8));
      }
    }
    return;
  }
  double tile[MR * kWide];
  std::memcpy(tile, acc, sizeof tile);
  store_tile(tile, kWide, out, rs, cs, mr, nr, accumulate);
}

__attribute__((target("avx512f"))) void avx512_wide_kernel(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb,
                                                           std::ptrdiff_t panel_step, double* out, std::ptrdiff_t rs,
                                                           std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  wide_kernel(kc, a, b, ldb, panel_step, out, rs, cs, mr, nr, accumulate);
}

__attribute__((target("avx2,fma"))) void avx2_wide_kernel(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb,
                                                          std::ptrdiff_t panel_step, double* out, std::ptrdiff_t rs,
                                                          std::ptrdiff_t cs, int mr, int nr, bool accumulate) {
  wide_kernel(kc, a, b, ldb, panel_step, out, rs, cs, mr, nr, accumulate);
}

bool has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}
#endif

// The wide kernel in use (gemm_wide_kernel): AVX-512's where the CPU has it.
GemmWideKernel& wide_choice() {
#ifdef MINITORCH_GEMM_X86
  static GemmWideKernel choice = has_avx512() ? avx512_wide_kernel : nullptr;
#else
  static GemmWideKernel choice = nullptr;
#endif
  return choice;
}

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

GemmWideKernel gemm_wide_kernel() { return wide_choice(); }

GemmWideKernel gemm_wide_kernel_named(std::string_view name) {
#ifdef MINITORCH_GEMM_X86
  if (name == "avx512" && has_avx512()) return avx512_wide_kernel;
  if (name == "avx2+fma" && chosen().kernel == avx2_kernel) return avx2_wide_kernel;
#endif
  (void)name;
  return nullptr;
}

std::string_view gemm_wide_kernel_name() {
#ifdef MINITORCH_GEMM_X86
  if (wide_choice() == avx512_wide_kernel) return "avx512";
  if (wide_choice() == avx2_wide_kernel) return "avx2+fma";
#endif
  return "none";
}

GemmWideKernel use_gemm_wide_kernel(GemmWideKernel kernel) { return std::exchange(wide_choice(), kernel); }

}  // namespace minitorch
