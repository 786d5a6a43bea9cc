// module2/tests/test_tensor_reference.cpp
//
// Task 2.4 (the product without gradients: Task 2.3): tensor results and
// gradients against an independent implementation, plain nested loops over
// the broadcast shape with strides read directly, on random shapes with
// broadcasting and permuted layouts. A permute backward that reshapes
// instead of permuting back, a broadcast gradient summed over the wrong
// dimension, a mean's gradient not divided by n: each gives other numbers.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <vector>

#include "minitorch/tensor.h"
#include "support/compare.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

double sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// f(x, y) = (x * y + sigmoid(x)) * relu(y - 2) / (exp(y) + 1), and its partial derivatives.
double f(double x, double y) { return (x * y + sig(x)) * std::max(y - 2.0, 0.0) / (std::exp(y) + 1.0); }
double df_dx(double x, double y) {
  return (y + sig(x) * (1.0 - sig(x))) * std::max(y - 2.0, 0.0) / (std::exp(y) + 1.0);
}
double df_dy(double x, double y) {
  const double r = std::max(y - 2.0, 0.0), dr = y > 2.0 ? 1.0 : 0.0, e = std::exp(y);
  return x * r / (e + 1.0) + (x * y + sig(x)) * (dr / (e + 1.0) - r * e / ((e + 1.0) * (e + 1.0)));
}

Tensor f_tensor(const Tensor& x, const Tensor& y) { return (x * y + x.sigmoid()) * (y - 2.0).relu() / (y.exp() + 1.0); }

// Index of `index` with dimension `dim` set to 0 (its place in a reduction's output).
UserIndex reduced(UserIndex index, int dim) {
  index[static_cast<std::size_t>(dim)] = 0;
  return index;
}

bool near(double got, double expected) { return t::allclose(got, expected, 1e-9, 1e-9); }

}  // namespace

// L = sum(f(a, b).sum(dim) * w): values of f(a, b).sum(dim) and the gradients of L.
RC_GTEST_PROP(Task2_4, BroadcastExpressionAndGradients, ()) {
  const auto numbers = t::floats_between(-5.0, 5.0);
  const auto [a_shape, b_shape] = *t::broadcastable_shapes();
  const Tensor a = *t::tensors(a_shape, numbers);
  const Tensor b = *t::tensors(b_shape, numbers);
  const Shape out_shape = t::broadcast_shape(a_shape, b_shape);
  const int dim = *rc::gen::inRange(0, static_cast<int>(out_shape.size()));
  Shape sum_shape = out_shape;
  sum_shape[static_cast<std::size_t>(dim)] = 1;
  const Tensor w = *t::tensors(sum_shape, numbers);
  for (const UserIndex& i : t::all_indices(out_shape)) {
    const double y = t::element(b, t::small_index(i, b_shape));
    RC_PRE(std::fabs(y - 2.0) > 1e-3);  // relu's kink
  }

  a.requires_grad_(true);
  b.requires_grad_(true);
  const Tensor s = f_tensor(a, b).sum(dim);
  RC_ASSERT(s.shape() == sum_shape);
  (s * w).sum().backward();

  std::vector<double> sums(static_cast<std::size_t>(mt::shape_size(sum_shape)), 0.0);
  std::vector<double> grad_a(static_cast<std::size_t>(mt::shape_size(a_shape)), 0.0);
  std::vector<double> grad_b(static_cast<std::size_t>(mt::shape_size(b_shape)), 0.0);
  const auto row_major = [](const UserIndex& index, const Shape& shape) {
    std::size_t position = 0;
    for (std::size_t d = 0; d < shape.size(); ++d) position = position * static_cast<std::size_t>(shape[d]) + index[d];
    return position;
  };
  for (const UserIndex& i : t::all_indices(out_shape)) {
    const UserIndex ia = t::small_index(i, a_shape), ib = t::small_index(i, b_shape), io = reduced(i, dim);
    const double x = t::element(a, ia), y = t::element(b, ib), wi = t::element(w, io);
    sums[row_major(io, sum_shape)] += f(x, y);
    grad_a[row_major(ia, a_shape)] += wi * df_dx(x, y);
    grad_b[row_major(ib, b_shape)] += wi * df_dy(x, y);
  }
  for (const UserIndex& i : t::all_indices(sum_shape)) RC_ASSERT(near(t::element(s, i), sums[row_major(i, sum_shape)]));
  RC_ASSERT(a.grad()->shape() == a_shape);
  RC_ASSERT(b.grad()->shape() == b_shape);
  for (const UserIndex& i : t::all_indices(a_shape))
    RC_ASSERT(near(t::element(*a.grad(), i), grad_a[row_major(i, a_shape)]));
  for (const UserIndex& i : t::all_indices(b_shape))
    RC_ASSERT(near(t::element(*b.grad(), i), grad_b[row_major(i, b_shape)]));
}

