// module3/tests/test_matmul_kernel.cpp
//
// Task 3.2: the batched matrix multiply kernel against a naive triple loop:
// odd sizes that are not multiples of any tile or block, batch broadcasting,
// transposed and permuted inputs and outputs, the parallel path, and
// thread-count independence.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "minitorch/fast_kernels.h"
#include "minitorch/gemm_kernel.h"
#include "minitorch/tensor_data.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Storage;
using minitorch::Strides;
using minitorch::TensorData;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

// out[n, i, j] = sum_k a[n, i, k] * b[n, k, j], batch 1 broadcast, with
// plain loops (long double sums).
std::vector<double> naive(const TensorData& a, const TensorData& b) {
  const int batch = std::max(a.shape()[0], b.shape()[0]);
  const int rows = a.shape()[1], depth = a.shape()[2], cols = b.shape()[2];
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(batch) * rows * cols);
  for (int n = 0; n < batch; ++n) {
    const int na = a.shape()[0] == 1 ? 0 : n, nb = b.shape()[0] == 1 ? 0 : n;
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        long double sum = 0;
        for (int k = 0; k < depth; ++k) sum += static_cast<long double>(a.get({na, i, k})) * b.get({nb, k, j});
        out.push_back(static_cast<double>(sum));
      }
    }
  }
  return out;
}

// "" when out matches the naive product to 1e-12 (relative to the size of
// the terms), else the first difference.
std::string difference(const TensorData& a, const TensorData& b, const TensorData& out) {
  const std::vector<double> expected = naive(a, b);
  const int depth = a.shape()[2];
  std::size_t i = 0;
  for (const mt::UserIndex& index : t::all_indices(out.shape())) {
    const double got = t::element(out, index), want = expected[i++];
    if (!(std::fabs(got - want) <= 1e-12 * depth * 1e4)) {  // inputs in [-100, 100]: terms up to 1e4
      return "out" + mt::shape_to_string(index) + " = " + std::to_string(got) + ", expected " + std::to_string(want) +
             " (a " + mt::shape_to_string(a.shape()) + ", b " + mt::shape_to_string(b.shape()) + ")";
    }
  }
  return "";
}

void multiply(const TensorData& a, const TensorData& b, TensorData& out, mt::ParallelOptions options = {}) {
  mt::fast_matrix_multiply(out.out_view(), a.in_view(), b.in_view(), options);
}

// Contiguous values in [-1, 1) from a seed.
TensorData seeded_data(const Shape& shape, std::uint64_t seed) {
  mt::Random rng(seed);
  std::vector<double> values(static_cast<std::size_t>(mt::shape_size(shape)));
  for (double& v : values) v = rng.uniform(-1.0, 1.0);
  return TensorData(values, shape);
}

class Threads {
 public:
  explicit Threads(int n) : saved_(mt::fast_threads()) { mt::set_fast_threads(n); }
  Threads(const Threads&) = delete;
  Threads& operator=(const Threads&) = delete;
  ~Threads() { mt::set_fast_threads(saved_); }

 private:
  int saved_;
};

}  // namespace

// ---------------------------------------------------------------- Task 3.2

// Every (rows, depth, cols) from sizes around the tile (6 x 8) and block
// (48 rows, depth 256) edges, including 1 and primes.
TEST(Task3_2, MatchesNaiveOnOddSizes) {
  const std::vector<int> sizes{1, 2, 5, 7, 8, 9, 13, 33, 49, 65};
  std::uint64_t seed = 1;
  for (int rows : sizes) {
    for (int depth : sizes) {
      for (int cols : sizes) {
        const TensorData a = seeded_data({1, rows, depth}, seed++), b = seeded_data({1, depth, cols}, seed++);
        TensorData out = TensorData::zeros({1, rows, cols});
        multiply(a, b, out);
        const std::string d = difference(a, b, out);
        ASSERT_EQ(d, "") << rows << " x " << depth << " times " << depth << " x " << cols;
      }
    }
  }
}

