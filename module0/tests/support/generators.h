// module0/tests/support/generators.h
//
// The course's bounded RapidCheck generators (tests/strategies.py in the
// original). RapidCheck's gen::inRange does not compile for doubles and its
// arbitrary doubles are huge, so floats are mapped from integers.
#pragma once

#include <rapidcheck.h>

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
