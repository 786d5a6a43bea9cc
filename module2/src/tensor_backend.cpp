// module2/src/tensor_backend.cpp
//
// What every backend shares: shape checks before a kernel runs, results
// allocated on the right backend, memory access through the backend, and
// finding a backend of this build by name. Which backends the build has is
// composed by its highest module (moduleN/src/backends.cpp: backends()).
#include "minitorch/tensor_backend.h"

#include <algorithm>
#include <string>

#include "minitorch/broadcast.h"
#include "minitorch/tensor.h"

namespace minitorch {

std::string_view device_name(Device device) {
  switch (device) {
    case Device::cpu:
      return "cpu";
    case Device::cuda:
      return "cuda";
  }
  return "unknown";
}

std::string_view op_name(OptionalOp op) {
  switch (op) {
    case OptionalOp::matrix_multiply:
      return "matrix_multiply";
    case OptionalOp::conv1d:
      return "conv1d";
    case OptionalOp::conv2d:
      return "conv2d";
  }
  return "unknown";
}

namespace {

void require_kernel(bool present, const char* what) {
  if (!present) throw Error(std::string("this backend provides no ") + what + " operation");
}

}  // namespace

void MapOp::operator()(const TensorData& a, TensorData& out) const {
  require_kernel(static_cast<bool>(kernel_), "map");
  if (!broadcasts_to(a.shape(), out.shape())) {
    throw ShapeError("map: cannot broadcast " + shape_to_string(a.shape()) + " to " + shape_to_string(out.shape()));
  }
  kernel_(out.out_view(), a.in_view());
}

Tensor MapOp::operator()(const Tensor& a) const {
  TensorData out = a.backend().output(a.shape());
  (*this)(a.data(), out);
  return Tensor(std::move(out), a.backend());
}

void ZipOp::operator()(const TensorData& a, const TensorData& b, TensorData& out) const {
  require_kernel(static_cast<bool>(kernel_), "zip");
  if (!broadcasts_to(a.shape(), out.shape()) || !broadcasts_to(b.shape(), out.shape())) {
    throw ShapeError("zip: cannot broadcast " + shape_to_string(a.shape()) + " and " + shape_to_string(b.shape()) +
                     " to " + shape_to_string(out.shape()));
  }
  kernel_(out.out_view(), a.in_view(), b.in_view());
}

Tensor ZipOp::operator()(const Tensor& a, const Tensor& b) const {
  TensorData out = a.backend().output(a.shape() == b.shape() ? a.shape() : shape_broadcast(a.shape(), b.shape()));
  (*this)(a.data(), b.data(), out);
  return Tensor(std::move(out), a.backend());
}

void ReduceOp::operator()(const TensorData& a, int dim, TensorData& out) const {
  require_kernel(static_cast<bool>(kernel_), "reduce");
  if (dim < 0 || dim >= a.dims()) {
    throw IndexingError("reduce: dimension " + std::to_string(dim) + " of a tensor of shape " +
                        shape_to_string(a.shape()) + " (dimensions 0 to " + std::to_string(a.dims() - 1) + ")");
  }
  Shape expected = a.shape();
  expected[static_cast<std::size_t>(dim)] = 1;
  if (out.shape() != expected) {
    throw ShapeError("reduce: the output of reducing dimension " + std::to_string(dim) + " of " +
                     shape_to_string(a.shape()) + " has shape " + shape_to_string(expected) + ", not " +
                     shape_to_string(out.shape()));
  }
  kernel_(out.out_view(), a.in_view(), dim);
}

Tensor ReduceOp::operator()(const Tensor& a, int dim) const {
  if (dim < 0 || dim >= a.dims()) {
    throw IndexingError("reduce: dimension " + std::to_string(dim) + " of a tensor of shape " +
                        shape_to_string(a.shape()) + " (dimensions 0 to " + std::to_string(a.dims() - 1) + ")");
  }
  Shape shape = a.shape();
  shape[static_cast<std::size_t>(dim)] = 1;
  TensorData out = a.backend().output(shape);  // the kernel fills it with its start value first
  (*this)(a.data(), dim, out);
  return Tensor(std::move(out), a.backend());
}

namespace {

// a (N or 1, I, K) and b (N or 1, K, J) multiply into out (max N, I, J), or a
// ShapeError naming both shapes.
void check_matmul_shapes(const TensorData& a, const TensorData& b, const TensorData& out) {
  const auto fail = [&](const std::string& why) {
    throw ShapeError("matrix_multiply: cannot multiply " + shape_to_string(a.shape()) + " by " +
                     shape_to_string(b.shape()) + ": " + why);
  };
  if (a.dims() != 3 || b.dims() != 3) fail("the kernels take 3-D tensors (batch, rows, columns)");
  const Shape& as = a.shape();
  const Shape& bs = b.shape();
  if (as[2] != bs[1]) {
    fail("the inner dimensions differ (" + std::to_string(as[2]) + " and " + std::to_string(bs[1]) + ")");
  }
  if (as[0] != bs[0] && as[0] != 1 && bs[0] != 1) fail("the batch sizes do not broadcast");
  const Shape expected{std::max(as[0], bs[0]), as[1], bs[2]};
  if (out.shape() != expected) {
    fail("the output has shape " + shape_to_string(out.shape()) + ", expected " + shape_to_string(expected));
  }
}

}  // namespace

void MatMulOp::operator()(const TensorData& a, const TensorData& b, TensorData& out) const {
  if (!kernel_) {
    throw Error("backend '" + backend_ + "' does not support matrix_multiply (Module 3 writes it)");
  }
  check_matmul_shapes(a, b, out);
  kernel_(out.out_view(), a.in_view(), b.in_view());
}

void ConvOp::operator()(const TensorData& input, const TensorData& weight, bool reverse, TensorData& out) const {
  require_kernel(static_cast<bool>(kernel_), "convolution");
  kernel_(out.out_view(), input.in_view(), weight.in_view(), reverse);
}

// ------------------------------------------------------------- the table

bool TensorBackend::supports(OptionalOp op) const {
  switch (op) {
    case OptionalOp::matrix_multiply:
      return static_cast<bool>(matrix_multiply);
    case OptionalOp::conv1d:
      return static_cast<bool>(conv1d);
    case OptionalOp::conv2d:
      return static_cast<bool>(conv2d);
  }
  return false;
}

void TensorBackend::require(OptionalOp op) const {
  if (!supports(op)) {
    throw Error("backend '" + name + "' does not support " + std::string(op_name(op)) + " (supported by: " + [op] {
      std::string names;
      for (const TensorBackend* b : backends()) {
        if (b->supports(op)) names += (names.empty() ? "" : ", ") + b->name;
      }
      return names.empty() ? std::string("no backend of this build") : names;
    }() + ")");
  }
}

// ------------------------------------------------------------- memory

TensorData TensorBackend::zeros(const Shape& shape) const {
  if (!memory.allocate) throw Error("backend '" + name + "' has no allocator");
  return TensorData(memory.allocate(static_cast<std::size_t>(checked_size(shape))), shape);
}

TensorData TensorBackend::output(Shape shape) const {
  if (!memory.allocate_output) return zeros(std::move(shape));
  const auto size = static_cast<std::size_t>(checked_size(shape));
  return TensorData(memory.allocate_output(size), std::move(shape));
}

void TensorBackend::fill(TensorData& out, double value) const { memory.fill(out.out_view(), value); }

TensorData TensorBackend::from_host(const std::vector<double>& values, const Shape& shape) const {
  TensorData out = zeros(shape);
  if (values.size() != static_cast<std::size_t>(out.size())) {
    throw ValueError(std::to_string(values.size()) + " values cannot fill shape " + shape_to_string(shape) + " (" +
                     std::to_string(out.size()) + " elements)");
  }
  memory.from_host(out.data(), values.data(), values.size());
  return out;
}

std::vector<double> TensorBackend::to_host(const TensorData& t) const {
  std::vector<double> values(static_cast<std::size_t>(t.size()));
  if (t.is_contiguous()) {
    memory.to_host(values.data(), t.data(), values.size());
    return values;
  }
  TensorData dense = zeros(t.shape());  // a contiguous copy on this backend first
  id_map(t, dense);
  memory.to_host(values.data(), dense.data(), values.size());
  return values;
}

double TensorBackend::get(const TensorData& t, const UserIndex& index) const {
  const int position = t.index(index);
  double value = 0.0;
  memory.to_host(&value, t.data() + position, 1);
  return value;
}

void TensorBackend::set(TensorData& t, const UserIndex& index, double value) const {
  const int position = t.index(index);
  memory.from_host(t.data() + position, &value, 1);
}

// ------------------------------------------------------------- the backends of this build

const TensorBackend& backend_by_name(std::string_view name) {
  const std::vector<const TensorBackend*> known = backends();
  for (const TensorBackend* backend : known) {
    if (backend->name == name) return *backend;
  }
  const std::string unavailable = backend_unavailable_reason(name);
  if (!unavailable.empty()) throw Error(unavailable);
  throw ValueError("unknown backend '" + std::string(name) + "' (this build has: " + [&known] {
    std::string names;
    for (const TensorBackend* backend : known) names += (names.empty() ? "" : ", ") + backend->name;
    return names;
  }() + ")");
}

std::vector<std::string> backend_names() {
  std::vector<std::string> names;
  for (const TensorBackend* backend : backends()) names.push_back(backend->name);
  return names;
}

}  // namespace minitorch
