// module4/tests/test_nn.cpp
//
// Task 4.4: argmax, max (the Max function, forward and backward), softmax,
// logsoftmax, maxpool2d and dropout: the original course's test_max_pool,
// test_drop, test_softmax and test_log_softmax, plus the values against
// plain loops on random shapes and dimensions, ties, gradients, inputs of
// +-1000 and seeded dropout. And test_max, which you write (below): it is
// graded by running it against the right max and against wrong ones.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "minitorch/nn.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/compare.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

/// A tensor of `shape` whose elements all differ (a permutation of a grid
/// with a random spacing of at least 0.01), in a random permuted layout: its
/// max along any dimension is unique, so the gradient of max is one-hot.
rc::Gen<Tensor> distinct_tensors(const Shape& shape) {
  return rc::gen::exec([shape] {
    const int n = mt::shape_size(shape);
    const std::vector<int> order = *t::permutations(n);
    const double spacing = *t::floats_between(0.01, 10.0);
    const double offset = *t::small_floats();
    const mt::Strides strides = *t::layouts(shape);
    std::vector<double> values(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = offset + spacing * (order[i] - n / 2);
    return Tensor(mt::TensorData(mt::Storage(values), shape, strides));
  });
}

/// index with index[dim] replaced by k.
UserIndex at(UserIndex index, int dim, int k) {
  index[static_cast<std::size_t>(dim)] = k;
  return index;
}

/// The max of x along dim at `index` (whose index[dim] is ignored), with a loop.
double max_along(const Tensor& x, int dim, const UserIndex& index) {
  double best = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < x.shape()[static_cast<std::size_t>(dim)]; ++k)
    best = std::max(best, t::element(x, at(index, dim, k)));
  return best;
}

/// sum over dim of exp(x - m) at `index` (m: the max along dim), with a loop.
double sum_exp_along(const Tensor& x, int dim, const UserIndex& index) {
  const double m = max_along(x, dim, index);
  double sum = 0.0;
  for (int k = 0; k < x.shape()[static_cast<std::size_t>(dim)]; ++k)
    sum += std::exp(t::element(x, at(index, dim, k)) - m);
  return sum;
}

/// A random tensor (1-4 dimensions of size 1-3, permuted) and one of its dimensions.
struct AlongDim {
  Tensor x;
  int dim;
};
rc::Gen<AlongDim> along_dims() {
  return rc::gen::exec([] {
    const Tensor x = *t::tensors();
    return AlongDim{x, *rc::gen::inRange(0, x.dims())};
  });
}

}  // namespace

// ---------------------------------------------------------------- Task 4.4: your test of max
//
// The original course's test_max: a property test of max(t, dim) that you
// write. Write it in max_property, with RC_ASSERT (not EXPECT_*), using the
// generators of tests/support and distinct_tensors above, and test
// `max_under_test` (not mt::max directly): it is graded like mutation testing.
// It must hold for minitorch::max (Task4_4.MaxProperty) and fail for each
// wrong max that the grader holds (grader/mutants/max_mutants.cpp, run by
// grader/grade as Mutation4_4.MaxProperty): one that takes the first element
// or the min instead of the max, one that reduces the wrong dimension, and
// ones whose forward is right but whose gradient is not. So check, for t of shape
// (2, 3, 4) and each dim: the shape of max_under_test(t, dim), every value
// against a loop over the slice, and the gradient of sum(max * w) for an
// upstream w whose elements differ (where should it go? see the README).
using MaxFunction = std::function<Tensor(const Tensor&, int)>;

void max_property(const MaxFunction& max_under_test) {
  // BEGIN SOLUTION 4.4
  const Tensor x = *distinct_tensors({2, 3, 4});
  for (int dim = 0; dim < 3; ++dim) {
    x.requires_grad_(true);
    x.zero_grad_();
    const Tensor m = max_under_test(x, dim);
    Shape reduced = x.shape();
    reduced[static_cast<std::size_t>(dim)] = 1;
    RC_ASSERT(m.shape() == reduced);
    const Tensor w = *t::upstream_gradients(reduced);
    (m * w).sum().backward();
    RC_ASSERT(x.grad().has_value());
    const Tensor grad = *x.grad();
    for (const UserIndex& index : t::all_indices(reduced)) {
      const double best = max_along(x, dim, index);
      RC_ASSERT(m(index) == best);
      for (int k = 0; k < x.shape()[static_cast<std::size_t>(dim)]; ++k) {
        const UserIndex i = at(index, dim, k);
        RC_ASSERT(grad(i) == (x(i) == best ? w(index) : 0.0));
      }
    }
  }
  x.requires_grad_(false);
  // END SOLUTION
}

