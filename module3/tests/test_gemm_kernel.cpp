// module3/tests/test_gemm_kernel.cpp
//
// The given micro-kernel (gemm_kernel.h), every build of it this CPU runs,
// against plain loops: full and edge tiles, = and +=, strided and transposed
// output, b panels read in place (a row stride other than kGemmNR), a panels
// packed or read in place (row-major, column-major; rows past mr unread).
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "minitorch/gemm_kernel.h"
#include "minitorch/random.h"

namespace mt = minitorch;

namespace {

constexpr int MR = mt::kGemmMR;
constexpr int NR = mt::kGemmNR;

std::vector<double> random_values(std::size_t n, std::uint64_t seed) {
  mt::Random rng(seed);
  std::vector<double> values(n);
  for (double& v : values) v = rng.uniform(-1.0, 1.0);
  return values;
}

// Where check's a panel lies: packed, or inside a matrix with strides.
struct ALayout {
  std::ptrdiff_t rs, cs;
  const char* name;
};
constexpr ALayout kPacked{1, MR, "packed a"};

// "" when `run(a, b, out)` (a kernel under test) computes out (= or += a @
// b on the mr x nr corner, strides rs and cs) within 1e-12 per term of plain
// loops and writes nothing else. b is `panels` panels of NR columns side by
// side, panel p's row k at p * panel_step + k * ldb. a holds exactly mr rows
// (kc columns) at its layout, and b exactly what the kernel may read: a read
// past either would leave its vector (the address sanitizer build catches
// it).
template <typename Run>
std::string check_tile(const Run& run, int panels, int kc, int mr, int nr, std::ptrdiff_t ldb,
                       std::ptrdiff_t panel_step, std::ptrdiff_t rs, std::ptrdiff_t cs, bool accumulate,
                       ALayout layout) {
  const std::size_t a_size = static_cast<std::size_t>((mr - 1) * layout.rs + (kc - 1) * layout.cs + 1);
  const std::vector<double> a = random_values(a_size, 1);
  const std::vector<double> b =
      random_values(static_cast<std::size_t>((panels - 1) * panel_step + (kc - 1) * ldb + NR), 2);
  const std::size_t size = static_cast<std::size_t>((MR - 1) * rs + (panels * NR - 1) * cs + 1);
  const std::vector<double> start = random_values(size, 3);
  std::vector<double> out = start;
  run(mt::GemmPanelA{a.data(), layout.rs, layout.cs}, b.data(), out.data());
  std::vector<double> want = start;
  for (int i = 0; i < mr; ++i) {
    for (int j = 0; j < nr; ++j) {
      double sum = accumulate ? start[i * rs + j * cs] : 0.0;
      for (int k = 0; k < kc; ++k) sum += a[i * layout.rs + k * layout.cs] * b[j / NR * panel_step + k * ldb + j % NR];
      want[i * rs + j * cs] = sum;
    }
  }
  for (std::size_t p = 0; p < size; ++p) {
    if (!(std::fabs(out[p] - want[p]) <= 1e-12 * (kc + 1))) {
      return std::string(layout.name) + ", element " + std::to_string(p) + ": " + std::to_string(out[p]) +
             ", expected " + std::to_string(want[p]);
    }
  }
  return "";
}

// check_tile for a micro-kernel: one panel of b, rows ldb apart.
std::string check(mt::GemmKernel kernel, int kc, int mr, int nr, std::ptrdiff_t ldb, std::ptrdiff_t rs,
                  std::ptrdiff_t cs, bool accumulate, ALayout layout = kPacked) {
  const auto run = [&](mt::GemmPanelA a, const double* b, double* out) {
    kernel(kc, a, b, ldb, out, rs, cs, mr, nr, accumulate);
  };
  return check_tile(run, 1, kc, mr, nr, ldb, 0, rs, cs, accumulate, layout);
}

// check_tile for a wide kernel: kGemmWidePanels panels (packed: panel_step =
// kc * NR, ldb = NR; in place: panel_step = NR, ldb >= 3 * NR), nr up to 3 *
// NR.
std::string check_wide(mt::GemmWideKernel kernel, int kc, int mr, int nr, std::ptrdiff_t ldb, std::ptrdiff_t panel_step,
                       std::ptrdiff_t rs, std::ptrdiff_t cs, bool accumulate, ALayout layout = kPacked) {
  const auto run = [&](mt::GemmPanelA a, const double* b, double* out) {
    kernel(kc, a, b, ldb, panel_step, out, rs, cs, mr, nr, accumulate);
  };
  return check_tile(run, mt::kGemmWidePanels, kc, mr, nr, ldb, panel_step, rs, cs, accumulate, layout);
}

}  // namespace