// out = a.permute(order) * c: out[j] = a[i] * c[j] with i[order[k]] = j[k]; d sum / d a[i] = c[j].
RC_GTEST_PROP(Task2_4, PermuteTimesTensor, ()) {
  const Tensor a = *t::tensors();
  const std::vector<int> order = *t::permutations(a.dims());
  Shape permuted(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) permuted[k] = a.shape()[static_cast<std::size_t>(order[k])];
  const Tensor c = *t::tensors(permuted);
  a.requires_grad_(true);
  const Tensor out = a.permute(order) * c;
  out.sum().backward();
  for (const UserIndex& j : t::all_indices(permuted)) {
    UserIndex i(j.size());
    for (std::size_t k = 0; k < order.size(); ++k) i[static_cast<std::size_t>(order[k])] = j[k];
    RC_ASSERT(t::element(out, j) == t::element(a, i) * t::element(c, j));
    RC_ASSERT(t::element(*a.grad(), i) == t::element(c, j));
  }
}

// L = sum((a - a.mean(dim))^2): d L / d a = 2 (a - mean), since the deviations sum to 0.
RC_GTEST_PROP(Task2_4, CenteredSquares, ()) {
  const Tensor a = *t::tensors();
  const int dim = *rc::gen::inRange(0, a.dims());
  a.requires_grad_(true);
  const Tensor d = a - a.mean(dim);
  (d * d).sum().backward();
  for (const UserIndex& i : t::all_indices(a.shape())) {
    double mean = 0.0;
    UserIndex j = i;
    const int n = a.shape()[static_cast<std::size_t>(dim)];
    for (j[static_cast<std::size_t>(dim)] = 0; j[static_cast<std::size_t>(dim)] < n;
         ++j[static_cast<std::size_t>(dim)]) {
      mean += t::element(a, j) / n;
    }
    MT_RC_ASSERT_ALLCLOSE(t::element(d, i), t::element(a, i) - mean, 1e-9, 1e-9);
    MT_RC_ASSERT_ALLCLOSE(t::element(*a.grad(), i), 2.0 * (t::element(a, i) - mean), 1e-9, 1e-9);
  }
}

// Linear written with view, broadcasting and sum equals the loops of a matrix
// product (forward only: Task 2.3).
RC_GTEST_PROP(Task2_3, BroadcastMatrixProduct, ()) {
  const int n = *rc::gen::inRange(1, 5), k = *rc::gen::inRange(1, 5), m = *rc::gen::inRange(1, 5);
  const Tensor a = *t::tensors({n, k});
  const Tensor b = *t::tensors({k, m});
  const Tensor product = (a.contiguous().view({n, k, 1}) * b.contiguous().view({1, k, m})).sum(1).view({n, m});
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < m; ++j) {
      double sum = 0.0;
      for (int l = 0; l < k; ++l) sum += t::element(a, {i, l}) * t::element(b, {l, j});
      MT_RC_ASSERT_ALLCLOSE(product({i, j}), sum, 1e-12, 1e-9);
    }
  }
}
