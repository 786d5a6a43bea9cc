// module3/tests/support/matmul_checks.h
//
// The tensor-level matrix multiply checks of the original course (test_mm2,
// test_bmm) and odd sizes, for any backend: Task 3.2 runs them on the fast
// backend, Task 3.4 on the CUDA targets. Each is a RapidCheck property body
// (it draws with *gen and asserts with RC_ASSERT).
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <string>
#include <vector>

#include "minitorch/matmul.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/compare.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

namespace minitorch::testing {

/// A copy of t on the simple backend: element() reads host memory, and a
/// device backend's storage is not (a GPU's).
inline Tensor on_host(const Tensor& t) { return t.to(simple_backend()); }

// Every element of matmul(a, b) against sum_k a[.., i, k] * b[.., k, j]
// computed with plain loops over the elements (batches broadcast).
inline void check_against_loops(const Tensor& device_a, const Tensor& device_b) {
  const Tensor device_c = matmul(device_a, device_b);
  RC_ASSERT(&device_c.backend() == &device_a.backend());
  const Tensor a = on_host(device_a), b = on_host(device_b), c = on_host(device_c);
  const bool batched = a.dims() == 3 || b.dims() == 3;
  const int rows = a.shape()[static_cast<std::size_t>(a.dims() - 2)];
  const int depth = a.shape().back();
  const int cols = b.shape().back();
  const int batch = std::max(a.dims() == 3 ? a.shape()[0] : 1, b.dims() == 3 ? b.shape()[0] : 1);
  const Shape expected_shape = batched ? Shape{batch, rows, cols} : Shape{rows, cols};
  RC_ASSERT(c.shape() == expected_shape);
  const auto at = [](const Tensor& x, int n, int i, int j) {
    if (x.dims() == 2) return element(x, {i, j});
    return element(x, {x.shape()[0] == 1 ? 0 : n, i, j});
  };
  for (int n = 0; n < batch; ++n) {
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        double sum = 0.0;
        for (int k = 0; k < depth; ++k) sum += at(a, n, i, k) * at(b, n, k, j);
        const double got = batched ? element(c, {n, i, j}) : element(c, {i, j});
        MT_RC_ASSERT_ALLCLOSE(got, sum, 1e-9, 1e-9);
      }
    }
  }
}

// test_mm2: a (2, 3) @ b (3, 4) and random 2-D sizes, against the
// broadcast-and-sum product of Module 2 and plain loops; grad_check.
inline void mm2(const minitorch::TensorBackend& backend) {
  const int n = *rc::gen::inRange(1, 6), k = *rc::gen::inRange(1, 6), m = *rc::gen::inRange(1, 6);
  const Tensor a = *tensors({n, k}, small_floats(), backend);
  const Tensor b = *tensors({k, m}, small_floats(), backend);
  check_against_loops(a, b);
  const Tensor c = on_host(matmul(a, b));
  const Tensor c2 = on_host((a.contiguous().view({n, k, 1}) * b.contiguous().view({1, k, m})).sum(1).view({n, m}));
  for (const UserIndex& index : all_indices(c.shape())) MT_RC_ASSERT_CLOSE(element(c, index), element(c2, index));
  grad_check([](const Tensor& x, const Tensor& y) { return matmul(x, y); }, a, b);
}

// test_bmm: a (D, A, B) @ b (1, B, C), sizes 2 to 4, against broadcasting
// and sum; plus the other broadcasts, 2-D @ 3-D, and gradients through them.
inline void bmm(const minitorch::TensorBackend& backend) {
  const int A = *rc::gen::inRange(2, 5), B = *rc::gen::inRange(2, 5), C = *rc::gen::inRange(2, 5),
            D = *rc::gen::inRange(2, 5);
  const Tensor a = *tensors({D, A, B}, small_floats(), backend);
  const Tensor b = *tensors({1, B, C}, small_floats(), backend);
  const Tensor c = on_host(matmul(a, b));
  const Tensor c2 =
      on_host((a.contiguous().view({D, A, B, 1}) * b.contiguous().view({1, 1, B, C})).sum(2).view({D, A, C}));
  RC_ASSERT(c.shape() == (Shape{D, A, C}));
  for (const UserIndex& index : all_indices(c.shape())) MT_RC_ASSERT_CLOSE(element(c, index), element(c2, index));
  check_against_loops(a, b);
  check_against_loops(*tensors({1, A, B}, small_floats(), backend), *tensors({D, B, C}, small_floats(), backend));
  check_against_loops(*tensors({A, B}, small_floats(), backend), *tensors({D, B, C}, small_floats(), backend));
  check_against_loops(a, *tensors({B, C}, small_floats(), backend));
  const auto mm = [](const Tensor& x, const Tensor& y) { return matmul(x, y); };
  grad_check(mm, a, b);  // b's gradient is summed over the batch
  grad_check(mm, *tensors({A, B}, small_floats(), backend), *tensors({D, B, C}, small_floats(), backend));
}

// Odd sizes that are not multiples of the tile (6 x 8) or the blocks, as
// tensors, transposed inputs (the layouts backward passes), against loops.
inline void odd_sizes(const minitorch::TensorBackend& backend) {
  const int n = *rc::gen::element(1, 5, 7, 13, 33, 37, 65), k = *rc::gen::element(1, 2, 9, 17, 40),
            m = *rc::gen::element(1, 3, 8, 9, 31, 33);
  const Tensor a = *tensors({n, k}, small_floats(), backend);
  const Tensor bt = *tensors({m, k}, small_floats(), backend);
  check_against_loops(a, bt.permute({1, 0}));
  check_against_loops(a.permute({1, 0}).contiguous().permute({1, 0}), bt.permute({1, 0}));
}

}  // namespace minitorch::testing
