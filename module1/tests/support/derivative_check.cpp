// module1/tests/support/derivative_check.cpp
#include "support/derivative_check.h"

#include <rapidcheck.h>

#include <cstddef>
#include <optional>
#include <sstream>
#include <tuple>
#include <utility>

#include "minitorch/central_difference.h"
#include "support/close.h"

namespace minitorch::testing {
namespace {

template <std::size_t N, std::size_t... I>
std::array<Scalar, N> make_leaves(const std::array<double, N>& values, std::index_sequence<I...>) {
  return {Scalar(values[I], "x" + std::to_string(I))...};
}

template <typename F, std::size_t N>
std::string failures_of(const F& f, const std::array<double, N>& values, double d_output) {
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

void rc_assert_none(const std::string& failures) {
  if (!failures.empty()) RC_LOG() << failures;
  RC_ASSERT(failures.empty());
}

}  // namespace

std::string derivative_check_failures(const ScalarFunction1& f, const std::array<double, 1>& values, double d_output) {
  return failures_of(f, values, d_output);
}

std::string derivative_check_failures(const ScalarFunction2& f, const std::array<double, 2>& values, double d_output) {
  return failures_of(f, values, d_output);
}

void rc_derivative_check(const ScalarFunction1& f, const std::array<double, 1>& values, double d_output) {
  rc_assert_none(failures_of(f, values, d_output));
}

void rc_derivative_check(const ScalarFunction2& f, const std::array<double, 2>& values, double d_output) {
  rc_assert_none(failures_of(f, values, d_output));
}

}  // namespace minitorch::testing
