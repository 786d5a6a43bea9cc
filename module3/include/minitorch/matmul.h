// module3/include/minitorch/matmul.h
//
// The matrix product of tensors (given, as in the original course): part of
// Module 3, whose Task 3.2 writes the fast kernel behind it. Module 2 has no
// matrix product on purpose: Task 2.5's Linear layer is written with
// broadcasting and sum, as the course asks.
//
//   matmul(x, w)     (N, I) @ (I, J) -> (N, J), or batched (see below)
#pragma once

#include <array>
#include <string_view>

#include "minitorch/tensor.h"
#include "minitorch/tensor_data.h"
#include "minitorch/tensor_functions.h"

namespace minitorch {

/// Matrix product, Python's a @ b: (I, K) @ (K, J) -> (I, J); with a batch
/// dimension, (N, I, K) @ (N or 1, K, J) -> (N, I, J) (a batch of 1 and a
/// 2-D input broadcast). Runs on the backend's matrix_multiply (simple: a
/// triple loop; fast: Task 3.2; cuda: Task 3.4) and records MatMul for
/// backward. ShapeError naming both shapes when they do not fit.
Tensor matmul(const Tensor& a, const Tensor& b);

/// The simple backend's matrix multiply: a plain triple loop, one element
/// at a time (the reference the fast and CUDA kernels are checked against).
/// out: (N, I, J), a: (N or 1, I, K), b: (N or 1, K, J), any strides.
void simple_matrix_multiply(OutView out, InView a, InView b);

namespace functions {

// out = a @ b: a (N or 1, I, K) or (I, K), b (N or 1, K, J) or (K, J) ->
// (N, I, J), or (I, J) when both are 2-D; backward d_out @ b^T and a^T @ d_out
struct MatMul {
  static constexpr std::string_view name = "MatMul";
  static Tensor forward(TensorContext& ctx, const Tensor& a, const Tensor& b);
  static std::array<Tensor, 2> backward(const TensorContext& ctx, const Tensor& d_out);
};

}  // namespace functions
}  // namespace minitorch
