// module2/tests/test_tensor.cpp
//
// Task 2.3 (tensor operations: map/zip/reduce, forwards, the Tensor API) and
// Task 2.4 (backwards and gradients). The tensor suite (support/tensor_suite.h,
// shared with every backend) runs the MathTest tables of Module 0 on tensors
// in random permuted, gapped and expanded layouts: one property per function,
// e.g. Task2_3.OneArg_sig and Task2_4.OneDerivative_sig. Below: the Tensor
// API of the simple backend.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_functions.h"
#include "support/close.h"
#include "support/compare.h"
#include "support/messages.h"
#include "support/tensor_compare.h"
#include "support/tensor_generators.h"
#include "support/tensor_suite.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::TensorData;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

// The tensor property suite (support/tensor_suite.h) on the simple backend:
// forwards in Task2_3 (OneArg_sig, TwoArgBroadcast_mul2, Reduce_sum_red,
// ...), backwards in Task2_4 (OneDerivative_sig, Permute, BackView, ...).
const bool registered = [] {
  t::register_tensor_suite(mt::simple_backend(), "Task2_3", "Task2_4");
  return true;
}();

using t::message_of;

std::string str(const Tensor& x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

}  // namespace

// ---------------------------------------------------------------- Task 2.3

TEST(Task2_3, ReduceForwardOneDim) {
  const Tensor a = mt::tensor({{2, 3}, {4, 6}, {5, 7}});
  const Tensor s = a.sum(0);
  EXPECT_EQ(s.shape(), (Shape{1, 2}));
  MT_EXPECT_TENSOR_CLOSE(s, mt::tensor({{11, 16}}));
}

TEST(Task2_3, ReduceForwardOneDim2) {
  const Tensor s = mt::tensor({{2, 3}, {4, 6}, {5, 7}}).sum(1);
  EXPECT_EQ(s.shape(), (Shape{3, 1}));
  MT_EXPECT_TENSOR_CLOSE(s, mt::tensor({{5}, {10}, {12}}));
}

TEST(Task2_3, ReduceForwardAllDims) {
  const Tensor s = mt::tensor({{2, 3}, {4, 6}, {5, 7}}).sum();
  EXPECT_EQ(s.shape(), (Shape{1}));
  EXPECT_DOUBLE_EQ(s.item(), 27.0);
  EXPECT_DOUBLE_EQ(mt::tensor({{1, 2}, {3, 4}}).mean().item(), 2.5);
}

TEST(Task2_3, BroadcastShapes) {
  const Tensor c = mt::zeros({2, 3, 1}) + mt::zeros({7, 2, 1, 5});
  EXPECT_EQ(c.shape(), (Shape{7, 2, 3, 5}));
  const Tensor d = mt::tensor({{1}, {2}}) * mt::tensor({10, 20, 30});  // (2,1) * (3,) -> (2,3)
  EXPECT_EQ(d.to_vector(), (std::vector<double>{10, 20, 30, 20, 40, 60}));
  EXPECT_THROW(mt::zeros({2, 3}) + mt::zeros({4}), mt::ShapeError);
}

TEST(Task2_3, NumbersOnBothSides) {
  const Tensor a = mt::tensor({1, 2, 4});
  EXPECT_EQ((a + 1.0).to_vector(), (std::vector<double>{2, 3, 5}));
  EXPECT_EQ((1.0 + a).to_vector(), (std::vector<double>{2, 3, 5}));
  EXPECT_EQ((a - 1.0).to_vector(), (std::vector<double>{0, 1, 3}));
  EXPECT_EQ((1.0 - a).to_vector(), (std::vector<double>{0, -1, -3}));
  EXPECT_EQ((2.0 * a).to_vector(), (std::vector<double>{2, 4, 8}));
  EXPECT_EQ((a / 2.0).to_vector(), (std::vector<double>{0.5, 1, 2}));
  EXPECT_EQ((4.0 / a).to_vector(), (std::vector<double>{4, 2, 1}));
  EXPECT_EQ((a < 2.0).to_vector(), (std::vector<double>{1, 0, 0}));
  EXPECT_EQ((a > 2.0).to_vector(), (std::vector<double>{0, 0, 1}));
  EXPECT_EQ((a == 2.0).to_vector(), (std::vector<double>{0, 1, 0}));
  EXPECT_EQ((2.0 == a).to_vector(), (std::vector<double>{0, 1, 0}));
  EXPECT_EQ((-a).to_vector(), (std::vector<double>{-1, -2, -4}));
}

