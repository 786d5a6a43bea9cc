// module3/include/minitorch/gemm_kernel.h
//
// The register-tile micro-kernel of a packed matrix multiply (given code):
// one MR x NR tile of out from a panel of a (packed, or read in place) and a
// panel of b. The
// build picks nothing: the kernel is chosen when the program starts, by the
// CPU's features (AVX2 and FMA: a hand-written kernel; otherwise a plain
// loop the compiler vectorises), so the library needs no -march flag.
//
// Task 3.2 may call it (the reference solution does) or write its own: the
// packing, the blocking for the caches and the threads are the task's.
#pragma once

#include <cstddef>
#include <string_view>

namespace minitorch {

/// Rows of the register tile (of a packed a panel).
inline constexpr int kGemmMR = 6;
/// Columns of the register tile (of a b panel): two AVX2 vectors.
inline constexpr int kGemmNR = 8;

/// Where the micro-kernel reads a: element (i, k) of the panel at
/// data[i * rs + k * cs]. A packed panel (column k's kGemmMR values
/// contiguous) is {panel, 1, kGemmMR}; a panel read in place from a matrix
/// with strides (rs, cs) is {&a(i0, k0), rs, cs}.
struct GemmPanelA {
  const double* data;
  std::ptrdiff_t rs;
  std::ptrdiff_t cs;
};

/// out[i * rs + j * cs] = (accumulate ? out[...] : 0) + sum over k < kc of
/// a(i, k) * b[k * ldb + j], for i < mr and j < nr (mr <= kGemmMR,
/// nr <= kGemmNR). Only a's first mr rows are read; b's rows hold kGemmNR
/// readable values each (past nr: zero or anything finite). The sum over k
/// runs in order k = 0, 1, ... for every element, on any thread.
void gemm_micro_kernel(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb, double* out, std::ptrdiff_t rs,
                       std::ptrdiff_t cs, int mr, int nr, bool accumulate);

/// A micro-kernel: gemm_micro_kernel's arguments and contract.
using GemmKernel = void (*)(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb, double* out, std::ptrdiff_t rs,
                            std::ptrdiff_t cs, int mr, int nr, bool accumulate);

/// The kernel of that name ("avx2+fma", "portable"), or nullptr when this
/// CPU cannot run it (tests compare every kernel the machine has).
GemmKernel gemm_kernel_named(std::string_view name);

/// Which kernel gemm_micro_kernel runs on this CPU: "avx2+fma" or "portable".
std::string_view gemm_kernel_name();

/// Panels of b that a wide micro-kernel takes side by side.
inline constexpr int kGemmWidePanels = 3;

/// A wide micro-kernel: gemm_micro_kernel for a kGemmMR x (kGemmWidePanels
/// * kGemmNR) tile, nr <= kGemmWidePanels * kGemmNR, b being
/// kGemmWidePanels panels side by side: row k of panel p at b + p *
/// panel_step + k * ldb (packed panels: panel_step = kc * kGemmNR, ldb =
/// kGemmNR; b's rows in place: panel_step = kGemmNR, ldb = b's row stride).
/// Each element's sum runs over k in order, with fused multiply-adds: the
/// same bits as the "avx2+fma" kernel.
using GemmWideKernel = void (*)(int kc, GemmPanelA a, const double* b, std::ptrdiff_t ldb, std::ptrdiff_t panel_step,
                                double* out, std::ptrdiff_t rs, std::ptrdiff_t cs, int mr, int nr, bool accumulate);

/// The wide kernel a matrix multiply should use on this CPU, or nullptr
/// (then it calls gemm_micro_kernel once per panel). With AVX-512 it is the
/// "avx512" kernel (6 x 24: 18 of the 32 vector registers hold the tile;
/// per k, 3 loads of b and 6 broadcasts of a for 18 fused multiply-adds).
GemmWideKernel gemm_wide_kernel();

/// The wide kernel of that name, or nullptr when this CPU cannot run it:
/// "avx512", or "avx2+fma" (the same source compiled for AVX2, twice the
/// instructions: for tests on machines without AVX-512, never chosen).
GemmWideKernel gemm_wide_kernel_named(std::string_view name);

/// The name of gemm_wide_kernel(): "avx512", "none" (nullptr), or
/// "avx2+fma" while a test has made that one the kernel in use.
std::string_view gemm_wide_kernel_name();

/// For tests: makes gemm_wide_kernel() return `kernel` (nullptr: none) from
/// now on, and returns the one it returned before. Not thread-safe: call it
/// when no multiply is running.
GemmWideKernel use_gemm_wide_kernel(GemmWideKernel kernel);

}  // namespace minitorch
