// module0/tests/support/generators.h
//
// The course's bounded RapidCheck generators (tests/strategies.py in the
// original). RapidCheck's gen::inRange does not compile for doubles and its
// arbitrary doubles are huge, so floats are mapped from integers.
//
// Defined once in generators.cpp (the minitorch_test_support library): a test
// file that draws from them compiles only the draw.
#pragma once

#include <rapidcheck.h>

#include <vector>

#include "support/rapidcheck_once.h"

namespace minitorch::testing {

/// Floats in [-100, 100] on a 0.01 grid, no NaN (small_floats). Integers
/// 0, 1, 2, 3, ... map to 0, -0.01, 0.01, -0.02, ..., so small sizes draw
/// small numbers and a failure shrinks towards 0 (gen::inRange alone would
/// shrink towards -100).
rc::Gen<double> small_floats();

/// Floats in [lo, hi] on a 0.01 grid.
rc::Gen<double> floats_between(double lo, double hi);

/// Tiny magnitudes: +-m * 10^-e with m in [1, 9] and e in [3, 9] (a kernel
/// or a derivative must not round them to 0 or treat them as 0).
rc::Gen<double> tiny_floats();

/// Values at and next to each of `points` (kinks and poles): the point
/// itself, or the point +- a tiny_floats offset.
rc::Gen<double> floats_near(std::vector<double> points);

/// small_floats mostly, sometimes a tiny magnitude or a value at or next to
/// one of `points` (shrinks towards small_floats).
rc::Gen<double> edge_floats(std::vector<double> points);

/// Integers in [1, 3] (small_ints: dimension sizes).
rc::Gen<int> small_ints();

/// Integers in [1, 20] (med_ints).
rc::Gen<int> med_ints();

/// Lists of small floats with sizes in [min_size, max_size].
rc::Gen<std::vector<double>> float_lists(int min_size, int max_size);

}  // namespace minitorch::testing
