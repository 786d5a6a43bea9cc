// module1/include/minitorch/central_difference.h
//
// Task 1.1: numerical derivatives (central differences), the reference every
// derivative in the course is checked against.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch {

namespace detail {
// The number a function returned: a double as it is, a Scalar's data().
template <typename T>
double numeric_value(const T& x) {
  if constexpr (std::is_arithmetic_v<T>) {
    return static_cast<double>(x);
  } else {
    return x.data();
  }
}
}  // namespace detail

/// Task 1.1: an approximation of the derivative of `f` with respect to its
/// argument number `arg` at the point `args`:
///
///   f'_arg(x_0, ..., x_n-1) ~ (f(..., x_arg + epsilon, ...) - f(..., x_arg - epsilon, ...)) / (2 epsilon)
///
/// `f` takes N arguments of type T (doubles, or Scalars: the derivative checks
/// pass Scalars) and returns a double or a Scalar (whose data() counts).
///   central_difference(operators::mul, {5.0, 10.0}, 1) ~ 5.0
///
/// Hints: copy `args` twice, move argument `arg` up by epsilon in one copy and
/// down in the other; call f on a std::array of arguments with std::apply;
/// detail::numeric_value turns what f returns into a double.
template <typename F, typename T, std::size_t N>
double central_difference(F&& f, const std::array<T, N>& args, std::size_t arg = 0, double epsilon = 1e-6) {
  if (arg >= N) {
    throw ValueError("central_difference: arg " + std::to_string(arg) + " is out of range for a function of " +
                     std::to_string(N) + " argument(s)");
  }
  // BEGIN SOLUTION 1.1
  std::array<T, N> up = args;
  std::array<T, N> down = args;
  up[arg] = up[arg] + epsilon;
  down[arg] = down[arg] - epsilon;
  const double f_up = detail::numeric_value(std::apply(f, up));
  const double f_down = detail::numeric_value(std::apply(f, down));
  return (f_up - f_down) / (2.0 * epsilon);
  // END SOLUTION
}

/// The same with the arguments written in braces: central_difference(f, {5.0, 10.0}, 1).
template <typename F, typename T, std::size_t N>
double central_difference(F&& f, const T (&args)[N], std::size_t arg = 0, double epsilon = 1e-6) {
  return central_difference(std::forward<F>(f), std::to_array(args), arg, epsilon);
}

}  // namespace minitorch
