// module2/tests/support/grad_check.h
//
// The course's tensor gradient check (tensor_functions.py's grad_check), with
// a non-uniform upstream gradient: run f forward, backward sum(f(...) * w)
// for a weight tensor w whose elements differ (never 0 or 1), and compare,
// for one random index of each input, the gradient autodiff found with a
// central difference
//
//   (sum(f(..., x + eps at index, ...) * w) - sum(f(..., x - eps at index, ...) * w)) / (2 eps),  eps = 1e-6
//
// with numpy's allclose, rtol = atol = 1e-2. The original backpropagates
// sum(f(...)), a gradient of ones: a backward that ignores its d_out, or a
// layout backward that moves elements around (permute with the permutation
// instead of its inverse, view of a non-contiguous d_out), passes with ones
// and fails here. For use inside RapidCheck properties (it draws the
// weights and the indices and fails with RC_ASSERT).
#pragma once

#include <rapidcheck.h>

#include <array>
#include <cstddef>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/tensor_generators.h"

namespace minitorch::testing {

inline constexpr double kGradEpsilon = 1e-6;

/// Upstream gradients for an output of `shape`: the elements cycle through
/// eleven different values (none 0 or 1) from a random start, so any two
/// elements within eleven of each other differ.
rc::Gen<Tensor> upstream_gradients(const Shape& shape, const TensorBackend& backend = simple_backend());

/// Central difference of sum(f(inputs) * weights) with respect to inputs[arg] at `index`.
template <typename F, std::size_t N>
double grad_central_difference(const F& f, const std::array<Tensor, N>& inputs, std::size_t arg, const UserIndex& index,
                               const Tensor& weights, double epsilon = kGradEpsilon) {
  const auto shifted = [&](double delta) {
    std::array<Tensor, N> moved = inputs;
    for (std::size_t i = 0; i < N; ++i) moved[i] = inputs[i].detach();
    Tensor up = zeros(inputs[arg].shape(), inputs[arg].backend());
    up.set(index, delta);
    moved[arg] = moved[arg] + up;
    return (std::apply(f, moved) * weights).sum().item();
  };
  return (shifted(epsilon) - shifted(-epsilon)) / (2.0 * epsilon);
}

/// Checks the gradients of sum(f(inputs...) * w), w from upstream_gradients,
/// for one random index of every input.
template <typename F, typename... Ts>
void grad_check(const F& f, const Ts&... values) {
  const std::array<Tensor, sizeof...(Ts)> inputs{values...};
  for (const Tensor& x : inputs) {
    x.requires_grad_(true);
    x.zero_grad_();
  }
  const Tensor out = std::apply(f, inputs);
  const Tensor weights = *upstream_gradients(out.shape(), out.backend());
  (out * weights).sum().backward();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& x = inputs[i];
    const UserIndex index = *indices(x.shape());
    const std::optional<Tensor> grad = x.grad();
    if (!grad) RC_LOG() << "no gradient for argument " << i << '\n';
    RC_ASSERT(grad.has_value());
    RC_ASSERT(grad->shape() == x.shape());
    const double got = (*grad)(index);
    const double expected = grad_central_difference(f, inputs, i, index, weights);
    if (!allclose(got, expected)) {
      RC_LOG() << "Gradient check error. Input " << x << "\nReceived derivative " << got << " for argument " << i
               << " and index " << shape_to_string(index) << ", but was expecting derivative " << expected
               << " from central difference (upstream gradient " << weights << ").\n";
    }
    RC_ASSERT(allclose(got, expected));
  }
  for (const Tensor& x : inputs) x.requires_grad_(false);
}

}  // namespace minitorch::testing
