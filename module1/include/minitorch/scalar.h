// module1/include/minitorch/scalar.h
//
// Task 1.2 and 1.3: Scalar, a number that remembers how it was computed.
//
//   Scalar x(2.0, "x");                 a leaf: backward() gives it a derivative
//   Scalar y = x * x + 10.0 * x;         y remembers: Add(Mul(x, x), Mul(10, x))
//   y.backward();                        *x.derivative() == 2 * 2 + 10
//
// A Scalar is a cheap handle (a shared pointer) on a node of the computation
// graph. Copies share the node, as Python variables share one object. A node
// holds the value (`data`), the derivative (leaves only), a unique id, a name
// and its history: the function that made it, the Context that function's
// forward saved, and the input Scalars.
//
// Three kinds of Scalar, as in the original:
//   leaf      made by the user (Scalar(2.0)); backward() accumulates its derivative
//   computed  made by a ScalarFunction from inputs; it passes derivatives on
//   constant  a plain number taking part in a computation (the 10 in 10.0 * x);
//             never differentiated (is_constant(), no history)
//
// Memory: a computed Scalar keeps its inputs alive. backward() frees the graph
// behind it (saved values and links to inputs), and the last handle of a node
// frees its inputs iteratively, so a chain of a million operations neither
// leaks nor overflows the stack.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "minitorch/autodiff.h"
#include "minitorch/context.h"
#include "minitorch/errors.h"

namespace minitorch {

/// The Context a ScalarFunction's forward saves doubles in.
using ScalarContext = Context<double>;

/// What a ScalarFunction's backward returns: d_output times the local
/// derivative with respect to each of its N inputs, in input order. It is
/// built from exactly N numbers, so a backward that returns too few or too
/// many does not compile:
///   static LocalDerivatives<2> backward(...) { return {d * b, d * a}; }
///   static LocalDerivatives<1> backward(...) { return -d; }
template <std::size_t N>
class LocalDerivatives {
 public:
  template <std::convertible_to<double>... D>
  LocalDerivatives(D... derivatives)  // NOLINT(google-explicit-constructor): `return -d;` must work
      : values_{static_cast<double>(derivatives)...} {
    static_assert(sizeof...(D) == N,
                  "backward must return exactly one derivative per input: LocalDerivatives<N> takes N numbers");
  }

  static constexpr std::size_t size() { return N; }
  double operator[](std::size_t i) const { return values_[i]; }
  const std::array<double, N>& values() const { return values_; }

