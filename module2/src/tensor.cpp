// module2/src/tensor.cpp
#include "minitorch/tensor.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "minitorch/backpropagate.h"
#include "minitorch/broadcast.h"
#include "minitorch/tensor_functions.h"

namespace minitorch {

// ------------------------------------------------------------- graph nodes

TensorHistory::TensorHistory(std::vector<Tensor> inputs) : inputs_(std::move(inputs)) {}
TensorHistory::~TensorHistory() = default;

namespace detail {

namespace {
std::uint64_t next_id() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}
std::atomic<std::size_t> live_nodes{0};
}  // namespace

std::size_t live_tensor_nodes() { return live_nodes.load(); }

TensorNode::TensorNode(TensorData tensor_data, const TensorBackend* tensor_backend)
    : data(std::move(tensor_data)), backend(tensor_backend), id(next_id()) {
  ++live_nodes;
}

TensorNode::~TensorNode() {
  --live_nodes;
  if (!history) return;
  // Take the inputs of every node that dies with this one, instead of letting
  // each destructor destroy its inputs recursively.
  std::vector<std::shared_ptr<TensorNode>> pending;
  const auto take = [&pending](std::unique_ptr<TensorHistory>& h) {
    for (Tensor& input : h->take_inputs()) pending.push_back(std::move(input.node_));
    h.reset();
  };
  take(history);
  while (!pending.empty()) {
    std::shared_ptr<TensorNode> node = std::move(pending.back());
    pending.pop_back();
    if (node.use_count() == 1 && node->history) take(node->history);
  }  // `node` dies here, with no history left to recurse into
}

}  // namespace detail

// ------------------------------------------------------------- layout and elements

Tensor::Tensor(TensorData data, const TensorBackend& backend)
    : node_(std::make_shared<detail::TensorNode>(std::move(data), &backend)) {}

const Shape& Tensor::shape() const { return node_->data.shape(); }
const Strides& Tensor::strides() const { return node_->data.strides(); }
int Tensor::dims() const { return node_->data.dims(); }
int Tensor::size() const { return node_->data.size(); }
const TensorData& Tensor::data() const { return node_->data; }
const TensorBackend& Tensor::backend() const { return *node_->backend; }
bool Tensor::is_contiguous() const { return node_->data.is_contiguous(); }

double Tensor::operator()(const UserIndex& index) const { return backend().get(node_->data, index); }

void Tensor::set(const UserIndex& index, double value) const { backend().set(node_->data, index, value); }

double Tensor::item() const {
  if (size() != 1) {
    throw ValueError("item() needs a tensor with one element, not shape " + shape_to_string(shape()));
  }
  return backend().get(node_->data, UserIndex(shape().size(), 0));
}

std::vector<double> Tensor::to_vector() const { return backend().to_host(node_->data); }

// ------------------------------------------------------------- math

namespace {

void check_dim(const Tensor& t, int dim, const char* what) {
  if (dim < 0 || dim >= t.dims()) {
    throw IndexingError(std::string(what) + "(" + std::to_string(dim) + ") of a tensor of shape " +
                        shape_to_string(t.shape()) + ": dimensions are 0 to " + std::to_string(t.dims() - 1));
  }
}

}  // namespace

/// Task 2.3: sigmoid of every element (function Sigmoid).
Tensor Tensor::sigmoid() const {
  // BEGIN SOLUTION 2.3
  return apply<functions::Sigmoid>(*this);
  // END SOLUTION
}

/// Task 2.3: relu of every element (function ReLU).
Tensor Tensor::relu() const {
  // BEGIN SOLUTION 2.3
  return apply<functions::ReLU>(*this);
  // END SOLUTION
}

/// Task 2.3: natural log of every element (function Log).
Tensor Tensor::log() const {
  // BEGIN SOLUTION 2.3
  return apply<functions::Log>(*this);
  // END SOLUTION
}

/// Task 2.3: e to the power of every element (function Exp).
Tensor Tensor::exp() const {
  // BEGIN SOLUTION 2.3
  return apply<functions::Exp>(*this);
  // END SOLUTION
}

/// Task 2.3: the sum along dim, kept with size 1 (function Sum): (3,2).sum(0) -> (1,2).
Tensor Tensor::sum(int dim) const {
  check_dim(*this, dim, "sum");
  // BEGIN SOLUTION 2.3
  return apply<functions::Sum>(*this, dim);
  // END SOLUTION
}

