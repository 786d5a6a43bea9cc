// module2/src/tensor_ops.cpp
#include "minitorch/tensor_ops.h"

#include <algorithm>
#include <string>

#include "minitorch/tensor.h"

namespace minitorch {

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
  kernel_(a, out);
}

Tensor MapOp::operator()(const Tensor& a) const {
  TensorData out = a.backend().zeros(a.shape());
  (*this)(a.data(), out);
  return Tensor(std::move(out), a.backend());
}

void ZipOp::operator()(const TensorData& a, const TensorData& b, TensorData& out) const {
  require_kernel(static_cast<bool>(kernel_), "zip");
  if (!broadcasts_to(a.shape(), out.shape()) || !broadcasts_to(b.shape(), out.shape())) {
    throw ShapeError("zip: cannot broadcast " + shape_to_string(a.shape()) + " and " + shape_to_string(b.shape()) +
                     " to " + shape_to_string(out.shape()));
  }
  kernel_(a, b, out);
}

Tensor ZipOp::operator()(const Tensor& a, const Tensor& b) const {
  const Shape shape = a.shape() == b.shape() ? a.shape() : shape_broadcast(a.shape(), b.shape());
  TensorData out = a.backend().zeros(shape);
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
  kernel_(a, dim, out);
}

Tensor ReduceOp::operator()(const Tensor& a, int dim) const {
  if (dim < 0 || dim >= a.dims()) {
    throw IndexingError("reduce: dimension " + std::to_string(dim) + " of a tensor of shape " +
                        shape_to_string(a.shape()) + " (dimensions 0 to " + std::to_string(a.dims() - 1) + ")");
  }
  Shape shape = a.shape();
  shape[static_cast<std::size_t>(dim)] = 1;
  TensorData out = a.backend().zeros(shape);
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
  require_kernel(static_cast<bool>(kernel_), "matrix_multiply");
  check_matmul_shapes(a, b, out);
  kernel_(a, b, out);
}

TensorData TensorBackend::zeros(const Shape& shape) const {
  if (!allocate) throw Error("backend '" + name + "' has no allocator");
  return TensorData(allocate(static_cast<std::size_t>(checked_size(shape))), shape);
}

void fill(TensorData& out, double value) {
  IndexBuffer index{};
  double* data = out.data();
  for (int i = 0; i < out.size(); ++i) {
    to_index(i, out.shape(), index);
    data[index_to_position(index, out.strides())] = value;
  }
}

// out[n, i, j] = sum_k a[n, i, k] * b[n, k, j], one element at a time (a
// plain triple loop, for reference and debugging; Module 3 writes the fast
// one). A batch of size 1 is broadcast: it is read at batch index 0.
MatMulOp SimpleOps::matrix_multiply() {
  return MatMulOp([](const TensorData& a, const TensorData& b, TensorData& out) {
    IndexBuffer index{};
    IndexBuffer a_index{};
    IndexBuffer b_index{};
    const int depth = a.shape()[2];
    for (int i = 0; i < out.size(); ++i) {
      to_index(i, out.shape(), index);
      a_index = {a.shape()[0] == 1 ? 0 : index[0], index[1], 0};
      b_index = {b.shape()[0] == 1 ? 0 : index[0], 0, index[2]};
      double sum = 0.0;
      for (int k = 0; k < depth; ++k) {
        a_index[2] = k;
        b_index[1] = k;
        sum += a.data()[index_to_position(a_index, a.strides())] * b.data()[index_to_position(b_index, b.strides())];
      }
      out.data()[index_to_position(index, out.strides())] = sum;
    }
  });
}

namespace {

std::vector<const TensorBackend*>& registry() {
  static std::vector<const TensorBackend*> backends{&simple_backend()};
  return backends;
}

}  // namespace

const TensorBackend& simple_backend() {
  static const TensorBackend backend = make_backend<SimpleOps>("simple");
  return backend;
}

void register_backend(const TensorBackend& backend) {
  for (const TensorBackend*& known : registry()) {
    if (known->name == backend.name) {
      known = &backend;
      return;
    }
  }
  registry().push_back(&backend);
}

const TensorBackend& backend_by_name(std::string_view name) {
  for (const TensorBackend* known : registry()) {
    if (known->name == name) return *known;
  }
  std::string names;
  for (const TensorBackend* known : registry()) names += (names.empty() ? "" : ", ") + known->name;
  throw ValueError("unknown backend '" + std::string(name) + "' (available: " + names + ")");
}

std::vector<std::string> backend_names() {
  std::vector<std::string> names;
  for (const TensorBackend* known : registry()) names.push_back(known->name);
  return names;
}

}  // namespace minitorch
