// grader/mutants/include/minitorch/operators.h
//
// Task 0.2's mutation program (test_module0_mutants, module0/CMakeLists.txt)
// finds this header first for "minitorch/operators.h". It includes your
// module0/include/minitorch/operators.h with mul, lt and sigmoid renamed to
// mul_right, lt_right and sigmoid_right, and declares in their place the
// functions of grader/mutants/operators_mutants.cpp: the right one (yours)
// or, for one run of the grader, a wrong one (MINITORCH_MUTANT). Every other
// operator is yours, unchanged. The test file itself is compiled unchanged.
#pragma once

// What operators.h includes, first (and once), so that the renaming below
// applies to operators.h alone.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "minitorch/errors.h"
#include "minitorch/host_device.h"

#define mul mul_right
#define lt lt_right
#define sigmoid sigmoid_right
#include "../../../../module0/include/minitorch/operators.h"
#undef mul
#undef lt
#undef sigmoid

namespace minitorch::operators {
// An inline namespace: ops::mul finds these, and their symbols differ from
// those of the library's (right) operators.
inline namespace mutation {

double mul(double x, double y);
double lt(double x, double y);
double sigmoid(double x);

}  // namespace mutation
}  // namespace minitorch::operators