/// Task 2.3: the sum of every element, shape (1,): the tensor seen as 1-D (it must
/// be contiguous for view), summed along dimension 0.
Tensor Tensor::sum() const {
  // BEGIN SOLUTION 2.3
  return contiguous().view({size()}).sum(0);
  // END SOLUTION
}

/// Task 2.3: the mean along dim: the sum divided by the size of that dimension.
Tensor Tensor::mean(int dim) const {
  check_dim(*this, dim, "mean");
  // BEGIN SOLUTION 2.3
  return sum(dim) / static_cast<double>(shape()[static_cast<std::size_t>(dim)]);
  // END SOLUTION
}

/// Task 2.3: the mean of every element, shape (1,).
Tensor Tensor::mean() const {
  // BEGIN SOLUTION 2.3
  return sum() / static_cast<double>(size());
  // END SOLUTION
}

Tensor Tensor::all(int dim) const {
  check_dim(*this, dim, "all");
  return apply<functions::All>(*this, dim);
}

Tensor Tensor::all() const { return apply<functions::All>(contiguous().view({size()}), 0); }

/// Task 2.3: 1.0 where |this - other| < 1e-2, else 0.0 (function IsClose).
Tensor Tensor::is_close(const Tensor& other) const {
  // BEGIN SOLUTION 2.3
  return apply<functions::IsClose>(*this, other);
  // END SOLUTION
}

/// Task 2.3: dimensions reordered, same storage (function Permute).
Tensor Tensor::permute(const std::vector<int>& order) const {
  // BEGIN SOLUTION 2.3
  return apply<functions::Permute>(*this, order);
  // END SOLUTION
}

/// Task 2.3: the same storage seen with `shape` (function View).
Tensor Tensor::view(const Shape& shape) const {
  // BEGIN SOLUTION 2.3
  return apply<functions::View>(*this, shape);
  // END SOLUTION
}

Tensor Tensor::contiguous() const { return is_contiguous() ? *this : apply<functions::Copy>(*this); }

// ------------------------------------------------------------- gradient helpers

/// Task 2.4: `grad` with this tensor's shape. Same shape: grad itself. Otherwise
/// copy grad out to shape_broadcast(shape(), grad.shape()) when it is smaller
/// (backend().id_map broadcasts into a buffer), then sum_to(shape()).
Tensor Tensor::expand(const Tensor& grad) const {
  // BEGIN SOLUTION 2.4
  if (grad.shape() == shape()) return grad;
  const Shape full_shape = shape_broadcast(shape(), grad.shape());
  Tensor full = grad;
  if (full_shape != grad.shape()) {
    // The gradient is smaller than the input: copy it out to the full shape.
    TensorData buffer = backend().output(full_shape);  // id_map writes every element
    backend().id_map(grad.data(), buffer);
    full = Tensor(std::move(buffer), backend());
  }
  return full.sum_to(shape());
  // END SOLUTION
}

/// Task 2.4: sums this tensor over the dimensions `target` lacks: left-pad target
/// with 1s, add_reduce every dimension where it has 1 and this tensor does not,
/// and return a tensor of exactly `target` (not recorded: work on detach()).
Tensor Tensor::sum_to(const Shape& target) const {
  if (!broadcasts_to(target, shape())) {
    throw ShapeError("sum_to: cannot sum a tensor of shape " + shape_to_string(shape()) + " down to " +
                     shape_to_string(target) + " (that shape does not broadcast to it)");
  }
  // BEGIN SOLUTION 2.4
  const int offset = dims() - static_cast<int>(target.size());
  Tensor out = detach();
  for (int dim = 0; dim < dims(); ++dim) {
    const int target_size = dim < offset ? 1 : target[static_cast<std::size_t>(dim - offset)];
    if (target_size == 1 && shape()[static_cast<std::size_t>(dim)] != 1) out = backend().add_reduce(out, dim);
  }
  // `out` has the target shape with 1s added on the left: drop them.
  return Tensor(TensorData(out.contiguous().data().storage(), target), backend());
  // END SOLUTION
}

// ------------------------------------------------------------- autodiff

std::uint64_t Tensor::unique_id() const { return node_->id; }

bool Tensor::is_leaf() const { return node_->requires_grad && !node_->history && !node_->released; }

bool Tensor::is_constant() const { return !node_->requires_grad; }

bool Tensor::requires_grad() const { return node_->requires_grad; }

void Tensor::requires_grad_(bool flag) const {
  if (node_->history) {
    if (!flag) throw ValueError("requires_grad_(false) on a computed tensor: use detach() for a constant copy");
    return;
  }
  node_->requires_grad = flag;
  node_->released = false;
}

