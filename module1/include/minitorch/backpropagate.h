// module1/include/minitorch/backpropagate.h
//
// Task 1.4: backpropagation, written once for every kind of variable (the
// `Variable` contract is in autodiff.h). Only scalar.cpp and tensor.cpp
// include this file, each compiling the two functions for its own variable
// type (an explicit instantiation at its end): an edit here recompiles those
// two files, not every file that uses a Scalar or a Tensor.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "minitorch/autodiff.h"

namespace minitorch {

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
