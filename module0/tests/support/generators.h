// module0/tests/support/generators.h
//
// The course's bounded RapidCheck generators (tests/strategies.py in the
// original). RapidCheck's gen::inRange does not compile for doubles and its
// arbitrary doubles are huge, so floats are mapped from integers.
#pragma once

#include <rapidcheck.h>

#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

namespace minitorch::testing {

/// Floats in [-100, 100] on a 0.01 grid, no NaN (small_floats). Integers
/// 0, 1, 2, 3, ... map to 0, -0.01, 0.01, -0.02, ..., so small sizes draw
/// small numbers and a failure shrinks towards 0 (gen::inRange alone would
/// shrink towards -100).
inline rc::Gen<double> small_floats() {
  return rc::gen::map(rc::gen::inRange(0, 20001), [](int i) { return (i % 2 == 0 ? i / 2 : -(i + 1) / 2) / 100.0; });
}

/// Floats in [lo, hi] on a 0.01 grid.
inline rc::Gen<double> floats_between(double lo, double hi) {
  const int a = static_cast<int>(lo * 100), b = static_cast<int>(hi * 100);
  return rc::gen::map(rc::gen::inRange(a, b + 1), [](int i) { return i / 100.0; });
}

/// Tiny magnitudes: +-m * 10^-e with m in [1, 9] and e in [3, 9] (a kernel
/// or a derivative must not round them to 0 or treat them as 0).
inline rc::Gen<double> tiny_floats() {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(1, 10), rc::gen::inRange(3, 10), rc::gen::arbitrary<bool>()),
                      [](const std::tuple<int, int, bool>& drawn) {
                        const auto [m, e, negative] = drawn;
                        return (negative ? -m : m) * std::pow(10.0, -e);
                      });
}

/// Values at and next to each of `points` (kinks and poles): the point
/// itself, or the point +- a tiny_floats offset.
inline rc::Gen<double> floats_near(std::vector<double> points) {
  return rc::gen::map(rc::gen::pair(rc::gen::elementOf(points), rc::gen::oneOf(rc::gen::just(0.0), tiny_floats())),
                      [](const std::pair<double, double>& drawn) { return drawn.first + drawn.second; });
}

/// small_floats mostly, sometimes a tiny magnitude or a value at or next to
/// one of `points` (shrinks towards small_floats).
inline rc::Gen<double> edge_floats(std::vector<double> points) {
  return rc::gen::weightedOneOf<double>({{6, small_floats()}, {1, tiny_floats()}, {1, floats_near(std::move(points))}});
}

/// Integers in [1, 3] (small_ints: dimension sizes).
inline rc::Gen<int> small_ints() { return rc::gen::inRange(1, 4); }

/// Integers in [1, 20] (med_ints).
inline rc::Gen<int> med_ints() { return rc::gen::inRange(1, 21); }

/// Lists of small floats with sizes in [min_size, max_size].
inline rc::Gen<std::vector<double>> float_lists(int min_size, int max_size) {
  return rc::gen::mapcat(rc::gen::inRange(min_size, max_size + 1), [](int n) {
    return rc::gen::container<std::vector<double>>(static_cast<std::size_t>(n), small_floats());
  });
}

}  // namespace minitorch::testing
