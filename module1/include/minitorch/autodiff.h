// module1/include/minitorch/autodiff.h
//
// Backpropagation, written once for every kind of variable: Scalar (Module 1)
// and Tensor (Module 2 on) both satisfy `Variable` and share
// topological_sort and backpropagate unchanged, as the original shares
// autodiff.py. This header holds the contract and the declarations; the
// bodies (Task 1.4) are in backpropagate.h, compiled once for Scalar
// (scalar.cpp) and once for Tensor (tensor.cpp), so that an edit to them
// recompiles two files. Task 1.1 (central differences) is in
// central_difference.h.
#pragma once

#include <concepts>
#include <cstdint>
#include <utility>
#include <vector>

namespace minitorch {

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
/// every variable it was computed from (Task 1.4, backpropagate.h).
template <Variable V>
std::vector<V> topological_sort(const V& root);

/// Backpropagation from `root` with derivative `d_root` into every leaf
/// (Task 1.4, backpropagate.h).
template <Variable V>
void backpropagate(const V& root, typename V::Derivative d_root);

}  // namespace minitorch
