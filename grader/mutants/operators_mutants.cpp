// grader/mutants/operators_mutants.cpp
//
// The wrong operators Task 0.2's tests must catch (grader/tasks.json, task
// 0.2, "mutation"). Each is your own operator (mul_right, lt_right,
// sigmoid_right: module0/include/minitorch/operators.h, renamed by
// grader/mutants/include/minitorch/operators.h) with one property of the
// Task0_2 tests broken. MINITORCH_MUTANT picks one per run; without it (or
// with "none") every operator is the right one.
#include <array>
#include <string_view>

#include "minitorch/operators.h"
#include "mutant_selection.h"

namespace {

constexpr std::array<std::string_view, 7> kMutants = {
    "sigmoid_out_of_range",   // 1.2 * sigmoid(x) - 0.1: symmetric, 0.5 at 0, increasing, but leaves [0, 1]
    "sigmoid_not_symmetric",  // sigmoid(2x) for x > 0: in [0, 1], 0.5 at 0, increasing
    "sigmoid_shifted",        // sigmoid(x + 1): crosses 0.5 at -1
    "sigmoid_decreasing",     // sigmoid(-x): in [0, 1], 0.5 at 0, symmetric, but decreasing
    "lt_not_transitive",      // x < y only when y - x <= 50
    "mul_not_symmetric",      // x * y + y: distributes over add, but mul(x, y) != mul(y, x)
    "mul_not_distributive",   // x * y + 1: symmetric, but z * (x + y) != z * x + z * y
};

int selected = -1;  // the index in kMutants; -1: the right operators

[[gnu::constructor(101)]] void select_mutant() {
  selected = minitorch::mutation_detail::take_mutant_selection(kMutants);
  minitorch::mutation_detail::announce(kMutants, selected);
}

bool is(std::string_view name) { return selected >= 0 && kMutants[static_cast<std::size_t>(selected)] == name; }

}  // namespace

namespace minitorch::operators::mutation {

double sigmoid(double x) {
  if (is("sigmoid_out_of_range")) return 1.2 * sigmoid_right(x) - 0.1;
  if (is("sigmoid_not_symmetric")) return sigmoid_right(x > 0.0 ? 2.0 * x : x);
  if (is("sigmoid_shifted")) return sigmoid_right(x + 1.0);
  if (is("sigmoid_decreasing")) return sigmoid_right(-x);
  return sigmoid_right(x);
}

double lt(double x, double y) {
  if (is("lt_not_transitive")) return lt_right(x, y) == 1.0 && y - x <= 50.0 ? 1.0 : 0.0;
  return lt_right(x, y);
}

double mul(double x, double y) {
  if (is("mul_not_symmetric")) return mul_right(x, y) + y;
  if (is("mul_not_distributive")) return mul_right(x, y) + 1.0;
  return mul_right(x, y);
}

}  // namespace minitorch::operators::mutation
