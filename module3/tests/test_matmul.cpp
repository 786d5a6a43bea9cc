// module3/tests/test_matmul.cpp
//
// Task 3.2 at the tensor level: a.matmul(b) on the fast backend
// (test_mm2 and test_bmm of the original course): 2-D products against
// broadcasting and sum, gradients, batched products with a broadcast batch,
// 2-D times 3-D. The same checks run on the simple backend (suite MatMul,
// not graded: its triple loop is given).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "minitorch/fast_backend.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

// Every element of a.matmul(b) against sum_k a[.., i, k] * b[.., k, j]
// computed with plain loops over the elements (batches broadcast).
void check_against_loops(const Tensor& a, const Tensor& b) {
  const Tensor c = a.matmul(b);
  RC_ASSERT(&c.backend() == &a.backend());
  const bool batched = a.dims() == 3 || b.dims() == 3;
  const int rows = a.shape()[static_cast<std::size_t>(a.dims() - 2)];
  const int depth = a.shape().back();
  const int cols = b.shape().back();
  const int batch = std::max(a.dims() == 3 ? a.shape()[0] : 1, b.dims() == 3 ? b.shape()[0] : 1);
  const Shape expected_shape = batched ? Shape{batch, rows, cols} : Shape{rows, cols};
  RC_ASSERT(c.shape() == expected_shape);
  const auto at = [](const Tensor& x, int n, int i, int j) {
    if (x.dims() == 2) return t::element(x, {i, j});
    return t::element(x, {x.shape()[0] == 1 ? 0 : n, i, j});
  };
  for (int n = 0; n < batch; ++n) {
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        double sum = 0.0;
        for (int k = 0; k < depth; ++k) sum += at(a, n, i, k) * at(b, n, k, j);
        const double got = batched ? t::element(c, {n, i, j}) : t::element(c, {i, j});
        RC_ASSERT(t::allclose(got, sum, 1e-9, 1e-9));
      }
    }
  }
}

// test_mm2: a (2, 3) @ b (3, 4) and random 2-D sizes, against the
// broadcast-and-sum product of Module 2 and plain loops; grad_check.
void mm2(const mt::TensorBackend& backend) {
  const int n = *rc::gen::inRange(1, 6), k = *rc::gen::inRange(1, 6), m = *rc::gen::inRange(1, 6);
  const Tensor a = *t::tensors({n, k}, t::small_floats(), backend);
  const Tensor b = *t::tensors({k, m}, t::small_floats(), backend);
  check_against_loops(a, b);
  const Tensor c = a.matmul(b);
  const Tensor c2 = (a.contiguous().view({n, k, 1}) * b.contiguous().view({1, k, m})).sum(1).view({n, m});
  for (const UserIndex& index : t::all_indices(c.shape()))
    MT_RC_ASSERT_CLOSE(t::element(c, index), t::element(c2, index));
  t::grad_check([](const Tensor& x, const Tensor& y) { return x.matmul(y); }, a, b);
}

// test_bmm: a (D, A, B) @ b (1, B, C), sizes 2 to 4, against broadcasting
// and sum; plus the other broadcasts, 2-D @ 3-D, and gradients through them.
void bmm(const mt::TensorBackend& backend) {
  const int A = *rc::gen::inRange(2, 5), B = *rc::gen::inRange(2, 5), C = *rc::gen::inRange(2, 5),
            D = *rc::gen::inRange(2, 5);
  const Tensor a = *t::tensors({D, A, B}, t::small_floats(), backend);
  const Tensor b = *t::tensors({1, B, C}, t::small_floats(), backend);
  const Tensor c = a.matmul(b);
  const Tensor c2 = (a.contiguous().view({D, A, B, 1}) * b.contiguous().view({1, 1, B, C})).sum(2).view({D, A, C});
  RC_ASSERT(c.shape() == (Shape{D, A, C}));
  for (const UserIndex& index : t::all_indices(c.shape()))
    MT_RC_ASSERT_CLOSE(t::element(c, index), t::element(c2, index));
  check_against_loops(a, b);
  check_against_loops(*t::tensors({1, A, B}, t::small_floats(), backend),
                      *t::tensors({D, B, C}, t::small_floats(), backend));
  check_against_loops(*t::tensors({A, B}, t::small_floats(), backend),
                      *t::tensors({D, B, C}, t::small_floats(), backend));
  check_against_loops(a, *t::tensors({B, C}, t::small_floats(), backend));
  const auto mm = [](const Tensor& x, const Tensor& y) { return x.matmul(y); };
  t::grad_check(mm, a, b);  // b's gradient is summed over the batch
  t::grad_check(mm, *t::tensors({A, B}, t::small_floats(), backend),
                *t::tensors({D, B, C}, t::small_floats(), backend));
}

