// module1/src/scalar.cpp
#include "minitorch/scalar.h"

#include <atomic>
#include <cstdio>
#include <sstream>

#include "minitorch/backpropagate.h"
#include "minitorch/scalar_functions.h"

namespace minitorch {

namespace sf = scalar_functions;

namespace {

std::atomic<std::uint64_t> next_unique_id{1};
std::atomic<std::size_t> live_nodes{0};

// A number as a short text: 10, 0.5, 1e+06.
std::string format_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

// ---------------------------------------------------------------- the node

detail::ScalarNode::ScalarNode(double value, std::optional<ScalarHistory> node_history, std::string node_name)
    : data(value),
      id(next_unique_id.fetch_add(1, std::memory_order_relaxed)),
      name(std::move(node_name)),
      history(std::move(node_history)) {
  live_nodes.fetch_add(1, std::memory_order_relaxed);
}

std::size_t detail::live_scalar_nodes() { return live_nodes.load(std::memory_order_relaxed); }

// Destroying the last handle of the output of a long chain would destroy its
// input, whose destructor destroys its input, ... one stack frame per node.
// Instead, the inputs of every node about to die are moved onto an explicit
// stack; a node is destroyed only once its own inputs have been taken away.
detail::ScalarNode::~ScalarNode() {
  live_nodes.fetch_sub(1, std::memory_order_relaxed);
  if (!history || history->inputs.empty()) return;
  std::vector<std::shared_ptr<ScalarNode>> orphans;
  const auto adopt_inputs = [&orphans](ScalarNode& node) {
    for (Scalar& input : node.history->inputs) {
      if (input.node_) orphans.push_back(std::move(input.node_));
    }
    node.history->inputs.clear();
  };
  adopt_inputs(*this);
  while (!orphans.empty()) {
    std::shared_ptr<ScalarNode> node = std::move(orphans.back());
    orphans.pop_back();
    // Held only here: it dies at the end of this iteration, without inputs.
    if (node.use_count() == 1 && node->history) adopt_inputs(*node);
  }
}

// ---------------------------------------------------------------- Scalar

Scalar::Scalar(std::shared_ptr<detail::ScalarNode> node) : node_(std::move(node)) {}

Scalar::Scalar(double value, std::string name)
    : node_(std::make_shared<detail::ScalarNode>(value, ScalarHistory{}, std::move(name))) {}

Scalar::Scalar(double value, ScalarHistory history, std::string name) {
  if (history.last_fn == nullptr && !history.inputs.empty()) {
    throw ValueError("a leaf's ScalarHistory has no inputs, got " + std::to_string(history.inputs.size()) +
                     " (give the history a last_fn, e.g. ScalarHistory::of<Fn>(ctx, inputs))");
  }
  if (history.last_fn != nullptr && history.inputs.size() != history.last_fn->arity) {
    throw ValueError(std::string(history.last_fn->name) + " takes " + std::to_string(history.last_fn->arity) +
                     " input(s), the ScalarHistory has " + std::to_string(history.inputs.size()));
  }
  node_ = std::make_shared<detail::ScalarNode>(value, std::move(history), std::move(name));
}

Scalar Scalar::constant(double value) {
  return Scalar(std::make_shared<detail::ScalarNode>(value, std::nullopt, std::string()));
}

std::optional<double> Scalar::derivative() const {
  if (!is_constant() && !is_leaf()) {
    throw ValueError("derivative() of " + describe() + ", the result of " + std::string(function_name()) +
                     ": only leaves keep a derivative (intermediate derivatives live in backpropagate's table "
                     "while it runs)");
  }
  return node_->derivative;
}

std::string Scalar::name() const {
  if (!node_->name.empty()) return node_->name;
  return is_constant() ? format_number(node_->data) : std::to_string(node_->id);
}

void Scalar::set_name(std::string name) { node_->name = std::move(name); }

void Scalar::requires_grad_(bool requires_grad) {
  if (requires_grad) {
    if (is_constant()) node_->history.emplace();
    return;
  }
  if (!is_constant() && !is_leaf()) {
    throw ValueError("requires_grad_(false) on " + describe() + ", the result of " + std::string(function_name()) +
                     ": only a leaf can stop requiring grad (use Scalar::constant(x.data()) for a detached copy)");
  }
  node_->history.reset();
  node_->derivative.reset();
}

std::string_view Scalar::function_name() const {
  const ScalarHistory* h = history();
  return (h != nullptr && h->last_fn != nullptr) ? h->last_fn->name : std::string_view();
}

std::string Scalar::describe() const {
  std::string text =
      "Scalar '" + name() + "' (id " + std::to_string(node_->id) + ", data " + format_number(node_->data) + ")";
  return text;
}

const ScalarHistory& Scalar::live_history(std::string_view operation) const {
  if (is_constant()) {
    throw ValueError(std::string(operation) + " of the constant " + describe() + ": a constant has no history");
  }
  const ScalarHistory& h = *node_->history;
  if (h.last_fn == nullptr) {
    throw ValueError(std::string(operation) + " of the leaf " + describe() +
                     ": a leaf was made by the user, not by a function, and has no inputs");
  }
  if (h.released) {
    throw Error(std::string(operation) + " of " + describe() + ", the result of " + std::string(h.last_fn->name) +
                ": the graph was already freed by a backward() through it. Run the forward pass again "
                "before calling backward() a second time.");
  }
  return h;
}

std::vector<Scalar> Scalar::parents() const {
  if (is_constant() || is_leaf()) return {};
  return live_history("parents()").inputs;
}

/// Task 1.3: the chain rule for the function f that made this Scalar.
///
/// Call the backward of the function that made this Scalar (history: h.last_fn,
/// with the context h.ctx its forward filled) on d_output: it gives
/// d_output * df/dx_i for every input x_i. Pair each input with its
/// derivative, in input order, and leave out the inputs that are constants
/// (plain numbers used in the forward pass): they need no derivative.
///   y = apply<Mul>(x, 10.0);  y.chain_rule(5.0) == {(x, 50.0)}
std::vector<std::pair<Scalar, double>> Scalar::chain_rule(double d_output) const {
  [[maybe_unused]] const ScalarHistory& h = live_history("chain_rule()");
  std::vector<std::pair<Scalar, double>> pairs;
  // BEGIN SOLUTION 1.3
  const std::vector<double> local = h.last_fn->backward(h.ctx, d_output);
  pairs.reserve(h.inputs.size());
  for (std::size_t i = 0; i < h.inputs.size(); ++i) {
    if (!h.inputs[i].is_constant()) pairs.emplace_back(h.inputs[i], local[i]);
  }
  // END SOLUTION
  return pairs;
}

void Scalar::accumulate_derivative(double d) {
  if (is_constant()) {
    throw ValueError("accumulate_derivative on the constant " + describe() + ": constants take no derivative");
  }
  if (!is_leaf()) {
    throw ValueError("Only leaf variables can have derivatives: accumulate_derivative on " + describe() +
                     ", the result of " + std::string(function_name()) +
                     " (intermediate derivatives stay in backpropagate's table)");
  }
  node_->derivative = node_->derivative.value_or(0.0) + d;
}

void Scalar::zero_grad_() { node_->derivative.reset(); }

void Scalar::backward(double d_output) const {
  if (is_constant()) {
    throw ValueError("backward() of the constant " + describe() +
                     ": nothing to differentiate (make it a leaf with requires_grad_(true))");
  }
  backpropagate(*this, d_output);
  release_graph();
}

void Scalar::release_graph() const {
  std::vector<std::shared_ptr<detail::ScalarNode>> pending{node_};
  while (!pending.empty()) {
    std::shared_ptr<detail::ScalarNode> node = std::move(pending.back());
    pending.pop_back();
    if (!node->history || node->history->last_fn == nullptr || node->history->released) continue;
    ScalarHistory& h = *node->history;
    for (Scalar& input : h.inputs) pending.push_back(std::move(input.node_));
    h.inputs.clear();
    h.inputs.shrink_to_fit();
    h.ctx.release();
    h.released = true;
  }
}

std::ostream& operator<<(std::ostream& os, const Scalar& x) { return os << "Scalar(" << x.data() << ")"; }

// ---------------------------------------------------------------- Task 1.2: operations

/// Task 1.2: a + b with the function Add: apply<sf::Add>(a, b).
Scalar operator+(const Scalar& a, const Scalar& b) {
  // BEGIN SOLUTION 1.2
  return apply<sf::Add>(a, b);
  // END SOLUTION
}

/// Task 1.2: a - b, with no function of its own: Add(a, Neg(b)).
Scalar operator-(const Scalar& a, const Scalar& b) {
  // BEGIN SOLUTION 1.2
  return apply<sf::Add>(a, apply<sf::Neg>(b));
  // END SOLUTION
}

Scalar operator*(const Scalar& a, const Scalar& b) { return apply<sf::Mul>(a, b); }

Scalar operator/(const Scalar& a, const Scalar& b) { return apply<sf::Mul>(a, apply<sf::Inv>(b)); }

/// Task 1.2: -a with the function Neg.
Scalar operator-(const Scalar& a) {
  // BEGIN SOLUTION 1.2
  return apply<sf::Neg>(a);
  // END SOLUTION
}

/// Task 1.2: a < b with the function LT (1.0 or 0.0).
Scalar operator<(const Scalar& a, const Scalar& b) {
  // BEGIN SOLUTION 1.2
  return apply<sf::LT>(a, b);
  // END SOLUTION
}

/// Task 1.2: a > b, with no function of its own: b < a.
Scalar operator>(const Scalar& a, const Scalar& b) {
  // BEGIN SOLUTION 1.2
  return apply<sf::LT>(b, a);
  // END SOLUTION
}

/// Task 1.2: a == b with the function EQ (1.0 or 0.0).
Scalar operator==(const Scalar& a, const Scalar& b) {
  // BEGIN SOLUTION 1.2
  return apply<sf::EQ>(a, b);
  // END SOLUTION
}

/// Task 1.2: ln(x) with the function Log.
Scalar Scalar::log() const {
  // BEGIN SOLUTION 1.2
  return apply<sf::Log>(*this);
  // END SOLUTION
}

/// Task 1.2: e^x with the function Exp.
Scalar Scalar::exp() const {
  // BEGIN SOLUTION 1.2
  return apply<sf::Exp>(*this);
  // END SOLUTION
}

/// Task 1.2: sigmoid(x) with the function Sigmoid.
Scalar Scalar::sigmoid() const {
  // BEGIN SOLUTION 1.2
  return apply<sf::Sigmoid>(*this);
  // END SOLUTION
}

/// Task 1.2: relu(x) with the function ReLU.
Scalar Scalar::relu() const {
  // BEGIN SOLUTION 1.2
  return apply<sf::ReLU>(*this);
  // END SOLUTION
}

// Backpropagation for Scalars (Task 1.4, backpropagate.h), compiled here once.
template std::vector<Scalar> topological_sort<Scalar>(const Scalar& root);
template void backpropagate<Scalar>(const Scalar& root, double d_root);

}  // namespace minitorch
