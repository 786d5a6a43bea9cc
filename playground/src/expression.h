// playground/src/expression.h
//
// The autodiff sandbox's little language: an expression over the variables
// x, y and z, parsed once into a tree and then evaluated with Scalars, so
// that the library records the computation graph.
//
//   expr    := compare
//   compare := sum (('<' | '>' | '==') sum)*
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := '-' unary | postfix
//   postfix := primary ('.' method '(' ')')*          method: log exp sigmoid relu
//   primary := number | x | y | z | '(' expr ')' | function '(' expr ')'
//
//   parse_expression("(x * x) * y + 10.0 * x")  ->  Expression; a syntax error is
//   an ExpressionError naming the column and what was expected.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace playground {

class ExpressionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One node of the parsed tree.
struct Expression {
  enum class Kind { Number, Variable, Unary, Binary, Call };
  Kind kind = Kind::Number;
  double number = 0.0;  // Number
  std::string name;     // Variable: "x"; Unary: "-"; Binary: "+", "<", ...; Call: "log", ...
  std::vector<std::unique_ptr<Expression>> args;
};

/// The tree of `text` (at most 500 characters, 100 operations, nesting 40).
std::unique_ptr<Expression> parse_expression(const std::string& text);

/// Evaluates `e` with `V` values: `variable(name)` gives x, y, z; numbers
/// become plain doubles combined by V's mixed operators.
template <typename V, typename Variables>
V evaluate(const Expression& e, const Variables& variable) {
  using Kind = Expression::Kind;
  switch (e.kind) {
    case Kind::Number:
      return V::constant(e.number);
    case Kind::Variable:
      return variable(e.name);
    case Kind::Unary:
      return -evaluate<V>(*e.args[0], variable);
    case Kind::Call: {
      const V a = evaluate<V>(*e.args[0], variable);
      if (e.name == "log") return a.log();
      if (e.name == "exp") return a.exp();
      if (e.name == "sigmoid") return a.sigmoid();
      return a.relu();
    }
    case Kind::Binary: {
      // A number on one side stays a number: `10.0 * x` is Mul(constant 10, x), as in the course.
      const V a = evaluate<V>(*e.args[0], variable);
      const V b = evaluate<V>(*e.args[1], variable);
      if (e.name == "+") return a + b;
      if (e.name == "-") return a - b;
      if (e.name == "*") return a * b;
      if (e.name == "/") return a / b;
      if (e.name == "<") return a < b;
      if (e.name == ">") return a > b;
      return a == b;
    }
  }
  throw ExpressionError("bad expression node");
}

}  // namespace playground