 private:
  std::array<double, N> values_;
};

/// What a computed Scalar keeps of the function that made it: its name (for
/// pictures and messages), how many inputs it takes, and its backward with
/// the function's type erased. Made for you by scalar_function_info<Fn>.
struct ScalarFunctionInfo {
  std::string_view name;
  std::size_t arity;
  /// d_output times the local derivative with respect to each input.
  std::vector<double> (*backward)(const ScalarContext& ctx, double d_output);
};

namespace detail {

template <typename T>
struct IsLocalDerivatives : std::false_type {};
template <std::size_t N>
struct IsLocalDerivatives<LocalDerivatives<N>> : std::true_type {};

inline constexpr std::size_t kMaxScalarArity = 8;
inline constexpr std::size_t kNoArity = static_cast<std::size_t>(-1);

template <std::size_t>
using AnyDouble = double;

// Fn::forward(ctx, x_1, ..., x_K) with K doubles returns a double.
template <typename Fn, typename... Doubles>
concept ForwardTakes = requires(ScalarContext& ctx, Doubles... x) {
  { Fn::forward(ctx, x...) } -> std::same_as<double>;
};

template <typename Fn, std::size_t... I>
constexpr bool forward_takes(std::index_sequence<I...> /*inputs*/) {
  return ForwardTakes<Fn, AnyDouble<I>...>;
}

template <typename Fn>
concept HasName = requires {
  std::string_view(Fn::name);
};

template <typename Fn>
concept HasBackward = requires(const ScalarContext& ctx) {
  Fn::backward(ctx, 1.0);
};

// How many doubles Fn::forward takes (the fewest that work), or kNoArity.
template <typename Fn, std::size_t K = 0>
constexpr std::size_t forward_arity() {
  if constexpr (K > kMaxScalarArity) {
    return kNoArity;
  } else if constexpr (forward_takes<Fn>(std::make_index_sequence<K>{})) {
    return K;
  } else {
    return forward_arity<Fn, K + 1>();
  }
}

// The number of inputs of the ScalarFunction Fn, checking at compile time
// that its backward returns exactly one derivative per input of its forward.
template <typename Fn>
constexpr std::size_t scalar_function_arity() {
  static_assert(HasName<Fn>, "a ScalarFunction needs `static constexpr std::string_view name = \"...\";`");
  static_assert(
      HasBackward<Fn>,
      "a ScalarFunction needs `static LocalDerivatives<N> backward(const ScalarContext& ctx, double d_output)`");
  using Backward = decltype(Fn::backward(std::declval<const ScalarContext&>(), 1.0));
  static_assert(IsLocalDerivatives<Backward>::value,
                "ScalarFunction::backward must return LocalDerivatives<N>: one derivative per input");
  constexpr std::size_t inputs = forward_arity<Fn>();
  static_assert(inputs != kNoArity,
                "a ScalarFunction needs `static double forward(ScalarContext& ctx, double a, ...)` taking its inputs");
  static_assert(inputs == Backward::size(),
                "ScalarFunction::backward must return exactly one derivative per input of forward: "
                "a forward of N inputs needs a backward returning LocalDerivatives<N>");
  return inputs;
}

template <typename Fn>
std::vector<double> erased_backward(const ScalarContext& ctx, double d_output) {
  const auto local = Fn::backward(ctx, d_output);
  return {local.values().begin(), local.values().end()};
}

}  // namespace detail

/// The ScalarFunctionInfo of Fn, one per function type. Fn must have
///   static constexpr std::string_view name;
///   static double forward(ScalarContext& ctx, double x_1, ..., double x_N);
///   static LocalDerivatives<N> backward(const ScalarContext& ctx, double d_output);
template <typename Fn>
inline constexpr ScalarFunctionInfo scalar_function_info{Fn::name, detail::scalar_function_arity<Fn>(),
                                                         &detail::erased_backward<Fn>};

class Scalar;

/// How a Scalar was made (scalar.py's ScalarHistory). A leaf's history has no
/// function and no inputs; a constant has no history at all.
struct ScalarHistory {
  const ScalarFunctionInfo* last_fn = nullptr;  // the function that made the Scalar; null for a leaf
  ScalarContext ctx;                            // what that function's forward saved
  std::vector<Scalar> inputs;                   // what that function's forward was given
  bool released = false;                        // backward() ran through it and freed ctx and inputs

  /// The history of a Scalar that Fn computed from `inputs`.
  template <typename Fn>
  static ScalarHistory of(ScalarContext ctx, std::vector<Scalar> inputs) {
    return ScalarHistory{&scalar_function_info<Fn>, std::move(ctx), std::move(inputs), false};
  }
};

namespace detail {
struct ScalarNode;
}

class Scalar {
 public:
  using Derivative = double;

  /// A leaf: a number created by the user, which backward() differentiates.
  /// Without a name it is called by its unique id ("17").
  explicit Scalar(double value, std::string name = "");

  /// A Scalar with the given history: what apply<Fn> makes (tests also build
  /// histories by hand). The history's inputs must match its function's arity.
  Scalar(double value, ScalarHistory history, std::string name = "");

  /// A constant: takes part in computations, is never differentiated. Plain
  /// numbers in expressions (the 10 in 10.0 * x) become constants.
  static Scalar constant(double value);

  /// The value.
  double data() const;