// Sizes past every block: several row blocks, depth blocks (K > 256), one
// matrix wider than a column block (2048), and 129 x 129.
TEST(Task3_2, MatchesNaiveAcrossBlocks) {
  for (const auto& [rows, depth, cols] : std::vector<std::tuple<int, int, int>>{
           {129, 129, 129}, {37, 300, 17}, {100, 513, 9}, {3, 5, 2100}, {97, 1, 31}, {1, 700, 1}}) {
    const TensorData a = seeded_data({2, rows, depth}, 3), b = seeded_data({2, depth, cols}, 4);
    TensorData out = TensorData::zeros({2, rows, cols});
    multiply(a, b, out);
    EXPECT_EQ(difference(a, b, out), "") << rows << " x " << depth << " times " << depth << " x " << cols;
  }
}

// Random sizes, batches with broadcasting (a or b of batch 1), and random
// permuted layouts of a, b and out (transposed matrices, batch inside).
RC_GTEST_PROP(Task3_2, MatchesNaiveOnPermutedBroadcastLayouts, ()) {
  const int batch = *rc::gen::inRange(1, 4), rows = *rc::gen::inRange(1, 20), depth = *rc::gen::inRange(1, 40),
            cols = *rc::gen::inRange(1, 20);
  const int which = *rc::gen::inRange(0, 3);  // 0: both batched, 1: a broadcast, 2: b broadcast
  const TensorData a = *t::tensor_data({which == 1 ? 1 : batch, rows, depth});
  const TensorData b = *t::tensor_data({which == 2 ? 1 : batch, depth, cols});
  const Shape out_shape{batch, rows, cols};
  TensorData out(Storage(static_cast<std::size_t>(mt::shape_size(out_shape))), out_shape, *t::layouts(out_shape));
  const bool in_parallel = *rc::gen::inRange(0, 2) == 1;
  mt::ParallelOptions options;
  if (in_parallel) options.grain = 1;
  multiply(a, b, out, options);
  const std::string d = difference(a, b, out);
  if (!d.empty()) RC_LOG() << d << '\n';
  RC_ASSERT(d.empty());
}

// The gradients of a matmul multiply by transposes: a (n, k) @ b(m, k)^T as
// strides, no copy.
TEST(Task3_2, TransposedInputs) {
  const TensorData a = seeded_data({1, 41, 23}, 7), b = seeded_data({1, 35, 23}, 8);
  const TensorData bt = b.permute({0, 2, 1});  // (1, 23, 35)
  TensorData out = TensorData::zeros({1, 41, 35});
  multiply(a, bt, out);
  EXPECT_EQ(difference(a, bt, out), "");
  const TensorData at = seeded_data({1, 23, 41}, 9).permute({0, 2, 1});  // (1, 41, 23)
  multiply(at, bt, out);
  EXPECT_EQ(difference(at, bt, out), "");
}

// Batch broadcasting both ways, batch 3.
TEST(Task3_2, BatchBroadcast) {
  const TensorData a = seeded_data({3, 10, 7}, 1), a1 = seeded_data({1, 10, 7}, 2);
  const TensorData b = seeded_data({3, 7, 12}, 3), b1 = seeded_data({1, 7, 12}, 4);
  for (const auto& [x, y] : {std::pair{&a, &b1}, std::pair{&a1, &b}, std::pair{&a, &b}}) {
    TensorData out = TensorData::zeros({3, 10, 12});
    multiply(*x, *y, out);
    EXPECT_EQ(difference(*x, *y, out), "");
  }
}

// 1 and 2 threads give the same bits (sizes big enough to run in parallel).
TEST(Task3_2, SameResultsForAnyThreadCount) {
  const TensorData a = seeded_data({2, 130, 300}, 5), b = seeded_data({2, 300, 77}, 6);
  const auto run = [&](int threads) {
    const Threads scope(threads);
    TensorData out = TensorData::zeros({2, 130, 77});
    multiply(a, b, out);
    return out;
  };
  const TensorData one = run(1), two = run(2);
  EXPECT_EQ(std::memcmp(one.data(), two.data(), sizeof(double) * static_cast<std::size_t>(one.size())), 0);
  EXPECT_EQ(difference(a, b, two), "");
}

