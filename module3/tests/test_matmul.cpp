// module3/tests/test_matmul.cpp
//
// Task 3.2 at the tensor level: matmul(a, b) on the fast backend
// (test_mm2 and test_bmm of the original course): 2-D products against
// broadcasting and sum, gradients, batched products with a broadcast batch,
// 2-D times 3-D. The same checks run on the simple backend (suite MatMul,
// not graded: its triple loop is given).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "minitorch/fast_backend.h"
#include "minitorch/matmul.h"
#include "minitorch/tensor.h"
#include "support/matmul_checks.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

using t::bmm;
using t::mm2;
using t::odd_sizes;

namespace {

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
  const Tensor c = mt::matmul(a, b);
  EXPECT_EQ(c.shape(), (Shape{2, 2}));
  EXPECT_EQ(c.to_vector(), (std::vector<double>{4, 5, 10, 11}));
}

// ---------------------------------------------------------------- not graded

RC_GTEST_PROP(MatMul, Mm2Simple, ()) { mm2(simple()); }
RC_GTEST_PROP(MatMul, BmmSimple, ()) { bmm(simple()); }
RC_GTEST_PROP(MatMul, OddSizesSimple, ()) { odd_sizes(simple()); }

TEST(MatMul, ShapeErrorsNameBothShapes) {
  const auto message = [](const Shape& as, const Shape& bs) -> std::string {
    try {
      mt::matmul(mt::zeros(as, mt::fast_backend()), mt::zeros(bs, mt::fast_backend()));
    } catch (const mt::ShapeError& e) {
      return e.what();
    }
    return "";
  };
  const std::string inner = message({2, 3}, {4, 5});
  EXPECT_NE(inner.find("(2,3)"), std::string::npos) << inner;
  EXPECT_NE(inner.find("(4,5)"), std::string::npos) << inner;
  EXPECT_NE(message({2, 2, 3}, {3, 3, 5}), "");  // batches 2 and 3
  EXPECT_NE(message({3}, {3, 2}), "");           // 1-D
  EXPECT_NE(message({1, 1, 2, 3}, {3, 2}), "");  // 4-D
  EXPECT_THROW(mt::matmul(mt::zeros({2, 3}), mt::zeros({3, 2}, mt::fast_backend())), mt::ValueError);  // two backends
}