  /// A leaf's derivative accumulated by backward() (none before the first
  /// backward and after zero_grad_()); none for a constant. Asking a computed
  /// Scalar is a ValueError: its derivative lived only in backpropagate's table.
  std::optional<double> derivative() const;

  std::uint64_t unique_id() const;

  /// The name given, or the unique id as text ("17"); a constant's value ("10").
  std::string name() const;
  void set_name(std::string name);

  /// Made by the user (not by a function) and tracked.
  bool is_leaf() const;
  /// Takes no part in differentiation (no history).
  bool is_constant() const;
  /// Not a constant.
  bool requires_grad() const;
  /// true: a constant becomes a leaf. false: a leaf becomes a constant (and
  /// loses its derivative); a computed Scalar cannot stop requiring grad (ValueError).
  void requires_grad_(bool requires_grad = true);

  /// The history; null for a constant.
  const ScalarHistory* history() const;
  /// Name of the function that made this Scalar ("Mul"); "" for a leaf or constant.
  std::string_view function_name() const;

  /// The inputs of the function that made this Scalar (none for a leaf or a
  /// constant). After backward() freed the graph: an Error.
  std::vector<Scalar> parents() const;

  /// Task 1.3: the chain rule for the function that made this Scalar.
  std::vector<std::pair<Scalar, double>> chain_rule(double d_output) const;

  /// Adds `d` to a leaf's derivative. Only leaves keep derivatives: on a
  /// computed Scalar or a constant this is a ValueError.
  void accumulate_derivative(double d);

  /// Forgets the derivative (the optimizer does this before each epoch).
  void zero_grad_();

  /// Backpropagation from this Scalar with derivative d_output (default 1):
  /// every leaf behind it accumulates its derivative. Then the graph behind
  /// it is freed (saved values, links to inputs): calling backward() through
  /// it again is an Error, as in PyTorch. Run the forward pass again instead.
  void backward(double d_output = 1.0) const;

  Scalar log() const;
  Scalar exp() const;
  Scalar sigmoid() const;
  Scalar relu() const;

  /// data() != 0, so comparisons (which return 1.0 or 0.0) work in `if`.
  explicit operator bool() const { return data() != 0.0; }

 private:
  explicit Scalar(std::shared_ptr<detail::ScalarNode> node);
  // The history of a computed Scalar that still has its graph; an Error
  // naming `operation` for a leaf, a constant or a freed graph.
  const ScalarHistory& live_history(std::string_view operation) const;
  // "Scalar 'x' (id 3)", for messages.
  std::string describe() const;
  // Frees the saved values and input links of every computed node behind this one.
  void release_graph() const;

  std::shared_ptr<detail::ScalarNode> node_;

  friend struct detail::ScalarNode;
};

namespace detail {

/// A node of the graph. Destroying it frees the inputs that it alone kept
/// alive iteratively (not by recursion, which a long chain would overflow).
struct ScalarNode {
  double data = 0.0;
  std::uint64_t id = 0;
  std::string name;
  std::optional<double> derivative;
  std::optional<ScalarHistory> history;  // none: a constant; no last_fn: a leaf

