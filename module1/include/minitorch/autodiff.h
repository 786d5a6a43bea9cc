// module1/include/minitorch/autodiff.h
//
// Task 1.1: numerical derivatives (central differences).
// Task 1.4: backpropagation, written once for every kind of variable. Scalar
// (Module 1) and Tensor (Module 2 on) both satisfy `Variable` and share these
// two functions unchanged, as the original shares autodiff.py.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch {

namespace detail {
// The number a function returned: a double as it is, a Scalar's data().
template <typename T>
double numeric_value(const T& x) {
  if constexpr (std::is_arithmetic_v<T>) {
    return static_cast<double>(x);
  } else {
    return x.data();
  }
}
}  // namespace detail

/// Task 1.1: an approximation of the derivative of `f` with respect to its
/// argument number `arg` at the point `args`:
///
///   f'_arg(x_0, ..., x_n-1) ~ (f(..., x_arg + epsilon, ...) - f(..., x_arg - epsilon, ...)) / (2 epsilon)
///
/// `f` takes N arguments of type T (doubles, or Scalars: the derivative checks
/// pass Scalars) and returns a double or a Scalar (whose data() counts).
///   central_difference(operators::mul, {5.0, 10.0}, 1) ~ 5.0
///
/// Hints: copy `args` twice, move argument `arg` up by epsilon in one copy and
/// down in the other; call f on a std::array of arguments with std::apply;
/// detail::numeric_value turns what f returns into a double.
template <typename F, typename T, std::size_t N>
double central_difference(F&& f, const std::array<T, N>& args, std::size_t arg = 0, double epsilon = 1e-6) {
  if (arg >= N) {
    throw ValueError("central_difference: arg " + std::to_string(arg) + " is out of range for a function of " +
                     std::to_string(N) + " argument(s)");
  }
  // BEGIN SOLUTION 1.1
  std::array<T, N> up = args;
  std::array<T, N> down = args;
  up[arg] = up[arg] + epsilon;
  down[arg] = down[arg] - epsilon;
  const double f_up = detail::numeric_value(std::apply(f, up));
  const double f_down = detail::numeric_value(std::apply(f, down));
  return (f_up - f_down) / (2.0 * epsilon);
  // END SOLUTION
}

/// The same with the arguments written in braces: central_difference(f, {5.0, 10.0}, 1).
template <typename F, typename T, std::size_t N>
double central_difference(F&& f, const T (&args)[N], std::size_t arg = 0, double epsilon = 1e-6) {
  return central_difference(std::forward<F>(f), std::to_array(args), arg, epsilon);
}

/// What backpropagation needs from a variable V (a cheap-to-copy handle on a
/// node of the computation graph) with derivatives of type V::Derivative
/// (double for Scalar, Tensor for Tensor):
///   unique_id()              identifies the node (handles are not hashable)
///   is_leaf()                created by the user, not by a function
///   is_constant()            takes no part in differentiation (no history)
///   parents()                the inputs of the function that made it
///   chain_rule(d)            (input, d * local derivative) for each input
///   accumulate_derivative(d) adds d to a leaf's derivative
template <typename V>
concept Variable = std::copy_constructible<V> && requires(const V cv, V v, typename V::Derivative d) {
  { cv.unique_id() } -> std::convertible_to<std::uint64_t>;
  { cv.is_leaf() } -> std::convertible_to<bool>;
  { cv.is_constant() } -> std::convertible_to<bool>;
  { cv.parents() } -> std::convertible_to<std::vector<V>>;
  { cv.chain_rule(d) } -> std::convertible_to<std::vector<std::pair<V, typename V::Derivative>>>;
  v.accumulate_derivative(d);
};

/// The non-constant variables of the graph that ends at `root`, each before
/// every variable it was computed from: `root` first, leaves last.
///
/// Iterative depth-first search (post-order, then reversed), so a chain of a
/// million operations does not overflow the call stack.
template <Variable V>
std::vector<V> topological_sort(const V& root) {
  std::vector<V> order;
  // BEGIN SOLUTION 1.4
  std::unordered_set<std::uint64_t> visited;
  // (variable, expanded): an expanded entry is emitted once all its parents are.
  std::vector<std::pair<V, bool>> stack;
  stack.emplace_back(root, false);
  while (!stack.empty()) {
    auto [variable, expanded] = std::move(stack.back());
    stack.pop_back();
    if (expanded) {
      order.push_back(std::move(variable));
      continue;
    }
    if (variable.is_constant() || !visited.insert(variable.unique_id()).second) continue;
    stack.emplace_back(variable, true);
    if (variable.is_leaf()) continue;
    for (auto& parent : variable.parents()) {
      if (!parent.is_constant() && !visited.contains(parent.unique_id())) stack.emplace_back(std::move(parent), false);
    }
  }
  std::reverse(order.begin(), order.end());
  // END SOLUTION
  return order;
}

/// Runs backpropagation from `root`, whose derivative is `d_root`: every leaf
/// of the graph gets its derivative added with accumulate_derivative.
///
/// Visit the variables in topological order with a table unique_id ->
/// derivative so far. A leaf takes its final derivative; any other variable
/// passes its derivative through chain_rule and each input's share is added
/// (+=: a variable used twice gets both contributions) to the table. Only
/// leaves ever store a derivative; intermediate ones live in the table only.
template <Variable V>
void backpropagate(const V& root, typename V::Derivative d_root) {
  // BEGIN SOLUTION 1.4
  std::unordered_map<std::uint64_t, typename V::Derivative> derivatives;
  derivatives.emplace(root.unique_id(), std::move(d_root));
  for (auto& variable : topological_sort(root)) {
    const auto found = derivatives.find(variable.unique_id());
    if (found == derivatives.end()) continue;  // nothing flows into it
    auto d = std::move(found->second);
    derivatives.erase(found);
    if (variable.is_leaf()) {
      variable.accumulate_derivative(d);
      continue;
    }
    for (auto& [input, d_input] : variable.chain_rule(d)) {
      if (input.is_constant()) continue;
      const auto [slot, inserted] = derivatives.try_emplace(input.unique_id(), d_input);
      if (!inserted) slot->second = slot->second + d_input;
    }
  }
  // END SOLUTION
}

}  // namespace minitorch
