// module3/src/matmul.cpp
//
// The matrix product of tensors (given): shapes, batches of one, the MatMul
// function for autodiff, and the simple backend's triple loop.
#include "minitorch/matmul.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/indexing.h"

namespace minitorch {

// out[n, i, j] = sum_k a[n, i, k] * b[n, k, j], one element at a time. A
// batch of size 1 is broadcast: it is read at batch index 0.
void simple_matrix_multiply(OutView out, InView a, InView b) {
  IndexBuffer index{};
  IndexBuffer a_index{};
  IndexBuffer b_index{};
  const int depth = a.shape()[2];
  const int size = out.size();
  for (int i = 0; i < size; ++i) {
    to_index(i, out.shape(), index);
    a_index = {a.shape()[0] == 1 ? 0 : index[0], index[1], 0};
    b_index = {b.shape()[0] == 1 ? 0 : index[0], 0, index[2]};
    double sum = 0.0;
    for (int k = 0; k < depth; ++k) {
      a_index[2] = k;
      b_index[1] = k;
      sum += a.storage[index_to_position(a_index, a.strides())] * b.storage[index_to_position(b_index, b.strides())];
    }
    out.storage[index_to_position(index, out.strides())] = sum;
  }
}

Tensor matmul(const Tensor& a, const Tensor& b) { return apply<functions::MatMul>(a, b); }

namespace functions {

namespace {

// t with its last two dimensions swapped (same storage).
Tensor transpose(const Tensor& t) {
  std::vector<int> order(static_cast<std::size_t>(t.dims()));
  std::iota(order.begin(), order.end(), 0);
  std::swap(order[order.size() - 2], order.back());
  return Tensor(t.data().permute(order), t.backend());
}

// (I, K) seen as a batch of one, (1, I, K), over the same storage and
// strides (no copy); 3-D unchanged.
TensorData as_batch(const Tensor& t) {
  if (t.dims() == 3) return t.data();
  return TensorData(t.data().storage(), {1, t.shape()[0], t.shape()[1]}, {0, t.strides()[0], t.strides()[1]});
}

// a @ b with the backend's matrix_multiply (nothing recorded): 2-D inputs
// are batches of one, and the result is 2-D when both inputs are.
Tensor matmul_values(const Tensor& a, const Tensor& b) {
  const auto fail = [&](const std::string& why) {
    throw ShapeError("matmul: cannot multiply " + shape_to_string(a.shape()) + " by " + shape_to_string(b.shape()) +
                     ": " + why);
  };
  if (a.dims() < 2 || a.dims() > 3 || b.dims() < 2 || b.dims() > 3) fail("matmul takes 2-D or 3-D tensors");
  const int inner_a = a.shape().back(), inner_b = b.shape()[static_cast<std::size_t>(b.dims() - 2)];
  if (inner_a != inner_b) {
    fail("the inner dimensions differ (" + std::to_string(inner_a) + " and " + std::to_string(inner_b) + ")");
  }
  const TensorData a3 = as_batch(a), b3 = as_batch(b);
  if (a3.shape()[0] != b3.shape()[0] && a3.shape()[0] != 1 && b3.shape()[0] != 1) {
    fail("the batch sizes do not broadcast");
  }
  const int rows = a3.shape()[1], cols = b3.shape()[2];
  // matrix_multiply writes every element of out: no zero-fill first.
  TensorData out = a.backend().output({std::max(a3.shape()[0], b3.shape()[0]), rows, cols});
  a.backend().matrix_multiply(a3, b3, out);
  if (a.dims() == 2 && b.dims() == 2) out = TensorData(out.storage(), {rows, cols});
  return Tensor(std::move(out), a.backend());
}

}  // namespace

Tensor MatMul::forward(TensorContext& ctx, const Tensor& a, const Tensor& b) {
  ctx.save_for_backward(a, b);
  return matmul_values(a, b);
}

/// d(a @ b)/da = d_out @ b^T, d(a @ b)/db = a^T @ d_out. Where a batch was
/// broadcast (or a 2-D input promoted), the gradient comes back with the
/// batch of d_out and chain_rule sums it down to the input's shape.
std::array<Tensor, 2> MatMul::backward(const TensorContext& ctx, const Tensor& d_out) {
  const auto [a, b] = ctx.saved<2>();
  return {matmul_values(d_out, transpose(b)), matmul_values(transpose(a), d_out)};
}

}  // namespace functions
}  // namespace minitorch