  ScalarNode(double value, std::optional<ScalarHistory> node_history, std::string node_name);
  ScalarNode(const ScalarNode&) = delete;
  ScalarNode& operator=(const ScalarNode&) = delete;
  ~ScalarNode();
};

/// How many graph nodes exist right now (tests check that graphs are freed).
std::size_t live_scalar_nodes();

template <typename T>
concept ScalarOperand = std::same_as<T, Scalar> || std::is_arithmetic_v<T>;

inline Scalar as_scalar(const Scalar& x) { return x; }
inline Scalar as_scalar(double x) { return Scalar::constant(x); }
inline double value_of(const Scalar& x) { return x.data(); }
inline double value_of(double x) { return x; }

}  // namespace detail

inline double Scalar::data() const { return node_->data; }
inline std::uint64_t Scalar::unique_id() const { return node_->id; }
inline bool Scalar::is_constant() const { return !node_->history.has_value(); }
inline bool Scalar::is_leaf() const { return node_->history.has_value() && node_->history->last_fn == nullptr; }
inline bool Scalar::requires_grad() const { return !is_constant(); }
inline const ScalarHistory* Scalar::history() const { return node_->history ? &*node_->history : nullptr; }

/// Runs the ScalarFunction Fn on the values of `args` (Scalars or plain
/// numbers, which become constants) and returns a Scalar that remembers Fn,
/// the Context its forward saved and the inputs. When every input is a
/// constant the result is a constant too (nothing to differentiate, nothing saved).
/// A wrong number of arguments, or a backward that does not return one
/// derivative per input, is a compile-time error.
template <typename Fn, detail::ScalarOperand... Args>
Scalar apply(const Args&... args) {
  constexpr std::size_t arity = detail::scalar_function_arity<Fn>();
  static_assert(sizeof...(Args) == arity, "apply<Fn>(...) takes exactly one argument per input of Fn::forward");
  std::vector<Scalar> inputs{detail::as_scalar(args)...};
  bool tracked = false;
  for (const Scalar& input : inputs) tracked = tracked || !input.is_constant();
  ScalarContext ctx(/*no_grad=*/!tracked);
  const double out = Fn::forward(ctx, detail::value_of(args)...);
  if (!tracked) return Scalar::constant(out);
  return Scalar(out, ScalarHistory::of<Fn>(std::move(ctx), std::move(inputs)));
}

// Task 1.2: arithmetic and comparisons. Comparisons return a Scalar holding
// 1.0 (true) or 0.0 (false), as the original; their derivative is 0.
Scalar operator+(const Scalar& a, const Scalar& b);
Scalar operator-(const Scalar& a, const Scalar& b);
Scalar operator*(const Scalar& a, const Scalar& b);
Scalar operator/(const Scalar& a, const Scalar& b);
Scalar operator-(const Scalar& a);
Scalar operator<(const Scalar& a, const Scalar& b);
Scalar operator>(const Scalar& a, const Scalar& b);
Scalar operator==(const Scalar& a, const Scalar& b);

// The same with a plain number on either side (it becomes a constant).
inline Scalar operator+(const Scalar& a, double b) { return a + Scalar::constant(b); }
inline Scalar operator+(double a, const Scalar& b) { return Scalar::constant(a) + b; }
inline Scalar operator-(const Scalar& a, double b) { return a - Scalar::constant(b); }
inline Scalar operator-(double a, const Scalar& b) { return Scalar::constant(a) - b; }
inline Scalar operator*(const Scalar& a, double b) { return a * Scalar::constant(b); }
inline Scalar operator*(double a, const Scalar& b) { return Scalar::constant(a) * b; }
inline Scalar operator/(const Scalar& a, double b) { return a / Scalar::constant(b); }
inline Scalar operator/(double a, const Scalar& b) { return Scalar::constant(a) / b; }
inline Scalar operator<(const Scalar& a, double b) { return a < Scalar::constant(b); }
inline Scalar operator<(double a, const Scalar& b) { return Scalar::constant(a) < b; }
inline Scalar operator>(const Scalar& a, double b) { return a > Scalar::constant(b); }
inline Scalar operator>(double a, const Scalar& b) { return Scalar::constant(a) > b; }
inline Scalar operator==(const Scalar& a, double b) { return a == Scalar::constant(b); }
inline Scalar operator==(double a, const Scalar& b) { return Scalar::constant(a) == b; }

/// "Scalar(2.5)"
std::ostream& operator<<(std::ostream& os, const Scalar& x);

static_assert(Variable<Scalar>, "Scalar must satisfy autodiff.h's Variable");

// Backpropagation over Scalars is compiled once, in scalar.cpp (backpropagate.h).
extern template std::vector<Scalar> topological_sort<Scalar>(const Scalar& root);
extern template void backpropagate<Scalar>(const Scalar& root, double d_root);

}  // namespace minitorch
