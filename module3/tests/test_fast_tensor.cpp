// module3/tests/test_fast_tensor.cpp
//
// Task 3.1: Module 2's tensor suite on the fast backend (the original
// course's test_tensor_general.py with backend "fast"): creation, every
// MathTest function forward and backward on random permuted tensors, with
// shared layouts and with broadcasting, reductions and their gradients, and
// permute. One property per function, e.g. Task3_1.OneArg_sig,
// Task3_1.TwoGradBroadcast_mul2, Task3_1.GradReduce_sum_red.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "minitorch/fast_backend.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/grad_check.h"
#include "support/math_tests.h"
#include "support/register_property.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

const mt::TensorBackend& fast() { return mt::fast_backend(); }

rc::Gen<Tensor> fast_tensors() { return t::tensors(t::small_floats(), fast()); }

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

// Close, or the very same value where both are infinite or NaN.
void assert_same_or_close(double got, double expected) {
  if (got == expected || (std::isnan(got) && std::isnan(expected))) return;
  MT_RC_ASSERT_CLOSE(got, expected);
}

template <typename Fn>
void check_one_arg(const Fn& f, const Tensor& a) {
  const Tensor out = f.variable(a);
  RC_ASSERT(out.shape() == a.shape());
  RC_ASSERT(&out.backend() == &fast());
  for (const UserIndex& index : t::all_indices(a.shape())) {
    assert_same_or_close(t::element(out, index), f.base(t::element(a, index)));
  }
}

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

const auto kFewer = [](int percent) { return *rc::gen::inRange(0, 100) < percent; };

const bool registered = [] {
  using t::register_property;
  t::for_each_one_arg([](const auto& f) {
    const std::string name(f.name);
    register_property(
        "Task3_1", "OneArg_" + name, [f] { check_one_arg(f, *fast_tensors()); }, __FILE__, __LINE__);
    register_property(
        "Task3_1", "OneDerivative_" + name,
        [f] {
          const Tensor a = *fast_tensors();
          RC_PRE(!any_near_kink(f, a));
          t::grad_check([&f](const Tensor& x) { return f.variable(x); }, a);
        },
        __FILE__, __LINE__);
  });
  t::for_each_two_arg([](const auto& f) {
    const std::string name(f.name);
    const auto fn = [f](const Tensor& x, const Tensor& y) { return f.variable(x, y); };
    register_property(
        "Task3_1", "TwoArg_" + name,
        [f] {
          const auto ts = *t::shaped_tensors(2, t::small_floats(), fast());
          check_two_arg(f, ts[0], ts[1]);
        },
        __FILE__, __LINE__);
    register_property(
        "Task3_1", "TwoArgBroadcast_" + name,
        [f] {
          const auto [a, b] = *t::broadcastable_tensors(t::small_floats(), fast());
          check_two_arg(f, a, b);
        },
        __FILE__, __LINE__);
    register_property(
        "Task3_1", "TwoGrad_" + name,
        [f, fn] {
          const auto ts = *t::shaped_tensors(2, t::small_floats(), fast());
          RC_PRE(!any_near_kink(f, ts[0], ts[1]));
          t::grad_check(fn, ts[0], ts[1]);
        },
        __FILE__, __LINE__);
    register_property(
        "Task3_1", "TwoGradBroadcast_" + name,
        [f, fn] {
          const auto ts = *t::shaped_tensors(2, t::small_floats(), fast());
          const Tensor a = ts[0], b = ts[1];
          const Tensor a0 = a.sum(0), b0 = b.sum(0);
          RC_PRE(!any_near_kink(f, a, b) && !any_near_kink(f, a0, b) && !any_near_kink(f, a, b0));
          t::grad_check(fn, a, b);
          t::grad_check(fn, a0, b);
          t::grad_check(fn, a, b0);
          if (kFewer(50)) {
            const auto [c, d] = *t::broadcastable_tensors(t::small_floats(), fast());
            RC_PRE(!any_near_kink(f, c, d));
            t::grad_check(fn, c, d);
          }
        },
        __FILE__, __LINE__);
  });
  t::for_each_reduction([](const auto& f) {
    const std::string name(f.name);
    register_property(
        "Task3_1", "Reduce_" + name, [f] { check_reduction(f, *fast_tensors()); }, __FILE__, __LINE__);
    register_property(
        "Task3_1", "GradReduce_" + name,
        [f] { t::grad_check([&f](const Tensor& x) { return f.variable(x); }, *fast_tensors()); }, __FILE__, __LINE__);
  });
  return true;
}();

}  // namespace

// test_create: a tensor made on the fast backend holds the numbers given,
// and so does a copy the backend makes of it (its id_map).
RC_GTEST_PROP(Task3_1, Create, ()) {
  const std::vector<double> values = *t::float_lists(1, 50);
  const int n = static_cast<int>(values.size());
  const Tensor a = mt::tensor(values, {n}, fast());
  RC_ASSERT(&a.backend() == &fast());
  for (int i = 0; i < n; ++i) RC_ASSERT(a({i}) == values[static_cast<std::size_t>(i)]);
  const Tensor copy = fast().id_map(a);
  RC_ASSERT(copy.to_vector() == values);
}

RC_GTEST_PROP(Task3_1, Permute, ()) {
  const Tensor a = *fast_tensors();
  const std::vector<int> order = *t::permutations(a.dims());
  t::grad_check([&order](const Tensor& x) { return x.permute(order); }, a);
}

RC_GTEST_PROP(Task3_1, BackView, ()) {
  const Tensor a = *fast_tensors();
  t::grad_check([](const Tensor& x) { return x.contiguous().view({x.size()}); }, a);
  t::grad_check([](const Tensor& x) { return (x.contiguous().view({x.size(), 1}) * 2.0).sum(0); }, a);
}

// The original's golden reductions, on the fast backend.
TEST(Task3_1, ReduceForward) {
  const Tensor a = mt::tensor({{2, 3}, {4, 6}, {5, 7}}, fast());
  EXPECT_EQ(a.sum(0).to_vector(), (std::vector<double>{11, 16}));
  EXPECT_EQ(a.sum(1).to_vector(), (std::vector<double>{5, 10, 12}));
  EXPECT_EQ(a.sum().item(), 27.0);
  EXPECT_EQ(&a.sum().backend(), &fast());
}
