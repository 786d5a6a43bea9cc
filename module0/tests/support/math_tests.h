// module0/tests/support/math_tests.h
//
// The course's MathTest / MathTestVariable tables: the function families that
// every layer (doubles, Scalars, Tensors, every backend) is tested with.
// Each entry has a `base` on doubles (built from minitorch::operators) and a
// `variable` written once as a generic lambda, so the same table tests a
// Scalar in Module 1 and a Tensor in Modules 2-4 unchanged:
//
//   for_each_one_arg([](const auto& f) {
//     double x = 1.5;
//     Scalar y = f.variable(Scalar(x));   // must match f.base(x)
//   });
//
// `near_kink(...)` is true at the points excluded from derivative checks:
// kinks (relu at 0, the steps of lt/eq) and poles (inv at 0), where a central
// difference and the true derivative legitimately disagree.
#pragma once

#include <cmath>
#include <string_view>
#include <vector>

#include "minitorch/operators.h"

namespace minitorch::testing {

template <typename Base, typename Variable, typename Kink>
struct MathFunction {
  std::string_view name;
  Base base;          // double(double) or double(double, double) or double(vector<double>)
  Variable variable;  // the same function on Scalars / Tensors
  Kink near_kink;     // bool(double) or bool(double, double)
};

template <typename Base, typename Variable, typename Kink>
MathFunction<Base, Variable, Kink> math_function(std::string_view name, Base base, Variable variable, Kink kink) {
  return {name, base, variable, kink};
}

inline bool near(double x, double point, double tolerance = 1e-3) { return std::fabs(x - point) < tolerance; }

/// The points where the tables' functions have a kink or a pole, or where
/// their two arguments meet one (relu at -5.5, complex at -0.7, inv at -3.5,
/// div2 at b = -5.5, eq2 at a = b + 5.5, lt2 and gt2 at a + 1.2 = b) and 0:
/// generators draw values at and next to them (edge_floats).
inline std::vector<double> kink_points() { return {-5.5, -3.5, -1.2, -0.7, 0.0, 1.2, 5.5}; }

/// The 14 one-argument functions, in the original's (alphabetical) order.
template <typename Visitor>
void for_each_one_arg(Visitor&& visit) {
  namespace ops = minitorch::operators;
  const auto smooth = [](double) { return false; };
  visit(math_function(
      "addConstant", [](double a) { return 5 + a; }, [](const auto& a) { return 5.0 + a; }, smooth));
  visit(math_function(
      "complex", [](double a) { return ops::log(ops::sigmoid(ops::relu(ops::relu(a * 10 + 7) * 6 + 5) * 10)) / 50; },
      [](const auto& a) { return (((a * 10.0 + 7.0).relu() * 6.0 + 5.0).relu() * 10.0).sigmoid().log() / 50.0; },
      [](double a) { return near(a * 10 + 7, 0.0, 1e-2); }));
  visit(math_function(
      "cube", [](double a) { return a * a * a; }, [](const auto& a) { return a * a * a; }, smooth));
  visit(math_function(
      "div", [](double a) { return a / 5; }, [](const auto& a) { return a / 5.0; }, smooth));
  visit(math_function(
      "exp", [](double a) { return ops::exp(a - 200); }, [](const auto& a) { return (a - 200.0).exp(); }, smooth));
  visit(math_function(
      "explog", [](double a) { return ops::log(a + 100000) + ops::exp(a - 200); },
      [](const auto& a) { return (a + 100000.0).log() + (a - 200.0).exp(); }, smooth));
  visit(math_function(
      "inv", [](double a) { return ops::inv(a + 3.5); }, [](const auto& a) { return 1.0 / (a + 3.5); },
      [](double a) { return near(a + 3.5, 0.0, 0.1); }));
  visit(math_function(
      "log", [](double a) { return ops::log(a + 100000); }, [](const auto& a) { return (a + 100000.0).log(); },
      smooth));
  visit(math_function(
      "multConstant", [](double a) { return 5 * a; }, [](const auto& a) { return 5.0 * a; }, smooth));
  visit(math_function(
      "neg", [](double a) { return -a; }, [](const auto& a) { return -a; }, smooth));
  visit(math_function(
      "relu", [](double a) { return ops::relu(a + 5.5); }, [](const auto& a) { return (a + 5.5).relu(); },
      [](double a) { return near(a + 5.5, 0.0); }));
  visit(math_function(
      "sig", [](double a) { return ops::sigmoid(a); }, [](const auto& a) { return a.sigmoid(); }, smooth));
  visit(math_function(
      "square", [](double a) { return a * a; }, [](const auto& a) { return a * a; }, smooth));
  visit(math_function(
      "subConstant", [](double a) { return a - 5; }, [](const auto& a) { return a - 5.0; }, smooth));
}

/// The 6 two-argument functions.
template <typename Visitor>
void for_each_two_arg(Visitor&& visit) {
  namespace ops = minitorch::operators;
  const auto smooth = [](double, double) { return false; };
  visit(math_function(
      "add2", [](double a, double b) { return a + b; }, [](const auto& a, const auto& b) { return a + b; }, smooth));
  visit(math_function(
      "div2", [](double a, double b) { return a / (b + 5.5); },
      [](const auto& a, const auto& b) { return a / (b + 5.5); },
      [](double, double b) { return near(b + 5.5, 0.0, 0.1); }));
  visit(math_function(
      "eq2", [](double a, double b) { return ops::eq(a, b + 5.5); },
      [](const auto& a, const auto& b) { return a == (b + 5.5); },
      [](double a, double b) { return near(a, b + 5.5); }));
  visit(math_function(
      "gt2", [](double a, double b) { return ops::lt(b, a + 1.2); },
      [](const auto& a, const auto& b) { return a + 1.2 > b; }, [](double a, double b) { return near(a + 1.2, b); }));
  visit(math_function(
      "lt2", [](double a, double b) { return ops::lt(a + 1.2, b); },
      [](const auto& a, const auto& b) { return a + 1.2 < b; }, [](double a, double b) { return near(a + 1.2, b); }));
  visit(math_function(
      "mul2", [](double a, double b) { return a * b; }, [](const auto& a, const auto& b) { return a * b; }, smooth));
}

/// The 3 reductions: the base takes all elements, the variable reduces a tensor.
template <typename Visitor>
void for_each_reduction(Visitor&& visit) {
  const auto total = [](const std::vector<double>& ls) {
    double s = 0.0;
    for (double x : ls) s += x;
    return s;
  };
  const auto smooth = [](double) { return false; };
  visit(math_function(
      "mean_full_red", [total](const std::vector<double>& ls) { return total(ls) / ls.size(); },
      [](const auto& a) { return a.mean(); }, smooth));
  visit(math_function(
      "mean_red", [total](const std::vector<double>& ls) { return total(ls) / ls.size(); },
      [](const auto& a) { return a.mean(0); }, smooth));
  visit(math_function(
      "sum_red", total, [](const auto& a) { return a.sum(0); }, smooth));
}

}  // namespace minitorch::testing
