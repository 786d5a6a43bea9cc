// module3/tests/test_cuda_matmul.cpp
//
// Task 3.4: the practice multiply and the tiled matrix multiply on every
// CUDA target (simulator forward and reverse, the GPU when one answers),
// named Task3_4.<test>/<target>:
//  - MmPractice: every size 1 to 32 against plain loops (test_mul_practice1/2)
//    (CudaPractice, not graded: sizes over 32 are a ValueError);
//  - the course's products through tensors: 2 x 2, 33 x 33 (two blocks per
//    side), a batch of 33 x 33, (2, 45, 33) @ (2, 33, 40);
//  - more than one block in every dimension of the grid, partial tiles,
//    broadcast batches, transposed (strided) inputs, and gradients (Module 3's
//    test_mm2 and test_bmm, support/matmul_checks.h).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <string>
#include <vector>

#include "minitorch/cuda_backend.h"
#include "minitorch/matmul.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/matmul_checks.h"
#include "support/register_property.h"

namespace {

using minitorch::CudaTarget;
using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;
namespace t = minitorch::testing;

std::vector<double> values(int n, int salt) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = ((i * 7 + salt) % 13) * 0.25 - 1.5;
  return v;
}

// mm_practice(a, b, size) against the triple loop, every cell.
void expect_mm_practice(const CudaTarget& target, int size) {
  const std::vector<double> a = values(size * size, 1), b = values(size * size, 5);
  const std::vector<double> out = target.mm_practice(a, b, size);
  ASSERT_EQ(out.size(), static_cast<std::size_t>(size * size));
  for (int i = 0; i < size; ++i) {
    for (int j = 0; j < size; ++j) {
      double expected = 0.0;
      for (int k = 0; k < size; ++k)
        expected += a[static_cast<std::size_t>(i * size + k)] * b[static_cast<std::size_t>(k * size + j)];
      const double got = out[static_cast<std::size_t>(i * size + j)];
      ASSERT_TRUE(t::allclose(got, expected, 1e-9, 1e-9))
          << "mm_practice size " << size << ": out[" << i << ", " << j << "] = " << got << ", expected " << expected;
    }
  }
}

// a @ b on the target against the simple backend, every element.
void expect_matmul_like_simple(const CudaTarget& target, const Shape& a_shape, const Shape& b_shape) {
  const Tensor a = mt::tensor(values(mt::shape_size(a_shape), 3), a_shape);
  const Tensor b = mt::tensor(values(mt::shape_size(b_shape), 8), b_shape);
  const Tensor got = mt::matmul(a.to(target.backend), b.to(target.backend));
  EXPECT_EQ(&got.backend(), &target.backend);
  const Tensor expected = mt::matmul(a, b);
  ASSERT_EQ(got.shape(), expected.shape());
  const std::vector<double> g = got.to_vector(), e = expected.to_vector();
  for (std::size_t i = 0; i < g.size(); ++i) {
    ASSERT_TRUE(t::allclose(g[i], e[i], 1e-9, 1e-9))
        << mt::shape_to_string(a_shape) << " @ " << mt::shape_to_string(b_shape) << ": element " << i << " is " << g[i]
        << ", expected " << e[i];
  }
}

void register_matmul_tests(const CudaTarget& target) {
  const CudaTarget* tp = &target;
  t::register_test("Task3_4", "MmPractice2", [tp] { expect_mm_practice(*tp, 2); });
  t::register_test("Task3_4", "MmPractice32", [tp] { expect_mm_practice(*tp, 32); });
  t::register_test("Task3_4", "MmPracticeEverySize", [tp] {
    for (int size = 1; size <= 32; ++size) expect_mm_practice(*tp, size);
  });
  // Not graded (the launcher checks the size, not the kernel): suite CudaPractice.
  t::register_test("CudaPractice", "MmPracticeRejectsBigSizes",
                   [tp] { EXPECT_THROW(tp->mm_practice(values(33 * 33, 0), values(33 * 33, 1), 33), mt::ValueError); });
  t::register_test("Task3_4", "MulPractice3TwoByTwo", [tp] { expect_matmul_like_simple(*tp, {2, 2}, {2, 2}); });
  t::register_test("Task3_4", "MulPractice4TwoBlocks", [tp] { expect_matmul_like_simple(*tp, {33, 33}, {33, 33}); });
  t::register_test("Task3_4", "MulPractice5Batch", [tp] { expect_matmul_like_simple(*tp, {2, 33, 33}, {2, 33, 33}); });
  t::register_test("Task3_4", "MulPractice6Rectangles", [tp] {
    expect_matmul_like_simple(*tp, {2, 45, 33}, {2, 33, 40});
  });
  t::register_test("Task3_4", "SeveralBlocksInEveryDimension", [tp] {
    expect_matmul_like_simple(*tp, {3, 70, 40}, {1, 40, 66});  // grid (3, 3, 3), partial tiles on every edge
    expect_matmul_like_simple(*tp, {1, 65, 97}, {4, 97, 33});  // b's batch broadcast, k: four tiles, one partial
    expect_matmul_like_simple(*tp, {64, 64}, {64, 64});        // exact tiles
    expect_matmul_like_simple(*tp, {1, 1}, {1, 1});
  });
  t::register_property(
      "Task3_4", "Mm2", [tp] { t::mm2(tp->backend); }, __FILE__, __LINE__);
  t::register_property(
      "Task3_4", "Bmm", [tp] { t::bmm(tp->backend); }, __FILE__, __LINE__);
  t::register_property(
      "Task3_4", "OddSizesAndTransposes", [tp] { t::odd_sizes(tp->backend); }, __FILE__, __LINE__);
}

const bool registered = [] {
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    const t::TestNameSuffix suffix("/" + target->name);
    register_matmul_tests(*target);
  }
  return true;
}();

}  // namespace