TEST(GemmKernel, EveryKernelMatchesPlainLoops) {
  int kernels = 0;
  for (const char* name : {"avx2+fma", "portable"}) {
    const mt::GemmKernel kernel = mt::gemm_kernel_named(name);
    if (kernel == nullptr) continue;
    ++kernels;
    for (const int kc : {1, 3, 4, 7, 256}) {
      for (int mr = 1; mr <= MR; ++mr) {  // every row count: a kernel may have a tile per count
        for (const int nr : {1, 7, NR}) {
          for (const bool accumulate : {false, true}) {
            SCOPED_TRACE(std::string(name) + " kc " + std::to_string(kc) + " mr " + std::to_string(mr) + " nr " +
                         std::to_string(nr) + (accumulate ? " +=" : " ="));
            EXPECT_EQ(check(kernel, kc, mr, nr, NR, NR, 1, accumulate), "");      // packed b, row-major out
            EXPECT_EQ(check(kernel, kc, mr, nr, 3 * NR, 11, 1, accumulate), "");  // b in place, gapped rows
            EXPECT_EQ(check(kernel, kc, mr, nr, NR, 1, MR + 2, accumulate), "");  // transposed out
            EXPECT_EQ(check(kernel, kc, mr, nr, NR, NR, 1, accumulate, {kc + 3, 1, "row-major a"}), "");
            EXPECT_EQ(check(kernel, kc, mr, nr, NR, NR, 1, accumulate, {1, mr + 2, "column-major a"}), "");
          }
        }
      }
    }
  }
  EXPECT_GE(kernels, 1);
  EXPECT_NE(mt::gemm_kernel_named(mt::gemm_kernel_name()), nullptr);
}

// The wide kernels this CPU runs ("avx512" with AVX-512, and the same source
// compiled for AVX2 on any AVX2 machine), likewise: packed and in-place
// panels of b, partial tiles (nr inside the first, second and third panel).
TEST(GemmKernel, EveryWideKernelMatchesPlainLoops) {
  constexpr int kWide = mt::kGemmWidePanels * NR;
  for (const char* name : {"avx512", "avx2+fma"}) {
    const mt::GemmWideKernel kernel = mt::gemm_wide_kernel_named(name);
    if (kernel == nullptr) continue;
    for (const int kc : {1, 3, 256}) {
      for (int mr = 1; mr <= MR; ++mr) {  // every row count: a kernel may have a tile per count
        for (const int nr : {1, NR + 3, 2 * NR + 1, kWide}) {
          for (const bool accumulate : {false, true}) {
            SCOPED_TRACE(std::string(name) + " kc " + std::to_string(kc) + " mr " + std::to_string(mr) + " nr " +
                         std::to_string(nr) + (accumulate ? " +=" : " ="));
            const std::ptrdiff_t packed = std::ptrdiff_t{kc} * NR;
            EXPECT_EQ(check_wide(kernel, kc, mr, nr, NR, packed, kWide, 1, accumulate), "");         // packed b
            EXPECT_EQ(check_wide(kernel, kc, mr, nr, kWide + 5, NR, kWide + 2, 1, accumulate), "");  // b in place
            EXPECT_EQ(check_wide(kernel, kc, mr, nr, NR, packed, 1, MR + 2, accumulate), "");        // transposed out
            EXPECT_EQ(check_wide(kernel, kc, mr, nr, NR, packed, kWide, 1, accumulate, {kc + 3, 1, "row-major a"}), "");
            EXPECT_EQ(check_wide(kernel, kc, mr, nr, NR, packed, kWide, 1, accumulate, {1, mr + 2, "column-major a"}),
                      "");
          }
        }
      }
    }
  }
  const std::string chosen(mt::gemm_wide_kernel_name());
  if (chosen != "none") {
    EXPECT_NE(mt::gemm_wide_kernel_named(chosen), nullptr);
  }
}
