// module1/tests/support/derivative_check.h
//
// The course's derivative_check (scalar.py): run f forward on Scalars,
// backward with d_output, and compare every input's derivative with
// d_output times the central difference (numpy allclose, rtol = atol = 1e-2).
#pragma once

#include <rapidcheck.h>

#include <array>
#include <cstddef>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include "minitorch/central_difference.h"
#include "minitorch/scalar.h"
#include "support/close.h"

namespace minitorch::testing {

template <std::size_t N, std::size_t... I>
std::array<Scalar, N> make_leaves(const std::array<double, N>& values, std::index_sequence<I...>) {
  return {Scalar(values[I], "x" + std::to_string(I))...};
}

/// The failures of a derivative check, one line each; empty when it passes.
template <typename F, std::size_t N>
std::string derivative_check_failures(const F& f, const std::array<double, N>& values, double d_output = 1.0) {
  const std::array<Scalar, N> scalars = make_leaves(values, std::make_index_sequence<N>{});
  const Scalar out = std::apply(f, scalars);
  out.backward(d_output);
  std::ostringstream failures;
  failures.precision(10);
  for (std::size_t i = 0; i < N; ++i) {
    const double expected = d_output * central_difference(f, scalars, i);
    const std::optional<double> got = scalars[i].derivative();
    if (!got || !allclose(*got, expected)) {
      failures << "Derivative check at arguments f(";
      for (std::size_t k = 0; k < N; ++k) failures << (k ? ", " : "") << values[k];
      failures << ") with d_output " << d_output << " and received derivative f'=";
      if (got) {
        failures << *got;
      } else {
        failures << "none";
      }
      failures << " for argument " << i << ", but was expecting derivative f'=" << expected
               << " from central difference.\n";
    }
  }
  return failures.str();
}

/// derivative_check inside a RapidCheck property.
template <typename F, std::size_t N>
void rc_derivative_check(const F& f, const std::array<double, N>& values, double d_output = 1.0) {
  const std::string failures = derivative_check_failures(f, values, d_output);
  if (!failures.empty()) RC_LOG() << failures;
  RC_ASSERT(failures.empty());
}

}  // namespace minitorch::testing