// Odd sizes that are not multiples of the tile (6 x 8) or the blocks, as
// tensors, transposed inputs (the layouts backward passes), against loops.
void odd_sizes(const mt::TensorBackend& backend) {
  const int n = *rc::gen::element(1, 5, 7, 13, 33, 37, 65), k = *rc::gen::element(1, 2, 9, 17, 40),
            m = *rc::gen::element(1, 3, 8, 9, 31, 33);
  const Tensor a = *t::tensors({n, k}, t::small_floats(), backend);
  const Tensor bt = *t::tensors({m, k}, t::small_floats(), backend);
  check_against_loops(a, bt.permute({1, 0}));
  check_against_loops(a.permute({1, 0}).contiguous().permute({1, 0}), bt.permute({1, 0}));
}

const mt::TensorBackend& fast() { return mt::fast_backend(); }
const mt::TensorBackend& simple() { return mt::simple_backend(); }

}  // namespace

// ---------------------------------------------------------------- Task 3.2

RC_GTEST_PROP(Task3_2, Mm2, ()) { mm2(fast()); }
RC_GTEST_PROP(Task3_2, Bmm, ()) { bmm(fast()); }
RC_GTEST_PROP(Task3_2, OddSizesAndTransposes, ()) { odd_sizes(fast()); }

// The original's example, exactly.
TEST(Task3_2, Example) {
  const Tensor a = mt::tensor({{1, 2, 3}, {4, 5, 6}}, fast());
  const Tensor b = mt::tensor({{1, 0}, {0, 1}, {1, 1}}, fast());
  const Tensor c = a.matmul(b);
  EXPECT_EQ(c.shape(), (Shape{2, 2}));
  EXPECT_EQ(c.to_vector(), (std::vector<double>{4, 5, 10, 11}));
  EXPECT_EQ(mt::matmul(a, b).to_vector(), c.to_vector());
}

// ---------------------------------------------------------------- not graded

RC_GTEST_PROP(MatMul, Mm2Simple, ()) { mm2(simple()); }
RC_GTEST_PROP(MatMul, BmmSimple, ()) { bmm(simple()); }
RC_GTEST_PROP(MatMul, OddSizesSimple, ()) { odd_sizes(simple()); }

TEST(MatMul, ShapeErrorsNameBothShapes) {
  const auto message = [](const Shape& as, const Shape& bs) -> std::string {
    try {
      mt::zeros(as, mt::fast_backend()).matmul(mt::zeros(bs, mt::fast_backend()));
    } catch (const mt::ShapeError& e) {
      return e.what();
    }
    return "";
  };
  const std::string inner = message({2, 3}, {4, 5});
  EXPECT_NE(inner.find("(2,3)"), std::string::npos) << inner;
  EXPECT_NE(inner.find("(4,5)"), std::string::npos) << inner;
  EXPECT_NE(message({2, 2, 3}, {3, 3, 5}), "");                                                   // batches 2 and 3
  EXPECT_NE(message({3}, {3, 2}), "");                                                            // 1-D
  EXPECT_NE(message({1, 1, 2, 3}, {3, 2}), "");                                                   // 4-D
  EXPECT_THROW(mt::zeros({2, 3}).matmul(mt::zeros({3, 2}, mt::fast_backend())), mt::ValueError);  // two backends
}
