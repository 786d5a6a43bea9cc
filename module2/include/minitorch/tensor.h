// module2/include/minitorch/tensor.h
//
// Task 2.3 (user API): Tensor, the n-dimensional array with autodiff.
//
// A Tensor is a cheap handle (copying it shares, as Python references do) on
// a node of the computation graph:
//
//   Tensor ──> TensorNode { TensorData data     storage + shape + strides
//                           backend             table of operations to use
//                           history             function + saved values + inputs
//                           requires_grad, grad, id, name }
//
//   constant  no history, requires_grad false: numbers, data, detach()
//   leaf      no history, requires_grad true:  parameters (requires_grad_(true))
//   computed  history: made by a function from inputs, at least one of which
//             requires grad (otherwise the result is a constant too)
//
// Backpropagation is Module 1's generic backpropagate(): Tensor satisfies
// the Variable concept with Derivative = Tensor. backward() frees the graph it
// went through (like PyTorch without retain_graph): the tensors computed on the
// way keep their values but cannot be backpropagated through again.
//
// Numbers combine with tensors as shape-(1,) constants that broadcast:
// `2.0 * t`, `t + 1.0`, `1.0 / t`. Comparisons return tensors of 1.0 / 0.0.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minitorch/autodiff.h"
#include "minitorch/random.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

class Tensor;

/// How a computed tensor was made: the function (with what its forward saved
/// for backward) and the tensors it was applied to.
class TensorHistory {
 public:
  explicit TensorHistory(std::vector<Tensor> inputs);
  TensorHistory(const TensorHistory&) = delete;
  TensorHistory& operator=(const TensorHistory&) = delete;
  virtual ~TensorHistory();

  /// "Mul", "Sum", ...: the function, for error messages and pictures.
  virtual std::string_view function_name() const = 0;
  /// d_output times the function's local derivative: one tensor per input,
  /// in input order (the function's backward).
  virtual std::vector<Tensor> backward(const Tensor& d_output) const = 0;

  const std::vector<Tensor>& inputs() const { return inputs_; }
  /// Moves the inputs out (freeing a graph without recursion).
  std::vector<Tensor> take_inputs() { return std::move(inputs_); }

 private:
  std::vector<Tensor> inputs_;
};

namespace detail {
struct TensorNode;
struct TensorAccess;
}  // namespace detail

class Tensor {
 public:
  using Derivative = Tensor;

  /// A constant tensor over `data` that computes with `backend`.
  explicit Tensor(TensorData data, const TensorBackend& backend = simple_backend());

  // ------------------------------------------------------------- layout
  const Shape& shape() const;
  const Strides& strides() const;
  int dims() const;
  int size() const;
  const TensorData& data() const;
  const TensorBackend& backend() const;
  bool is_contiguous() const;

  // ------------------------------------------------------------- elements
  /// The element at `index`, e.g. t({1, 2}). IndexingError on a bad index.
  double operator()(const UserIndex& index) const;
  /// Writes one element (in place, shared with every view, not recorded).
  void set(const UserIndex& index, double value) const;
  /// The value of a one-element tensor (ValueError otherwise).
  double item() const;
  /// Every element in row-major index order.
  std::vector<double> to_vector() const;

  // ------------------------------------------------------------- math (recorded for autodiff)
  Tensor sigmoid() const;
  Tensor relu() const;
  Tensor log() const;
  Tensor exp() const;
  /// Sum over dimension `dim`, kept with size 1: (3,2).sum(0) -> (1,2).
  Tensor sum(int dim) const;
  /// Sum of every element: shape (1,).
  Tensor sum() const;
  Tensor mean(int dim) const;
  Tensor mean() const;
  /// The product along `dim`: 1.0 where all are 1.0, for tensors of 1.0 / 0.0
  /// such as comparisons (not differentiable).
  Tensor all(int dim) const;
  Tensor all() const;
  /// 1.0 where |a - b| < 1e-2 (not differentiable).
  Tensor is_close(const Tensor& other) const;
  /// Dimension i of the result is dimension order[i] of this: t.permute({1, 0}).
  Tensor permute(const std::vector<int>& order) const;
  /// The same storage with another shape of the same size; needs a contiguous
  /// tensor (ValueError: call contiguous() first): t.view({2, 3}).
  Tensor view(const Shape& shape) const;
  /// This tensor if it is contiguous, otherwise a contiguous copy.
  Tensor contiguous() const;

