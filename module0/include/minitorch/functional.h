// module0/include/minitorch/functional.h
//
// Task 0.3: higher-order functions. `map`, `zip_with` and `reduce` take a
// function and return a new function that works on whole lists. They are
// generic over the element type (doubles, ints, strings, Scalars, ...); the
// list helpers below them are written with them, for doubles.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch {

/// map(fn) returns a function that takes a list [x1, ..., xn] and returns the
/// new list [fn(x1), ..., fn(xn)].
///   map(operators::neg)({1.0, 2.0}) == {-1.0, -2.0}
template <typename Fn>
auto map(Fn fn) {
  return [fn](const auto& ls) {
    using Out = std::decay_t<std::invoke_result_t<const Fn&, decltype(*std::begin(ls))>>;
    std::vector<Out> out;
    // BEGIN SOLUTION 0.3
    out.reserve(std::size(ls));
    for (const auto& x : ls) {
      out.push_back(fn(x));
    }
    // END SOLUTION
    return out;
  };
}

/// zip_with(fn) returns a function that takes two lists of the same length
/// [x1, ..., xn] and [y1, ..., yn] and returns [fn(x1, y1), ..., fn(xn, yn)].
/// Lists of different lengths are a ValueError (checked for you).
template <typename Fn>
auto zip_with(Fn fn) {
  return [fn](const auto& xs, const auto& ys) {
    using Out = std::decay_t<std::invoke_result_t<const Fn&, decltype(*std::begin(xs)), decltype(*std::begin(ys))>>;
    if (std::size(xs) != std::size(ys)) {
      throw ValueError("zip_with: the lists have different lengths (" + std::to_string(std::size(xs)) + " and " +
                       std::to_string(std::size(ys)) + ")");
    }
    std::vector<Out> out;
    // BEGIN SOLUTION 0.3
    out.reserve(std::size(xs));
    auto y = std::begin(ys);
    for (const auto& x : xs) {
      out.push_back(fn(x, *y));
      ++y;
    }
    // END SOLUTION
    return out;
  };
}

/// reduce(fn, start) returns a function that takes a list [x1, ..., xn] and
/// folds it into one value: fn(xn, ... fn(x2, fn(x1, start))). The empty list
/// reduces to `start`.
template <typename Fn, typename T>
auto reduce(Fn fn, T start) {
  return [fn, start](const auto& ls) {
    T acc = start;
    // BEGIN SOLUTION 0.3
    for (const auto& x : ls) {
      acc = fn(x, acc);
    }
    // END SOLUTION
    return acc;
  };
}

/// Negates every element, using `map` and `operators::neg`.
std::vector<double> neg_list(const std::vector<double>& ls);

/// Adds two lists element by element, using `zip_with` and `operators::add`.
std::vector<double> add_lists(const std::vector<double>& xs, const std::vector<double>& ys);

/// Sum of a list, using `reduce` and `operators::add`. sum({}) == 0.
double sum(const std::vector<double>& ls);

/// Product of a list, using `reduce` and `operators::mul`. prod({}) == 1.
double prod(const std::vector<double>& ls);

}  // namespace minitorch