std::vector<Tensor> Tensor::parents() const {
  return node_->history ? node_->history->inputs() : std::vector<Tensor>{};
}

namespace {

[[noreturn]] void throw_freed_graph() {
  throw Error(
      "backward through a graph that an earlier backward() freed: compute the tensor again, or pass "
      "retain_graph = true to the first backward(grad, true)");
}

}  // namespace

std::vector<std::pair<Tensor, Tensor>> Tensor::chain_rule(const Tensor& d_output) const {
  const TensorHistory* history = node_->history.get();
  if (history == nullptr) {
    if (node_->released) throw_freed_graph();
    throw Error("chain_rule on a tensor that no function computed (shape " + shape_to_string(shape()) + ")");
  }
  std::vector<Tensor> grads = history->backward(d_output);
  const std::vector<Tensor>& inputs = history->inputs();
  std::vector<std::pair<Tensor, Tensor>> out;
  out.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& input = inputs[i];
    if (input.is_constant()) continue;
    // What went wrong, named only when something did.
    const auto where = [&] {
      return std::string(history->function_name()) + ".backward: the gradient for input " + std::to_string(i) +
             " (shape " + shape_to_string(input.shape()) + ") has shape " + shape_to_string(grads[i].shape());
    };
    std::optional<Tensor> grad;
    try {
      grad = input.expand(grads[i]);
    } catch (const ShapeError& e) {
      throw Error(where() + ", which cannot be brought to the input's shape (" + e.what() + ")");
    }
    if (grad->shape() != input.shape()) {
      throw Error(where() + "; brought to the input's shape it still has shape " + shape_to_string(grad->shape()));
    }
    out.emplace_back(input, std::move(*grad));
  }
  return out;
}

void Tensor::accumulate_derivative(const Tensor& d) const {
  if (!is_leaf()) throw Error("accumulate_derivative: only leaves collect gradients");
  if (d.shape() != shape()) {
    throw Error("accumulate_derivative: a gradient of shape " + shape_to_string(d.shape()) + " for a leaf of shape " +
                shape_to_string(shape()));
  }
  // A copy: backward may hand the same tensor to several leaves.
  node_->grad = node_->grad ? *node_->grad + d : d.backend().id_map(d);
}

std::optional<Tensor> Tensor::grad() const { return node_->grad; }

void Tensor::zero_grad_() const { node_->grad.reset(); }

Tensor Tensor::detach() const { return Tensor(node_->data, *node_->backend); }

void Tensor::backward() const {
  if (size() != 1) {
    throw ValueError("backward() without a gradient needs a one-element tensor, not shape " + shape_to_string(shape()) +
                     ": pass backward(grad_output)");
  }
  backward(ones(shape(), backend()));
}

void Tensor::backward(const Tensor& grad_output, bool retain_graph) const {
  if (node_->released) throw_freed_graph();
  if (is_constant()) {
    throw ValueError(
        "backward() on a constant: no tensor it was computed from requires grad (call requires_grad_() on the "
        "inputs first)");
  }
  if (grad_output.shape() != shape()) {
    throw ShapeError("backward: grad_output has shape " + shape_to_string(grad_output.shape()) +
                     " but the tensor has shape " + shape_to_string(shape()));
  }
  backpropagate(*this, grad_output.detach());
  if (!retain_graph) release_graph();
}

void Tensor::release_graph() const {
  std::vector<std::shared_ptr<detail::TensorNode>> pending{node_};
  while (!pending.empty()) {
    std::shared_ptr<detail::TensorNode> node = std::move(pending.back());
    pending.pop_back();
    if (!node->history) continue;
    for (Tensor& input : node->history->take_inputs()) pending.push_back(std::move(input.node_));
    node->history.reset();
    node->released = true;
  }
}

const TensorHistory* Tensor::history() const { return node_->history.get(); }

std::string Tensor::name() const {
  if (!node_->name.empty()) return node_->name;
  if (is_constant() && size() == 1) {
    std::ostringstream out;
    out << item();
    return out.str();
  }
  return std::to_string(node_->id);
}

std::string_view Tensor::function_name() const {
  return node_->history ? node_->history->function_name() : std::string_view{};
}

void Tensor::set_name(std::string name) const { node_->name = std::move(name); }

Tensor Tensor::to(const TensorBackend& backend) const { return tensor(to_vector(), shape(), backend); }

std::string Tensor::to_string() const { return TensorData(to_vector(), shape()).to_string(); }

// ------------------------------------------------------------- operators