RC_GTEST_PROP(Task4_4, MaxProperty, ()) {
  max_property([](const Tensor& x, int dim) { return mt::max(x, dim); });
}

// ---------------------------------------------------------------- Task 4.4: max and argmax

// Every dimension of random permuted tensors: the shape (dim kept with
// size 1) and every value against a loop.
RC_GTEST_PROP(Task4_4, MaxMatchesLoops, ()) {
  const auto [x, dim] = *along_dims();
  const Tensor m = mt::max(x, dim);
  Shape reduced = x.shape();
  reduced[static_cast<std::size_t>(dim)] = 1;
  RC_ASSERT(m.shape() == reduced);
  for (const UserIndex& index : t::all_indices(reduced)) RC_ASSERT(m(index) == max_along(x, dim, index));
}

// The gradient of max is d_out at the (unique) max and 0 elsewhere; grad_check.
RC_GTEST_PROP(Task4_4, MaxGradient, ()) {
  const Shape shape = *t::shapes();
  const Tensor x = *distinct_tensors(shape);
  const int dim = *rc::gen::inRange(0, x.dims());
  x.requires_grad_(true);
  const Tensor m = mt::max(x, dim);
  const Tensor w = *t::upstream_gradients(m.shape());
  (m * w).sum().backward();
  RC_ASSERT(x.grad().has_value());
  for (const UserIndex& index : t::all_indices(shape)) {
    const UserIndex reduced = at(index, dim, 0);
    const double expected = x(index) == max_along(x, dim, index) ? w(reduced) : 0.0;
    RC_ASSERT((*x.grad())(index) == expected);
  }
  x.requires_grad_(false);
  t::grad_check([dim](const Tensor& a) { return mt::max(a, dim); }, x);
}

// argmax: 1.0 exactly where an element equals the max of its slice.
RC_GTEST_PROP(Task4_4, ArgmaxIsOneHot, ()) {
  const auto [x, dim] = *along_dims();
  const Tensor a = mt::argmax(x, dim);
  RC_ASSERT(a.shape() == x.shape());
  for (const UserIndex& index : t::all_indices(x.shape())) {
    RC_ASSERT(a(index) == (t::element(x, index) == max_along(x, dim, index) ? 1.0 : 0.0));
  }
}

// Ties (the course's convention): every maximal element is marked, and each
// gets the whole gradient.
TEST(Task4_4, MaxTies) {
  const Tensor x = mt::tensor({1, 3, 3, 2}, {1, 4});
  EXPECT_EQ(mt::argmax(x, 1).to_vector(), (std::vector<double>{0, 1, 1, 0}));
  x.requires_grad_(true);
  const Tensor m = mt::max(x, 1);
  EXPECT_EQ(m.shape(), (Shape{1, 1}));
  EXPECT_EQ(m.item(), 3.0);
  m.backward(mt::tensor({2.5}, {1, 1}));
  ASSERT_TRUE(x.grad().has_value());
  EXPECT_EQ(x.grad()->to_vector(), (std::vector<double>{0, 2.5, 2.5, 0}));
}

// ---------------------------------------------------------------- Task 4.4: max pooling

// test_max_pool: (1, 1, 4, 4) with kernels (2, 2), (2, 1), (1, 2).
RC_GTEST_PROP(Task4_4, MaxPool, ()) {
  const Tensor x = *t::tensors({1, 1, 4, 4});
  const auto window_max = [&](int rows, int cols) {
    double best = -std::numeric_limits<double>::infinity();
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) best = std::max(best, t::element(x, {0, 0, i, j}));
    }
    return best;
  };
  MT_RC_ASSERT_CLOSE(mt::maxpool2d(x, {2, 2})({0, 0, 0, 0}), window_max(2, 2));
  MT_RC_ASSERT_CLOSE(mt::maxpool2d(x, {2, 1})({0, 0, 0, 0}), window_max(2, 1));
  MT_RC_ASSERT_CLOSE(mt::maxpool2d(x, {1, 2})({0, 0, 0, 0}), window_max(1, 2));
}

