// module1/tests/compile_fail/scalar_function_arity.cpp
//
// Must NOT compile (CTest ScalarFunctionArity.*): the number of derivatives a
// ScalarFunction's backward returns is checked against its inputs at compile time.
// CASE_correct is the control that must compile.
#include "minitorch/scalar.h"

using minitorch::LocalDerivatives;
using minitorch::ScalarContext;

#if defined(CASE_backward_too_few)
// LT's historical bug (Module-1 PR #5): one derivative for two inputs.
struct LessThan {
  static constexpr std::string_view name = "LT";
  static double forward(ScalarContext&, double a, double b) { return a < b ? 1.0 : 0.0; }
  static LocalDerivatives<2> backward(const ScalarContext&, double) { return {0.0}; }
};
#elif defined(CASE_forward_backward_mismatch)
struct LessThan {
  static constexpr std::string_view name = "LT";
  static double forward(ScalarContext&, double a, double b) { return a < b ? 1.0 : 0.0; }
  static LocalDerivatives<1> backward(const ScalarContext&, double) { return 0.0; }
};
#elif defined(CASE_apply_wrong_argument_count) || defined(CASE_correct)
struct LessThan {
  static constexpr std::string_view name = "LT";
  static double forward(ScalarContext&, double a, double b) { return a < b ? 1.0 : 0.0; }
  static LocalDerivatives<2> backward(const ScalarContext&, double) { return {0.0, 0.0}; }
};
#endif

int main() {
  const minitorch::Scalar x(1.0), y(2.0);
#if defined(CASE_apply_wrong_argument_count)
  return static_cast<int>(minitorch::apply<LessThan>(x).data());
#else
  return static_cast<int>(minitorch::apply<LessThan>(x, y).data());
#endif
}