/// Task 2.3: -a (function Neg).
Tensor operator-(const Tensor& a) {
  // BEGIN SOLUTION 2.3
  return apply<functions::Neg>(a);
  // END SOLUTION
}

/// Task 2.3: a + b with broadcasting (function Add).
Tensor operator+(const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return apply<functions::Add>(a, b);
  // END SOLUTION
}

/// Task 2.3: a - b, which is Add(a, Neg(b)).
Tensor operator-(const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return apply<functions::Add>(a, -b);
  // END SOLUTION
}

/// Task 2.3: a * b with broadcasting (function Mul).
Tensor operator*(const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return apply<functions::Mul>(a, b);
  // END SOLUTION
}

Tensor operator/(const Tensor& a, const Tensor& b) { return apply<functions::Mul>(a, apply<functions::Inv>(b)); }

/// Task 2.3: 1.0 where a < b, else 0.0 (function LT).
Tensor operator<(const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return apply<functions::LT>(a, b);
  // END SOLUTION
}

/// Task 2.3: 1.0 where a > b, else 0.0: LT with the arguments swapped.
Tensor operator>(const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return apply<functions::LT>(b, a);
  // END SOLUTION
}

/// Task 2.3: 1.0 where a == b, else 0.0 (function EQ).
Tensor operator==(const Tensor& a, const Tensor& b) {
  // BEGIN SOLUTION 2.3
  return apply<functions::EQ>(a, b);
  // END SOLUTION
}

Tensor operator+(const Tensor& a, double b) { return a + constant(b, a.backend()); }
Tensor operator+(double a, const Tensor& b) { return constant(a, b.backend()) + b; }
Tensor operator-(const Tensor& a, double b) { return a - constant(b, a.backend()); }
Tensor operator-(double a, const Tensor& b) { return constant(a, b.backend()) - b; }
Tensor operator*(const Tensor& a, double b) { return a * constant(b, a.backend()); }
Tensor operator*(double a, const Tensor& b) { return constant(a, b.backend()) * b; }
Tensor operator/(const Tensor& a, double b) { return a / constant(b, a.backend()); }
Tensor operator/(double a, const Tensor& b) { return constant(a, b.backend()) / b; }
Tensor operator<(const Tensor& a, double b) { return a < constant(b, a.backend()); }
Tensor operator<(double a, const Tensor& b) { return constant(a, b.backend()) < b; }
Tensor operator>(const Tensor& a, double b) { return a > constant(b, a.backend()); }
Tensor operator>(double a, const Tensor& b) { return constant(a, b.backend()) > b; }
Tensor operator==(const Tensor& a, double b) { return a == constant(b, a.backend()); }
Tensor operator==(double a, const Tensor& b) { return constant(a, b.backend()) == b; }

// ------------------------------------------------------------- printing

namespace {

// PyTorch shows at most 3 + 3 entries per dimension of a tensor above 1000 elements.
constexpr int kSummaryThreshold = 1000;
constexpr int kEdgeItems = 3;

class Printer {
 public:
  explicit Printer(const Tensor& t) : host_(t.to_vector(), t.shape()), index_(t.shape().size(), 0) {
    const bool summarize = t.size() > kSummaryThreshold;
    for (int size : t.shape()) {
      std::vector<int> shown;
      if (summarize && size > 2 * kEdgeItems) {
        for (int i = 0; i < kEdgeItems; ++i) shown.push_back(i);
        shown.push_back(-1);  // "..."
        for (int i = size - kEdgeItems; i < size; ++i) shown.push_back(i);
      } else {
        for (int i = 0; i < size; ++i) shown.push_back(i);
      }
      shown_.push_back(std::move(shown));
    }
    choose_format();
  }

  std::string render() { return render(0); }

 private:
  template <typename Visit>
  void for_each_shown(std::size_t dim, Visit&& visit) {
    for (int i : shown_[dim]) {
      if (i < 0) continue;
      index_[dim] = i;
      if (dim + 1 == shown_.size()) {
        visit(host_.get(index_));
      } else {
        for_each_shown(dim + 1, visit);
      }
    }
  }

  void choose_format() {
    double max_abs = 0.0, min_abs = 0.0;
    bool any = false;
    for_each_shown(0, [&](double v) {
      if (!std::isfinite(v) || v == 0.0) return;
      const double a = std::fabs(v);
      max_abs = std::max(max_abs, a);
      min_abs = any ? std::min(min_abs, a) : a;
      any = true;
    });
    scientific_ = any && (max_abs >= 1e8 || min_abs < 1e-4);
    for_each_shown(0, [&](double v) { width_ = std::max(width_, format(v).size()); });
  }