// Random sizes and kernels on distinct values: every window against a loop; grad_check.
RC_GTEST_PROP(Task4_4, MaxPoolMatchesLoops, ()) {
  const int kh = *rc::gen::inRange(1, 4), kw = *rc::gen::inRange(1, 4);
  const int batch = *rc::gen::inRange(1, 3), channels = *rc::gen::inRange(1, 3);
  const int nh = *rc::gen::inRange(1, 4), nw = *rc::gen::inRange(1, 4);
  const Tensor x = *distinct_tensors({batch, channels, nh * kh, nw * kw});
  const Tensor out = mt::maxpool2d(x, {kh, kw});
  RC_ASSERT(out.shape() == (Shape{batch, channels, nh, nw}));
  for (const UserIndex& index : t::all_indices(out.shape())) {
    double best = -std::numeric_limits<double>::infinity();
    for (int u = 0; u < kh; ++u) {
      for (int v = 0; v < kw; ++v) {
        best = std::max(best, t::element(x, {index[0], index[1], index[2] * kh + u, index[3] * kw + v}));
      }
    }
    RC_ASSERT(out(index) == best);
  }
  t::grad_check([kh, kw](const Tensor& a) { return mt::maxpool2d(a, {kh, kw}); }, x);
}

// ---------------------------------------------------------------- Task 4.4: softmax and logsoftmax

// test_softmax: sums to 1 along dims 3 and 1; grad_check along dim 2.
RC_GTEST_PROP(Task4_4, Softmax, ()) {
  const Tensor x = *t::tensors({1, 1, 4, 4});
  MT_RC_ASSERT_CLOSE(mt::softmax(x, 3).sum(3)({0, 0, 0, 0}), 1.0);
  MT_RC_ASSERT_CLOSE(mt::softmax(x, 1).sum(1)({0, 0, 0, 0}), 1.0);
  t::grad_check([](const Tensor& a) { return mt::softmax(a, 2); }, x);
}

// Random shapes and dimensions: every value against exp(x - m) / sum exp(x - m).
RC_GTEST_PROP(Task4_4, SoftmaxMatchesLoops, ()) {
  const auto [x, dim] = *along_dims();
  const Tensor s = mt::softmax(x, dim);
  RC_ASSERT(s.shape() == x.shape());
  for (const UserIndex& index : t::all_indices(x.shape())) {
    const double expected = std::exp(t::element(x, index) - max_along(x, dim, index)) / sum_exp_along(x, dim, index);
    MT_RC_ASSERT_ALLCLOSE(s(index), expected, 1e-9, 1e-12);
  }
  t::grad_check([dim](const Tensor& a) { return mt::softmax(a, dim); }, x);
}

// test_log_softmax: exp(logsoftmax) is softmax; grad_check along dim 2.
RC_GTEST_PROP(Task4_4, LogSoftmax, ()) {
  const Tensor x = *t::tensors({1, 1, 4, 4});
  const Tensor q = mt::softmax(x, 3);
  const Tensor q2 = mt::logsoftmax(x, 3).exp();
  for (const UserIndex& index : t::all_indices(x.shape())) MT_RC_ASSERT_CLOSE(q2(index), q(index));
  t::grad_check([](const Tensor& a) { return mt::logsoftmax(a, 2); }, x);
}

// Random shapes and dimensions: every value against x - m - log sum exp(x - m).
RC_GTEST_PROP(Task4_4, LogSoftmaxMatchesLoops, ()) {
  const auto [x, dim] = *along_dims();
  const Tensor s = mt::logsoftmax(x, dim);
  RC_ASSERT(s.shape() == x.shape());
  for (const UserIndex& index : t::all_indices(x.shape())) {
    const double expected = t::element(x, index) - max_along(x, dim, index) - std::log(sum_exp_along(x, dim, index));
    MT_RC_ASSERT_ALLCLOSE(s(index), expected, 1e-9, 1e-9);
  }
  t::grad_check([dim](const Tensor& a) { return mt::logsoftmax(a, dim); }, x);
}

