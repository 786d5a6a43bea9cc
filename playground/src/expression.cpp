// playground/src/expression.cpp
//
// A recursive-descent parser of the grammar in expression.h.
#include "expression.h"

#include <cctype>
#include <cstdlib>

namespace playground {
namespace {

constexpr std::size_t kMaxLength = 500;
constexpr int kMaxOperations = 100;
constexpr int kMaxDepth = 40;

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  std::unique_ptr<Expression> parse() {
    auto e = compare();
    skip_space();
    if (pos_ < text_.size()) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return e;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ExpressionError(what + " at column " + std::to_string(pos_ + 1) + " of '" + text_ + "'");
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool accept(const std::string& token) {
    skip_space();
    if (text_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
    return true;
  }

  void expect(const std::string& token) {
    if (!accept(token)) fail("expected '" + token + "'");
  }

  std::unique_ptr<Expression> node(Expression::Kind kind, std::string name,
                                   std::vector<std::unique_ptr<Expression>> args) {
    if (kind != Expression::Kind::Number && kind != Expression::Kind::Variable && ++operations_ > kMaxOperations) {
      fail("too many operations (at most " + std::to_string(kMaxOperations) + ")");
    }
    auto e = std::make_unique<Expression>();
    e->kind = kind;
    e->name = std::move(name);
    e->args = std::move(args);
    return e;
  }

  std::unique_ptr<Expression> binary(std::string op, std::unique_ptr<Expression> a, std::unique_ptr<Expression> b) {
    std::vector<std::unique_ptr<Expression>> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return node(Expression::Kind::Binary, std::move(op), std::move(args));
  }

  std::unique_ptr<Expression> compare() {
    if (++depth_ > kMaxDepth) fail("the expression nests too deep (at most " + std::to_string(kMaxDepth) + ")");
    auto e = sum();
    for (;;) {
      if (accept("==")) {
        e = binary("==", std::move(e), sum());
      } else if (accept("<")) {
        e = binary("<", std::move(e), sum());
      } else if (accept(">")) {
        e = binary(">", std::move(e), sum());
      } else {
        break;
      }
    }
    --depth_;
    return e;
  }

  std::unique_ptr<Expression> sum() {
    auto e = product();
    for (;;) {
      if (accept("+")) {
        e = binary("+", std::move(e), product());
      } else if (accept("-")) {
        e = binary("-", std::move(e), product());
      } else {
        return e;
      }
    }
  }

  std::unique_ptr<Expression> product() {
    auto e = unary();
    for (;;) {
      if (accept("*")) {
        e = binary("*", std::move(e), unary());
      } else if (accept("/")) {
        e = binary("/", std::move(e), unary());
      } else {
        return e;
      }
    }
  }

  std::unique_ptr<Expression> unary() {
    if (accept("-")) {
      if (++depth_ > kMaxDepth) fail("the expression nests too deep");
      std::vector<std::unique_ptr<Expression>> args;
      args.push_back(unary());
      --depth_;
      return node(Expression::Kind::Unary, "-", std::move(args));
    }
    return postfix();
  }

  static bool is_function(const std::string& name) {
    return name == "log" || name == "exp" || name == "sigmoid" || name == "relu";
  }

  std::unique_ptr<Expression> call(const std::string& name, std::unique_ptr<Expression> arg) {
    std::vector<std::unique_ptr<Expression>> args;
    args.push_back(std::move(arg));
    return node(Expression::Kind::Call, name, std::move(args));
  }

  std::unique_ptr<Expression> postfix() {
    auto e = primary();
    while (accept(".")) {
      const std::string name = identifier();
      if (!is_function(name)) fail("unknown method '" + name + "' (log, exp, sigmoid, relu)");
      expect("(");
      expect(")");
      e = call(name, std::move(e));
    }
    return e;
  }

  std::string identifier() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::unique_ptr<Expression> primary() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a number, x, y, z or '(' but the expression ended");
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      char* end = nullptr;
      const double value = std::strtod(text_.c_str() + pos_, &end);
      if (end == text_.c_str() + pos_) fail("bad number");
      pos_ = static_cast<std::size_t>(end - text_.c_str());
      auto e = node(Expression::Kind::Number, "", {});
      e->number = value;
      return e;
    }
    if (accept("(")) {
      auto e = compare();
      expect(")");
      return e;
    }
    const std::string name = identifier();
    if (name == "x" || name == "y" || name == "z") return node(Expression::Kind::Variable, name, {});
    if (is_function(name)) {
      expect("(");
      auto arg = compare();
      expect(")");
      return call(name, std::move(arg));
    }
    if (name.empty()) fail("expected a number, x, y, z or '(' but found '" + std::string(1, c) + "'");
    fail("unknown name '" + name + "' (the variables are x, y and z; functions log, exp, sigmoid, relu)");
  }

  const std::string& text_;
  std::size_t pos_ = 0;
  int operations_ = 0;
  int depth_ = 0;
};

}  // namespace

std::unique_ptr<Expression> parse_expression(const std::string& text) {
  if (text.size() > kMaxLength) {
    throw ExpressionError("the expression is too long: at most " + std::to_string(kMaxLength) + " characters");
  }
  bool blank = true;
  for (char c : text) blank = blank && std::isspace(static_cast<unsigned char>(c));
  if (blank) throw ExpressionError("the expression is empty: try (x * x) * y + 10.0 * x");
  return Parser(text).parse();
}

}  // namespace playground