  std::string format(double v) const {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char text[64];
    std::snprintf(text, sizeof text, scientific_ ? "%.4e" : "%.4f", v);
    return text;
  }

  std::string render(std::size_t dim) {
    const bool last = dim + 1 == shown_.size();
    std::string s = "[";
    bool first = true;
    for (int i : shown_[dim]) {
      if (!first) s += last ? ", " : "," + std::string(shown_.size() - dim - 1, '\n') + std::string(8 + dim, ' ');
      first = false;
      if (i < 0) {
        s += "...";
        continue;
      }
      index_[dim] = i;
      if (last) {
        const std::string number = format(host_.get(index_));
        s += std::string(width_ - number.size(), ' ') + number;
      } else {
        s += render(dim + 1);
      }
    }
    return s + "]";
  }

  TensorData host_;  // a host copy: one transfer from the backend's memory
  UserIndex index_;
  std::vector<std::vector<int>> shown_;
  bool scientific_ = false;
  std::size_t width_ = 0;
};

}  // namespace

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  os << "tensor(" << Printer(t).render();
  if (t.backend().name != "simple") os << ", backend='" << t.backend().name << "'";
  if (const TensorHistory* h = t.history()) {
    os << ", grad_fn=<" << h->function_name() << "Backward>";
  } else if (t.is_leaf()) {
    os << ", requires_grad=True";
  }
  return os << ")";
}

// ------------------------------------------------------------- construction

// Filled in the backend's memory, not copied there: `x * 2.0` on a device
// backend costs no host-to-device copy.
Tensor constant(double value, const TensorBackend& backend) { return full({1}, value, backend); }

Tensor tensor(const std::vector<double>& values, const Shape& shape, const TensorBackend& backend) {
  return Tensor(backend.from_host(values, shape), backend);
}

namespace {

// Flattens nested lists, checking that every list at one depth has the same
// length and that numbers sit at one depth only.
void flatten(const NestedList& list, std::size_t depth, Shape& shape, std::vector<double>& values) {
  const auto ragged = [&](const std::string& what) {
    throw ValueError("tensor(): ragged nested lists: " + what + " at depth " + std::to_string(depth));
  };
  if (list.is_number()) {
    if (shape.size() != depth) ragged("a number where a list was expected");
    values.push_back(list.value());
    return;
  }
  const int n = static_cast<int>(list.items().size());
  if (n == 0) ragged("an empty list");
  if (values.empty() && shape.size() == depth) {
    shape.push_back(n);  // the first list at this depth sets its size
  } else if (shape.size() <= depth || shape[depth] != n) {
    ragged("a list of " + std::to_string(n));
  }
  for (const NestedList& item : list.items()) flatten(item, depth + 1, shape, values);
}

}  // namespace

Tensor tensor(const NestedList& values, const TensorBackend& backend) {
  if (values.is_number()) throw ValueError("tensor(): give a list of numbers, e.g. tensor({2.0}), not a number");
  Shape shape;
  std::vector<double> flat;
  flatten(values, 0, shape, flat);
  return tensor(flat, shape, backend);
}

Tensor zeros(const Shape& shape, const TensorBackend& backend) { return Tensor(backend.zeros(shape), backend); }

Tensor ones(const Shape& shape, const TensorBackend& backend) { return full(shape, 1.0, backend); }

Tensor full(const Shape& shape, double value, const TensorBackend& backend) {
  TensorData data = backend.zeros(shape);
  backend.fill(data, value);
  return Tensor(std::move(data), backend);
}

Tensor rand(const Shape& shape, Random& rng, const TensorBackend& backend) {
  std::vector<double> values(static_cast<std::size_t>(checked_size(shape)));
  for (double& v : values) v = rng.uniform();
  return Tensor(backend.from_host(values, shape), backend);
}

Tensor rand(const Shape& shape, std::uint64_t seed, const TensorBackend& backend) {
  Random rng(seed);
  return rand(shape, rng, backend);
}

namespace detail {
void throw_backend_mismatch(std::string_view function, const Tensor& a, const Tensor& b) {
  throw ValueError(std::string(function) + ": cannot combine a tensor on backend '" + a.backend().name +
                   "' with one on backend '" + b.backend().name + "' (move one with .to(backend))");
}
}  // namespace detail

// Backpropagation for Tensors (Task 1.4, backpropagate.h), compiled here once.
template std::vector<Tensor> topological_sort<Tensor>(const Tensor& root);
template void backpropagate<Tensor>(const Tensor& root, Tensor d_root);

}  // namespace minitorch