  // ------------------------------------------------------------- gradient helpers (not recorded)
  /// Task 2.4: `grad` brought to this tensor's shape: broadcast up if it is
  /// smaller, summed down over the broadcast dimensions if it is bigger.
  Tensor expand(const Tensor& grad) const;
  /// Task 2.4: the sum of this tensor down to `shape`, which must broadcast to
  /// this tensor's shape: (4, 2, 3).sum_to((2, 1)) sums dims 0 and 2.
  Tensor sum_to(const Shape& shape) const;

  // ------------------------------------------------------------- autodiff
  std::uint64_t unique_id() const;
  bool is_leaf() const;
  bool is_constant() const;
  bool requires_grad() const;
  /// Makes this constant a leaf that collects gradients (or a leaf a
  /// constant again). A computed tensor always requires grad.
  void requires_grad_(bool flag = true) const;
  /// The inputs of the function that made this tensor.
  std::vector<Tensor> parents() const;
  /// (input, gradient for it) for every non-constant input: the function's
  /// backward, each gradient brought to its input's shape with expand(). A
  /// gradient that cannot be is an Error naming the function.
  std::vector<std::pair<Tensor, Tensor>> chain_rule(const Tensor& d_output) const;
  /// Adds `d` to the gradient of this leaf.
  void accumulate_derivative(const Tensor& d) const;
  /// The gradient collected by backward(), if any.
  std::optional<Tensor> grad() const;
  void zero_grad_() const;
  /// The same data as a constant: no history, no gradient.
  Tensor detach() const;
  /// Backpropagation from a one-element tensor (d = 1).
  void backward() const;
  /// Backpropagation with d = grad_output (same shape as this tensor). Frees
  /// the graph afterwards unless retain_graph.
  void backward(const Tensor& grad_output, bool retain_graph = false) const;
  /// The history of a computed tensor, nullptr otherwise.
  const TensorHistory* history() const;

  /// The name given with set_name (parameters get theirs), else the unique id
  /// as text; a one-element constant's value ("5").
  std::string name() const;
  void set_name(std::string name) const;
  /// The function that computed this tensor ("Mul"); "" for a leaf or a constant.
  std::string_view function_name() const;

  /// A copy on another backend.
  Tensor to(const TensorBackend& backend) const;
  /// The numbers in the original's nested-bracket format (TensorData::to_string).
  std::string to_string() const;

 private:
  void release_graph() const;

  std::shared_ptr<detail::TensorNode> node_;

  friend struct detail::TensorNode;
  friend struct detail::TensorAccess;
};

namespace detail {
/// A node of the computation graph (see the top of this file).
struct TensorNode {
  TensorNode(TensorData tensor_data, const TensorBackend* tensor_backend);
  TensorNode(const TensorNode&) = delete;
  TensorNode& operator=(const TensorNode&) = delete;
  /// Frees the graph below iteratively: a chain of a million operations does
  /// not overflow the stack.
  ~TensorNode();

  TensorData data;
  const TensorBackend* backend;
  std::unique_ptr<TensorHistory> history;
  std::optional<Tensor> grad;
  std::uint64_t id;
  std::string name;
  bool requires_grad = false;
  bool released = false;  // computed, and its graph was freed by backward()
};

/// How many graph nodes exist right now (tests check that graphs are freed).
std::size_t live_tensor_nodes();

/// What apply<F> needs to record a function in the graph.
struct TensorAccess {
  /// True when t is the only handle on its node (nothing else can see it).
  static bool only_handle(const Tensor& t) { return t.node_.use_count() == 1; }
  static void set_history(const Tensor& t, std::unique_ptr<TensorHistory> history) {
    t.node_->history = std::move(history);
    t.node_->requires_grad = true;
  }
};
}  // namespace detail