// Inputs of +-1000: exp overflows without the log-sum-exp trick; the results
// (and gradients) must be finite and right.
TEST(Task4_4, SoftmaxLargeInputs) {
  const Tensor x = mt::tensor({1000, 0, -1000, 1000, 1000, -1000}, {2, 3});
  x.requires_grad_(true);
  const Tensor log_p = mt::logsoftmax(x, 1);
  const std::vector<double> lp = log_p.to_vector();
  const double log2 = std::log(2.0);
  const std::vector<double> expected{0, -1000, -2000, -log2, -log2, -2000 - log2};
  for (std::size_t i = 0; i < lp.size(); ++i) {
    EXPECT_TRUE(std::isfinite(lp[i])) << "logsoftmax element " << i << " is " << lp[i];
    EXPECT_NEAR(lp[i], expected[i], 1e-9) << "logsoftmax element " << i;
  }
  const std::vector<double> p = mt::softmax(x, 1).to_vector();
  const std::vector<double> expected_p{1, 0, 0, 0.5, 0.5, 0};
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(p[i], expected_p[i], 1e-12) << "softmax element " << i;
  (log_p * mt::tensor({1, 2, 3, 4, 5, 6}, {2, 3})).sum().backward();
  ASSERT_TRUE(x.grad().has_value());
  // d/dx_i sum_j w_j (x_j - lse) = w_i - softmax_i * sum_j w_j
  const std::vector<double> g = x.grad()->to_vector();
  const std::vector<double> expected_g{1 - 6, 2, 3, 4 - 0.5 * 15, 5 - 0.5 * 15, 6};
  for (std::size_t i = 0; i < g.size(); ++i) EXPECT_NEAR(g[i], expected_g[i], 1e-9) << "gradient element " << i;
}

// ---------------------------------------------------------------- Task 4.4: dropout

// test_drop: rate 0 keeps every value exactly, rate 1 zeroes all, ignore
// leaves the input as it is.
RC_GTEST_PROP(Task4_4, Dropout, ()) {
  const Tensor x = *t::tensors();
  const Tensor kept = mt::dropout(x, 0.0);
  const Tensor dropped = mt::dropout(x, 1.0);
  const Tensor ignored = mt::dropout(x, 1.0, true);
  RC_ASSERT(kept.shape() == x.shape());
  RC_ASSERT(dropped.shape() == x.shape());
  for (const UserIndex& index : t::all_indices(x.shape())) {
    RC_ASSERT(kept(index) == x(index));
    RC_ASSERT(dropped(index) == 0.0);
    RC_ASSERT(ignored(index) == x(index));
  }
}

// Between 0 and 1: each element is kept exactly or zeroed, about `rate` of
// them are zeroed, the same seed gives the same mask and another seed another.
RC_GTEST_PROP(Task4_4, DropoutRate, ()) {
  const double rate = *t::floats_between(0.1, 0.9);
  const std::uint64_t seed = *rc::gen::inRange(0, 1000000);
  const Tensor x = mt::full({40, 50}, 1.5);
  mt::Random rng(seed);
  const std::vector<double> out = mt::dropout(x, rate, false, rng).to_vector();
  int zeros = 0;
  for (double v : out) {
    RC_ASSERT(v == 0.0 || v == 1.5);
    zeros += v == 0.0;
  }
  const double fraction = zeros / 2000.0;  // standard deviation <= 0.0112: 6 of them
  if (std::fabs(fraction - rate) > 0.067) RC_LOG() << "rate " << rate << ", dropped " << fraction << '\n';
  RC_ASSERT(std::fabs(fraction - rate) <= 0.067);
  mt::Random same(seed), other(seed + 1);
  RC_ASSERT(mt::dropout(x, rate, false, same).to_vector() == out);
  RC_ASSERT(mt::dropout(x, rate, false, other).to_vector() != out);
}

// The gradient of dropout is the mask: d_out where kept, 0 where dropped.
RC_GTEST_PROP(Task4_4, DropoutGradient, ()) {
  const Tensor x = *distinct_tensors({3, 4});
  const double rate = *t::floats_between(0.2, 0.8);
  mt::Random rng(*rc::gen::inRange(0, 1000));
  x.requires_grad_(true);
  const Tensor out = mt::dropout(x, rate, false, rng);
  const Tensor w = *t::upstream_gradients(out.shape());
  (out * w).sum().backward();
  RC_ASSERT(x.grad().has_value());
  for (const UserIndex& index : t::all_indices(x.shape())) {
    if (x(index) == 0.0) continue;  // kept or dropped, the output is 0: nothing to tell
    const bool kept = out(index) != 0.0;
    if (kept) RC_ASSERT(out(index) == x(index));
    RC_ASSERT((*x.grad())(index) == (kept ? w(index) : 0.0));
  }
}

// ---------------------------------------------------------------- errors (not graded: given code)

TEST(NN, DropoutRateOutOfRangeIsValueError) {
  const Tensor x = mt::ones({2, 2});
  EXPECT_THROW(mt::dropout(x, -0.1), mt::ValueError);
  EXPECT_THROW(mt::dropout(x, 1.5), mt::ValueError);
  EXPECT_THROW(mt::dropout(x, std::nan("")), mt::ValueError);
}
