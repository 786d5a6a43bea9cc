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
//    test_mm2 and test_bmm, support/matmul_checks.h);
//  - the technique, on the simulator (which counts every device-memory
//    access): mm_practice reads each cell of a and b once, matmul_kernel's
//    global loads stay near the tiled minimum, and each output is written once.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdint>
#include <string>
#include <vector>

#include "minitorch/cuda_backend.h"
#include "minitorch/matmul.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/matmul_checks.h"
#include "support/register_property.h"
#include "support/traffic_checks.h"

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

// ----------------------------------------------------------------- technique
// The simulator counts each launch's loads and stores of device memory
// (cudasim/traffic.h). Each bound and the reference kernel's measured count
// are in the test's comment.

void register_technique_tests(const CudaTarget& target) {
  using t::expect_each_cell_loaded_once;
  using t::expect_each_cell_stored_once;
  using t::grouped;
  const CudaTarget* tp = &target;
  t::register_test("Task3_4", "MmPracticeReadsEachCellOnce", [tp] {
    // size 32 and 20. Bounds: a and b loaded size^2 times each, each cell
    // once; out stored size^2 times, each cell once. Reference: exactly that
    // (1,024 + 1,024 loads and 1,024 stores for size 32).
    SKIP_UNLESS_COUNTED();
    for (const int size : {32, 20}) {
      const std::uint64_t cells = static_cast<std::uint64_t>(size) * static_cast<std::uint64_t>(size);
      cudasim::TrafficRecorder recorder;
      tp->mm_practice(values(size * size, 1), values(size * size, 5), size);
      const cudasim::LaunchTraffic& launch = recorder.only("mm_practice_kernel");
      const std::string lesson =
          "Thread (x, y) copies a[y, x] and b[y, x] into __shared__ tiles, all wait at __syncthreads(), and each "
          "then computes its output from the tiles and writes it once.";
      const std::string side = " (" + std::to_string(size) + "x" + std::to_string(size) + ")";
      expect_each_cell_loaded_once(launch, 1, "a" + side, cells, lesson);
      expect_each_cell_loaded_once(launch, 2, "b" + side, cells, lesson);
      expect_each_cell_stored_once(launch, 0, "out" + side, cells, lesson);
    }
  });
  t::register_test("Task3_4", "MatmulReadsTilesNotRowsAndColumns", [tp] {
    // (128 x 96) @ (96 x 160): 4 x 5 output tiles of 32 x 32, 3 tiles along
    // k. The tiled minimum reads each cell of a once per output tile column
    // and each cell of b once per output tile row:
    //   2 * I * J * K / TILE = 2 * 128 * 160 * 96 / 32 = 122,880 cells;
    // reading rows and columns from global memory takes 2 * I * J * K =
    // 3,932,160. Bound: at most 2 x the tiled minimum (245,760), which 16 x 16
    // tiles would still meet; out stored 20,480 times, each cell once.
    // Reference: 122,880 loads, 20,480 stores.
    SKIP_UNLESS_COUNTED();
    const int rows = 128, shared = 96, cols = 160;
    const Tensor a = mt::tensor(values(rows * shared, 3), {rows, shared}, tp->backend);
    const Tensor b = mt::tensor(values(shared * cols, 8), {shared, cols}, tp->backend);
    cudasim::TrafficRecorder recorder;
    const Tensor product = mt::matmul(a, b);
    const cudasim::LaunchTraffic& launch = recorder.only("matmul_kernel");
    const std::uint64_t tiled = 2ull * rows * cols * shared / 32, bound = 2 * tiled;
    const std::uint64_t loads = launch.argument(1)->loads + launch.argument(2)->loads;
    EXPECT_LE(loads, bound) << "your matmul_kernel read " << grouped(loads) << " cells of a and b for (" << rows << "x"
                            << shared << ")@(" << shared << "x" << cols << "); a 32x32-tiled kernel reads "
                            << grouped(tiled) << " (bound: " << grouped(bound)
                            << "): copy a tile of each into __shared__ arrays, wait at a barrier, read them from "
                               "there, and wait again before the next copy.";
    expect_each_cell_stored_once(launch, 0, "out", static_cast<std::uint64_t>(rows) * cols,
                                 "Thread (x, y) of the block owns one output cell: accumulate over every tile of k "
                                 "first, then write it once, after the loop.");
  });
}

const bool registered = [] {
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    const t::TestNameSuffix suffix("/" + target->name);
    register_matmul_tests(*target);
    // The technique: on the simulator, which counts (one schedule suffices).
    if (target->name == "cudasim_forward") register_technique_tests(*target);
  }
  return true;
}();

}  // namespace
