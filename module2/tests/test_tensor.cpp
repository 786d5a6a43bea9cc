// module2/tests/test_tensor.cpp
//
// Task 2.3 (tensor operations: map/zip/reduce, forwards, the Tensor API) and
// Task 2.4 (backwards and gradients). The MathTest tables of Module 0 run on
// tensors stored in random permuted (non-contiguous) layouts: one property per
// function, e.g. Task2_3.OneArg_sig and Task2_4.OneDerivative_sig.
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
#include "support/grad_check.h"
#include "support/math_tests.h"
#include "support/register_property.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::TensorData;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

template <typename Fn>
bool any_near_kink(const Fn& f, const Tensor& a) {
  for (const UserIndex& index : t::all_indices(a.shape())) {
    if (f.near_kink(t::element(a, index))) return true;
  }
  return false;
}

template <typename Fn>
bool any_near_kink(const Fn& f, const Tensor& a, const Tensor& b) {
  bool kink = false;
  t::for_each_broadcast_pair(a, b, [&](const UserIndex&, double x, double y) { kink = kink || f.near_kink(x, y); });
  return kink;
}

// Close, or the very same value where both are infinite or NaN (a / (b + 5.5)
// at b = -5.5 divides by zero in both).
void assert_same_or_close(double got, double expected) {
  if (got == expected || (std::isnan(got) && std::isnan(expected))) return;
  MT_RC_ASSERT_CLOSE(got, expected);
}

// Every element of `out` is close to base(element of `a` at the same index).
template <typename Fn>
void check_one_arg(const Fn& f, const Tensor& a) {
  const Tensor out = f.variable(a);
  RC_ASSERT(out.shape() == a.shape());
  for (const UserIndex& index : t::all_indices(a.shape())) {
    assert_same_or_close(t::element(out, index), f.base(t::element(a, index)));
  }
}

// Every element of `out` is close to base of the elements of a and b it broadcasts from.
template <typename Fn>
void check_two_arg(const Fn& f, const Tensor& a, const Tensor& b) {
  const Tensor out = f.variable(a, b);
  RC_ASSERT(out.shape() == t::broadcast_shape(a.shape(), b.shape()));
  t::for_each_broadcast_pair(a, b, [&](const UserIndex& index, double x, double y) {
    assert_same_or_close(t::element(out, index), f.base(x, y));
  });
}

// sum_red / mean_red reduce dimension 0; mean_full_red reduces everything.
template <typename Fn>
void check_reduction(const Fn& f, const Tensor& a) {
  const Tensor out = f.variable(a);
  if (f.name == "mean_full_red") {
    RC_ASSERT(out.shape() == Shape{1});
    std::vector<double> all;
    for (const UserIndex& index : t::all_indices(a.shape())) all.push_back(t::element(a, index));
    MT_RC_ASSERT_CLOSE(out.item(), f.base(all));
    return;
  }
  Shape shape = a.shape();
  shape[0] = 1;
  RC_ASSERT(out.shape() == shape);
  for (const UserIndex& index : t::all_indices(shape)) {
    std::vector<double> column;
    UserIndex in = index;
    for (in[0] = 0; in[0] < a.shape()[0]; ++in[0]) column.push_back(t::element(a, in));
    MT_RC_ASSERT_CLOSE(t::element(out, index), f.base(column));
  }
}

// Fewer draws for the costlier gradient properties of the broadcast tables.
const auto kFewer = [](int percent) { return *rc::gen::inRange(0, 100) < percent; };