TEST(Task2_3, View) {
  const Tensor a = mt::tensor({{2, 3, 4}, {4, 5, 7}});
  EXPECT_EQ(a.shape(), (Shape{2, 3}));
  for (const Shape& shape : {Shape{6}, Shape{1, 6}, Shape{6, 1}, Shape{2, 3}, Shape{3, 1, 2}}) {
    const Tensor v = a.view(shape);
    EXPECT_EQ(v.shape(), shape);
    EXPECT_EQ(v.to_vector(), a.to_vector());
    EXPECT_EQ(v.data().storage().data(), a.data().storage().data()) << "view must share the storage";
  }
  EXPECT_THROW(a.view({4}), mt::ValueError);
}

TEST(Task2_3, ViewOfNonContiguousFails) {
  const Tensor a = mt::tensor({{2, 3, 4}, {4, 5, 7}});
  const Tensor p = a.permute({1, 0});
  EXPECT_EQ(p.shape(), (Shape{3, 2}));
  EXPECT_FALSE(p.is_contiguous());
  const std::string message = message_of<mt::ValueError>([&] { p.view({6}); });
  EXPECT_NE(message.find("contiguous()"), std::string::npos) << message;
  EXPECT_EQ(p.contiguous().view({6}).to_vector(), (std::vector<double>{2, 4, 3, 5, 4, 7}));
}

TEST(Task2_3, Permute) {
  const Tensor a = mt::tensor(
      {{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}}, {{12, 13, 14, 15}, {16, 17, 18, 19}, {20, 21, 22, 23}}});
  const Tensor p = a.permute({2, 0, 1});
  EXPECT_EQ(p.shape(), (Shape{4, 2, 3}));
  for (const UserIndex& i : t::all_indices(p.shape())) EXPECT_EQ(p(i), a({i[1], i[2], i[0]}));
  EXPECT_EQ(p.data().storage().data(), a.data().storage().data()) << "permute must share the storage";
}