static_assert(Variable<Tensor>);

// ------------------------------------------------------------- operators

Tensor operator-(const Tensor& a);
Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
/// 1.0 where a < b, else 0.0 (broadcasting).
Tensor operator<(const Tensor& a, const Tensor& b);
Tensor operator>(const Tensor& a, const Tensor& b);
/// 1.0 where a == b exactly, else 0.0 (a Tensor, not a bool).
Tensor operator==(const Tensor& a, const Tensor& b);

Tensor operator+(const Tensor& a, double b);
Tensor operator+(double a, const Tensor& b);
Tensor operator-(const Tensor& a, double b);
Tensor operator-(double a, const Tensor& b);
Tensor operator*(const Tensor& a, double b);
Tensor operator*(double a, const Tensor& b);
Tensor operator/(const Tensor& a, double b);
Tensor operator/(double a, const Tensor& b);
Tensor operator<(const Tensor& a, double b);
Tensor operator<(double a, const Tensor& b);
Tensor operator>(const Tensor& a, double b);
Tensor operator>(double a, const Tensor& b);
Tensor operator==(const Tensor& a, double b);
Tensor operator==(double a, const Tensor& b);

/// PyTorch's format: tensor([[1.0000, 2.0000],
///                           [3.0000, 4.0000]], grad_fn=<Mul>)
std::ostream& operator<<(std::ostream& os, const Tensor& t);

// ------------------------------------------------------------- construction

/// A shape-(1,) constant holding `value` (how numbers enter tensor math).
Tensor constant(double value, const TensorBackend& backend = simple_backend());
/// A constant of `shape` holding `values` in row-major order.
Tensor tensor(const std::vector<double>& values, const Shape& shape, const TensorBackend& backend = simple_backend());
/// Nested lists of numbers, {1, 2} or {{1, 2}, {3, 4}} or deeper: what
/// tensor() builds from. (One type for every depth, so {{5}, {10}} is a list
/// of lists, never a list of numbers.)
class NestedList {
 public:
  NestedList(double value) : value_(value), is_number_(true) {}  // NOLINT(google-explicit-constructor)
  NestedList(std::initializer_list<NestedList> items) : items_(items) {}

  bool is_number() const { return is_number_; }
  double value() const { return value_; }
  const std::vector<NestedList>& items() const { return items_; }

 private:
  double value_ = 0.0;
  bool is_number_ = false;
  std::vector<NestedList> items_;
};

/// From nested lists: tensor({1, 2, 3}) has shape (3,), tensor({{1, 2}, {3, 4}})
/// shape (2,2), tensor({{5}, {10}}) shape (2,1). Ragged lists are a ValueError.
Tensor tensor(const NestedList& values, const TensorBackend& backend = simple_backend());
Tensor zeros(const Shape& shape, const TensorBackend& backend = simple_backend());
Tensor ones(const Shape& shape, const TensorBackend& backend = simple_backend());
Tensor full(const Shape& shape, double value, const TensorBackend& backend = simple_backend());
/// Uniform in [0, 1) from `rng` (row-major order).
Tensor rand(const Shape& shape, Random& rng, const TensorBackend& backend = simple_backend());
Tensor rand(const Shape& shape, std::uint64_t seed, const TensorBackend& backend = simple_backend());

// Backpropagation over Tensors is compiled once, in tensor.cpp (backpropagate.h).
extern template std::vector<Tensor> topological_sort<Tensor>(const Tensor& root);
extern template void backpropagate<Tensor>(const Tensor& root, Tensor d_root);

}  // namespace minitorch