const bool registered = [] {
  using t::register_property;
  t::for_each_one_arg([](const auto& f) {
    const std::string name(f.name);
    register_property(
        "Task2_3", "OneArg_" + name, [f] { check_one_arg(f, *t::tensors()); }, __FILE__, __LINE__);
    register_property(
        "Task2_4", "OneDerivative_" + name,
        [f] {
          const Tensor a = *t::tensors();
          RC_PRE(!any_near_kink(f, a));
          t::grad_check([&f](const Tensor& x) { return f.variable(x); }, a);
        },
        __FILE__, __LINE__);
  });
  t::for_each_two_arg([](const auto& f) {
    const std::string name(f.name);
    const auto fn = [f](const Tensor& x, const Tensor& y) { return f.variable(x, y); };
    register_property(
        "Task2_3", "TwoArg_" + name,
        [f] {
          const auto ts = *t::shaped_tensors(2);
          check_two_arg(f, ts[0], ts[1]);
        },
        __FILE__, __LINE__);
    register_property(
        "Task2_3", "TwoArgBroadcast_" + name,
        [f] {
          const auto [a, b] = *t::broadcastable_tensors();
          check_two_arg(f, a, b);
        },
        __FILE__, __LINE__);
    register_property(
        "Task2_4", "TwoGrad_" + name,
        [f, fn] {
          const auto ts = *t::shaped_tensors(2);
          RC_PRE(!any_near_kink(f, ts[0], ts[1]));
          t::grad_check(fn, ts[0], ts[1]);
        },
        __FILE__, __LINE__);
    // test_two_grad_broadcast: a summed input broadcasts against the other.
    register_property(
        "Task2_4", "TwoGradBroadcast_" + name,
        [f, fn] {
          const auto ts = *t::shaped_tensors(2);
          const Tensor a = ts[0], b = ts[1];
          const Tensor a0 = a.sum(0), b0 = b.sum(0);
          RC_PRE(!any_near_kink(f, a, b) && !any_near_kink(f, a0, b) && !any_near_kink(f, a, b0));
          t::grad_check(fn, a, b);
          t::grad_check(fn, a0, b);
          t::grad_check(fn, a, b0);
          if (kFewer(50)) {
            const auto [c, d] = *t::broadcastable_tensors();
            RC_PRE(!any_near_kink(f, c, d));
            t::grad_check(fn, c, d);
          }
        },
        __FILE__, __LINE__);
  });
  t::for_each_reduction([](const auto& f) {
    const std::string name(f.name);
    register_property(
        "Task2_3", "Reduce_" + name, [f] { check_reduction(f, *t::tensors()); }, __FILE__, __LINE__);
    register_property(
        "Task2_4", "GradReduce_" + name,
        [f] { t::grad_check([&f](const Tensor& x) { return f.variable(x); }, *t::tensors()); }, __FILE__, __LINE__);
  });
  return true;
}();

template <typename E, typename Fn>
std::string message_of(Fn&& fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

bool all_close(const Tensor& a, const Tensor& b) { return a.is_close(b).all().item() == 1.0; }

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
  EXPECT_TRUE(all_close(s, mt::tensor({{11, 16}})));
}

TEST(Task2_3, ReduceForwardOneDim2) {
  const Tensor s = mt::tensor({{2, 3}, {4, 6}, {5, 7}}).sum(1);
  EXPECT_EQ(s.shape(), (Shape{3, 1}));
  EXPECT_TRUE(all_close(s, mt::tensor({{5}, {10}, {12}})));
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

RC_GTEST_PROP(Task2_4, Permute, ()) {
  const Tensor a = *t::tensors();
  const std::vector<int> order = *t::permutations(a.dims());
  t::grad_check([&order](const Tensor& x) { return x.permute(order); }, a);
}

RC_GTEST_PROP(Task2_4, BackView, ()) {
  const Tensor a = *t::tensors();
  t::grad_check([](const Tensor& x) { return x.contiguous().view({x.size()}); }, a);
  t::grad_check([](const Tensor& x) { return (x.contiguous().view({x.size(), 1}) * 2.0).sum(0); }, a);
}

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

// backward with a gradient other than 1 (a sigmoid backward that forgets
// d_out passes grad_check on sum() but fails here).
RC_GTEST_PROP(Task2_4, BackwardUsesGradOutput, ()) {
  const Tensor a = *t::tensors(t::floats_between(0.5, 50.0));
  const Tensor d = *t::tensors(a.shape());
  const auto check = [&](const Tensor& out, auto derivative) {
    a.requires_grad_(true);
    a.zero_grad_();
    out.backward(d);
    RC_ASSERT(a.grad().has_value());
    for (const UserIndex& i : t::all_indices(a.shape())) {
      const double x = t::element(a, i);
      RC_ASSERT(t::allclose(t::element(*a.grad(), i), t::element(d, i) * derivative(x), 1e-6, 1e-9));
    }
  };
  a.requires_grad_(true);
  check(a.sigmoid(), [](double x) {
    const double s = 1.0 / (1.0 + std::exp(-x));
    return s * (1.0 - s);
  });
  check(a.relu(), [](double x) { return x > 0 ? 1.0 : 0.0; });
  check(a.log(), [](double x) { return 1.0 / x; });
  check((a / 25.0).exp(), [](double x) { return std::exp(x / 25.0) / 25.0; });
  check(1.0 / a, [](double x) { return -1.0 / (x * x); });
  check(-a, [](double) { return -1.0; });
  check(a * a, [](double x) { return 2.0 * x; });
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