TEST(Task2_3, ComparisonsAndIsClose) {
  const Tensor a = mt::tensor({1.0, 2.0, 3.0});
  const Tensor b = mt::tensor({1.005, 2.5, 3.0});
  EXPECT_EQ(a.is_close(b).to_vector(), (std::vector<double>{1, 0, 1}));
  EXPECT_EQ((a < b).to_vector(), (std::vector<double>{1, 1, 0}));
  EXPECT_EQ((a > b).to_vector(), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ((a == b).to_vector(), (std::vector<double>{0, 0, 1}));
  EXPECT_EQ(mt::tensor({{1, 1}, {0, 1}}).all(1).to_vector(), (std::vector<double>{1, 0}));
  EXPECT_EQ(mt::tensor({1, 1, 1}).all().item(), 1.0);
}

// The kernels write through out's strides: out may be non-contiguous too.
RC_GTEST_PROP(Task2_3, KernelsWriteNonContiguousOut, ()) {
  const TensorData a = *t::tensor_data();
  const TensorData b = *t::tensor_data(a.shape());
  const mt::TensorBackend& f = mt::simple_backend();
  TensorData out(mt::Storage(static_cast<std::size_t>(a.size())), a.shape(), *t::layouts(a.shape()));
  f.neg_map(a, out);
  for (const UserIndex& i : t::all_indices(a.shape())) RC_ASSERT(t::element(out, i) == -t::element(a, i));
  f.add_zip(a, b, out);
  for (const UserIndex& i : t::all_indices(a.shape())) {
    RC_ASSERT(t::element(out, i) == t::element(a, i) + t::element(b, i));
  }
  Shape reduced_shape = a.shape();
  const int dim = *rc::gen::inRange(0, a.dims());
  reduced_shape[static_cast<std::size_t>(dim)] = 1;
  TensorData reduced(mt::Storage(static_cast<std::size_t>(mt::shape_size(reduced_shape))), reduced_shape,
                     *t::layouts(reduced_shape));
  f.add_reduce(a, dim, reduced);
  for (const UserIndex& i : t::all_indices(reduced_shape)) {
    double sum = 0.0;
    UserIndex j = i;
    for (j[static_cast<std::size_t>(dim)] = 0;
         j[static_cast<std::size_t>(dim)] < a.shape()[static_cast<std::size_t>(dim)];
         ++j[static_cast<std::size_t>(dim)]) {
      sum += t::element(a, j);
    }
    MT_RC_ASSERT_CLOSE(t::element(reduced, i), sum);
  }
}

// A map broadcasts a smaller input over its output (expand uses this).
TEST(Task2_3, MapBroadcastsItsInput) {
  const TensorData a(std::vector<double>{1, 2, 3}, {3});
  TensorData out = TensorData::zeros({2, 3});
  mt::simple_backend().id_map(a, out);
  EXPECT_EQ(Tensor(out).to_vector(), (std::vector<double>{1, 2, 3, 1, 2, 3}));
}

// ---------------------------------------------------------------- Task 2.4

// The gradient of a broadcast input has the input's shape (test_grad_size).
TEST(Task2_4, GradSize) {
  const Tensor a = mt::tensor({1});
  a.requires_grad_(true);
  const Tensor b = mt::tensor({1, 2});
  b.requires_grad_(true);
  const Tensor c = a * b;
  c.sum().backward();
  ASSERT_TRUE(a.grad().has_value());
  ASSERT_TRUE(b.grad().has_value());
  EXPECT_EQ(a.grad()->shape(), a.shape());
  EXPECT_EQ(b.grad()->shape(), b.shape());
  EXPECT_EQ(a.grad()->to_vector(), (std::vector<double>{3}));
  EXPECT_EQ(b.grad()->to_vector(), (std::vector<double>{1, 1}));
}

TEST(Task2_4, SumToAndExpand) {
  const Tensor a = mt::tensor(std::vector<double>(24, 1.0), {4, 2, 3});
  const Tensor s = a.sum_to({2, 1});
  EXPECT_EQ(s.shape(), (Shape{2, 1}));
  EXPECT_EQ(s.to_vector(), (std::vector<double>{12, 12}));
  EXPECT_EQ(a.sum_to({3}).to_vector(), (std::vector<double>{8, 8, 8}));
  EXPECT_EQ(a.sum_to({4, 2, 3}).to_vector(), a.to_vector());
  EXPECT_THROW(a.sum_to({4}), mt::ShapeError);
  // expand: a smaller gradient is broadcast up, a bigger one summed down.
  const Tensor small = mt::zeros({2, 3});
  EXPECT_EQ(small.expand(mt::tensor({1, 2, 3})).to_vector(), (std::vector<double>{1, 2, 3, 1, 2, 3}));
  EXPECT_EQ(mt::zeros({3}).expand(mt::tensor({{1, 2, 3}, {4, 5, 6}})).to_vector(), (std::vector<double>{5, 7, 9}));
  EXPECT_EQ(mt::zeros({2, 1}).expand(mt::tensor({{1, 2, 3}, {4, 5, 6}})).to_vector(), (std::vector<double>{6, 15}));
}

TEST(Task2_4, GradientsAccumulateUntilZeroed) {
  const Tensor a = mt::tensor({1, 2, 3});
  a.requires_grad_(true);
  (a * 2.0).sum().backward();
  (a * 3.0).sum().backward();
  EXPECT_EQ(a.grad()->to_vector(), (std::vector<double>{5, 5, 5}));
  a.zero_grad_();
  EXPECT_FALSE(a.grad().has_value());
  (a * a).sum().backward();
  EXPECT_EQ(a.grad()->to_vector(), (std::vector<double>{2, 4, 6}));
}

TEST(Task2_4, ComparisonsHaveZeroGradient) {
  const Tensor a = mt::tensor({{1, 2}, {3, 4}});
  const Tensor b = mt::tensor({2, 2});
  a.requires_grad_(true);
  b.requires_grad_(true);
  ((a < b) + (a == b) + (a > b) + a * 0.0).sum().backward();
  EXPECT_EQ(a.grad()->to_vector(), (std::vector<double>{0, 0, 0, 0}));
  EXPECT_EQ(b.grad()->shape(), b.shape());
  EXPECT_EQ(b.grad()->to_vector(), (std::vector<double>{0, 0}));
}

// ---------------------------------------------------------------- not graded

TEST(Tensor, Create) {
  const std::vector<double> values{1.5, -2.0, 3.25};
  const Tensor a = mt::tensor(values, {3});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(a({i}), values[static_cast<std::size_t>(i)]);
  EXPECT_EQ(mt::tensor({{2, 3, 4}, {4, 5, 7}}).shape(), (Shape{2, 3}));
  EXPECT_EQ(mt::tensor({{{2, 3, 4}, {4, 5, 7}}}).shape(), (Shape{1, 2, 3}));
  EXPECT_EQ(mt::tensor({{{{1, 2}}}}).shape(), (Shape{1, 1, 1, 2}));
  EXPECT_THROW(mt::tensor({{1, 2}, {3}}), mt::ValueError);
  EXPECT_EQ(mt::zeros({2, 2}).to_vector(), (std::vector<double>(4, 0.0)));
  EXPECT_EQ(mt::ones({3}).to_vector(), (std::vector<double>(3, 1.0)));
  EXPECT_EQ(mt::rand({5}, 7).to_vector(), mt::rand({5}, 7).to_vector());
  for (double x : mt::rand({100}, 1).to_vector()) {
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
  }
  EXPECT_DOUBLE_EQ(mt::tensor({{4.5}}).item(), 4.5);
  EXPECT_THROW(mt::tensor({1, 2}).item(), mt::ValueError);
}

TEST(Tensor, Index) {
  const Tensor a = mt::tensor({{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(a({1, 2}), 6);
  EXPECT_THROW(a({50, 2}), mt::IndexingError);
  EXPECT_THROW(a({1}), mt::IndexingError);
  EXPECT_THROW(a({-1, 0}), mt::IndexingError);
  a.set({0, 0}, 10);
  EXPECT_EQ(a({0, 0}), 10);
}

TEST(Tensor, Printing) {
  EXPECT_EQ(str(mt::tensor({{1, 2}, {3, 4}})), "tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]])");
  EXPECT_EQ(str(mt::tensor({1, -2.5, 10})), "tensor([ 1.0000, -2.5000, 10.0000])");
  EXPECT_EQ(str(mt::tensor({{{1}, {2}}, {{3}, {4}}})),
            "tensor([[[1.0000],\n         [2.0000]],\n\n        [[3.0000],\n         [4.0000]]])");
  const Tensor x = mt::tensor({1, 2});
  x.requires_grad_(true);
  EXPECT_EQ(str(x), "tensor([1.0000, 2.0000], requires_grad=True)");
  EXPECT_EQ(str(x * 2.0), "tensor([2.0000, 4.0000], grad_fn=<MulBackward>)");
  const std::string big = str(mt::zeros({40, 40}));
  EXPECT_NE(big.find("..."), std::string::npos);
  EXPECT_LT(big.size(), 1000u);
}

TEST(Tensor, ConstantsLeavesAndComputed) {
  const Tensor c = mt::tensor({1, 2});
  EXPECT_TRUE(c.is_constant());
  EXPECT_FALSE(c.is_leaf());
  EXPECT_TRUE((c * 2.0).is_constant()) << "constants combine into constants (no history)";
  c.requires_grad_(true);
  EXPECT_TRUE(c.is_leaf());
  const Tensor y = c * 2.0;
  EXPECT_FALSE(y.is_leaf());
  EXPECT_FALSE(y.is_constant());
  EXPECT_EQ(y.function_name(), "Mul");
  EXPECT_EQ(y.parents().size(), 2u);
  EXPECT_TRUE(y.detach().is_constant());
  EXPECT_THROW(y.requires_grad_(false), mt::ValueError);
  EXPECT_THROW(mt::tensor({1, 2}).sum().backward(), mt::ValueError);
  EXPECT_THROW(y.backward(), mt::ValueError);  // two elements: needs grad_output
}

TEST(Tensor, BackwardFreesTheGraph) {
  const Tensor a = mt::tensor({1, 2});
  a.requires_grad_(true);
  const Tensor y = (a * a).sum();
  y.backward();
  EXPECT_EQ(y.history(), nullptr);
  EXPECT_THROW(y.backward(), mt::Error);
  // retain_graph keeps it for a second backward.
  a.zero_grad_();
  const Tensor z = (a * 3.0).sum();
  z.backward(mt::ones({1}), true);
  z.backward(mt::ones({1}));
  EXPECT_EQ(a.grad()->to_vector(), (std::vector<double>{6, 6}));
}

// A backward returning a gradient that cannot have its input's shape is an
// Error naming the function.
struct BadShape {
  static constexpr std::string_view name = "BadShape";
  static Tensor forward(mt::TensorContext&, const Tensor& a) { return a.backend().id_map(a); }
  static std::array<Tensor, 1> backward(const mt::TensorContext&, const Tensor& d_out) {
    return {mt::zeros({d_out.shape()[1], d_out.shape()[0]})};
  }
};

TEST(TensorErrors, GradientShapeNamesTheFunction) {
  const Tensor a = mt::zeros({2, 3});
  a.requires_grad_(true);
  const Tensor y = mt::apply<BadShape>(a);
  const std::string message = message_of<mt::Error>([&] { y.backward(mt::ones({2, 3})); });
  EXPECT_NE(message.find("BadShape.backward"), std::string::npos) << message;
  EXPECT_NE(message.find("(2,3)"), std::string::npos) << message;
  EXPECT_NE(message.find("(3,2)"), std::string::npos) << message;
}

// apply tells backward which inputs require grad (ctx.needs_input_grad):
// a backward may skip the gradient of a constant input.
struct RecordsNeeds {
  static constexpr std::string_view name = "RecordsNeeds";
  static inline std::vector<bool> seen;
  static Tensor forward(mt::TensorContext&, const Tensor& a, const Tensor& b, const Tensor& c) {
    return a.backend().add_zip(a.backend().add_zip(a, b), c);
  }
  static std::array<Tensor, 3> backward(const mt::TensorContext& ctx, const Tensor& d_out) {
    seen = {ctx.needs_input_grad(0), ctx.needs_input_grad(1), ctx.needs_input_grad(2)};
    return {d_out, d_out, d_out};
  }
};

TEST(TensorFunctions, BackwardKnowsWhichInputsNeedGradients) {
  const Tensor a = mt::ones({2}), b = mt::ones({2}), c = mt::ones({2});
  b.requires_grad_(true);
  mt::apply<RecordsNeeds>(a, b, c).sum().backward();
  EXPECT_EQ(RecordsNeeds::seen, (std::vector<bool>{false, true, false}));
  EXPECT_EQ(b.grad()->to_vector(), (std::vector<double>{1, 1}));
  a.requires_grad_(true);
  mt::apply<RecordsNeeds>(a, c, b).sum().backward();
  EXPECT_EQ(RecordsNeeds::seen, (std::vector<bool>{true, false, true}));
  EXPECT_TRUE(mt::TensorContext().needs_input_grad(0));  // not made by apply: every input may need one
}

TEST(TensorErrors, Messages) {
  const std::string broadcast = message_of<mt::ShapeError>([] { mt::zeros({2, 3}) + mt::zeros({4}); });
  EXPECT_NE(broadcast.find("(2,3)"), std::string::npos) << broadcast;
  EXPECT_NE(broadcast.find("(4,)"), std::string::npos) << broadcast;
  EXPECT_THROW(mt::zeros({2, 3}).sum(2), mt::IndexingError);
  EXPECT_THROW(mt::zeros({2, 3}).permute({0, 0}), mt::IndexingError);
  TensorData product = TensorData::zeros({1, 2, 2});
  EXPECT_THROW(
      mt::simple_backend().matrix_multiply(TensorData::zeros({1, 2, 3}), TensorData::zeros({1, 2, 2}), product),
      mt::Error);  // inner dimensions 3 and 2
  EXPECT_THROW(mt::backend_by_name("nope"), mt::ValueError);
  EXPECT_EQ(&mt::backend_by_name("simple"), &mt::simple_backend());
}