// out starts with old numbers (NaN here), as a result from the backend's
// storage pool does: every element is written, none added to.
TEST(Task3_2, OverwritesWhatOutHeld) {
  for (const auto& [rows, depth, cols] : std::vector<std::tuple<int, int, int>>{{1, 1, 1}, {7, 5, 9}, {37, 300, 17}}) {
    const TensorData a = seeded_data({2, rows, depth}, 7), b = seeded_data({1, depth, cols}, 8);
    TensorData out = TensorData::zeros({2, rows, cols});
    std::fill_n(out.data(), out.size(), std::nan(""));
    multiply(a, b, out);
    EXPECT_EQ(difference(a, b, out), "") << rows << " x " << depth << " times " << depth << " x " << cols
                                         << ": out held NaN before the multiply";
  }
}

// The backend operation checks shapes and computes through the kernel.
TEST(Task3_2, FastBackendMatrixMultiply) {
  const TensorData a(std::vector<double>{1, 2, 3, 4, 5, 6}, {1, 2, 3});
  const TensorData b(std::vector<double>{1, 0, 0, 1, 1, 1}, {1, 3, 2});
  TensorData out = mt::fast_backend().zeros({1, 2, 2});
  mt::fast_backend().matrix_multiply(a, b, out);
  EXPECT_EQ(std::vector<double>(out.data(), out.data() + 4), (std::vector<double>{4, 5, 10, 11}));
}

// With each wide micro-kernel this CPU runs made the one a multiply uses
// (gemm_kernel.h: AVX-512's, or its source compiled for AVX2), and with
// none: the same products. A multiply that does not use the wide kernel
// passes as well.
TEST(Task3_2, MatchesNaiveWithEveryWideKernel) {
  std::vector<mt::GemmWideKernel> kernels{nullptr};
  for (const char* name : {"avx512", "avx2+fma"}) {
    if (const mt::GemmWideKernel kernel = mt::gemm_wide_kernel_named(name)) kernels.push_back(kernel);
  }
  const mt::GemmWideKernel saved = mt::gemm_wide_kernel();
  for (const mt::GemmWideKernel kernel : kernels) {
    mt::use_gemm_wide_kernel(kernel);
    for (const auto& [rows, depth, cols] : std::vector<std::tuple<int, int, int>>{
             {7, 5, 9}, {13, 33, 49}, {129, 129, 129}, {37, 300, 17}, {3, 5, 2100}, {20, 40, 24}}) {
      const TensorData a = seeded_data({2, rows, depth}, 11), b = seeded_data({1, depth, cols}, 12);
      TensorData out = TensorData::zeros({2, rows, cols});
      multiply(a, b, out);
      EXPECT_EQ(difference(a, b, out), "") << mt::gemm_wide_kernel_name();
      const TensorData bt = seeded_data({1, cols, depth}, 13).permute({0, 2, 1});  // a transposed b: packed
      multiply(a, bt, out);
      EXPECT_EQ(difference(a, bt, out), "") << mt::gemm_wide_kernel_name() << ", transposed b";
    }
  }
  mt::use_gemm_wide_kernel(saved);
}

// ---------------------------------------------------------------- not graded

// The backends' matrix_multiply checks shapes before any kernel runs.
TEST(MatMulErrors, ShapesAreChecked) {
  const auto message = [](const Shape& as, const Shape& bs, const Shape& os) -> std::string {
    TensorData out = TensorData::zeros(os);
    try {
      mt::fast_backend().matrix_multiply(TensorData::zeros(as), TensorData::zeros(bs), out);
    } catch (const mt::ShapeError& e) {
      return e.what();
    }
    return "";
  };
  const std::string inner = message({1, 2, 3}, {1, 4, 5}, {1, 2, 5});
  EXPECT_NE(inner.find("(1,2,3)"), std::string::npos) << inner;
  EXPECT_NE(inner.find("(1,4,5)"), std::string::npos) << inner;
  EXPECT_NE(message({2, 2, 3}, {3, 3, 5}, {3, 2, 5}), "");  // batches 2 and 3
  EXPECT_NE(message({2, 3}, {3, 5}, {2, 5}), "");           // 2-D: the kernel takes 3-D
  EXPECT_NE(message({1, 2, 3}, {1, 3, 5}, {1, 5, 2}), "");  // wrong output
}
