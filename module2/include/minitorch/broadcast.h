// module2/include/minitorch/broadcast.h
//
// Task 2.2: broadcasting, NumPy's rules for combining tensors of different
// shapes. Broadcasting is about shapes only; strides play no part.
//
//   Rule 1: a dimension of size 1 pairs with a dimension of any size n, as if
//           it were copied n times.
//   Rule 2: extra dimensions of size 1 can be added to a shape ...
//   Rule 3: ... only on the left.
//
//   a:       (2, 3, 1)      align on the right,       (1, 2, 3, 1)
//   b:    (7, 2, 1, 5)      pad on the left with 1s:  (7, 2, 1, 5)
//   a + b:                                            (7, 2, 3, 5)
#pragma once

#include <cstddef>
#include <span>

#include "minitorch/errors.h"
#include "minitorch/host_device.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

/// Task 2.2: the shape that `a` and `b` both broadcast to.
///   (1,) with (5,5) -> (5,5)         (2,5) with (5,)   -> (2,5)
///   (5,1,5,1) with (1,5,1,5) -> (5,5,5,5)
///   (5,2) with (5,) -> ShapeError "cannot broadcast (5,2) with (5,)"
/// The error message names both shapes, in argument order.
Shape shape_broadcast(const Shape& a, const Shape& b);

// broadcast_index (Task 2.2) is in indexing.h, with the Task 2.1 index
// functions: the kernels and the files that test them include it.

/// True when a tensor of `shape` can be broadcast to exactly `big_shape`
/// (no allocation; the check behind every kernel call).
bool broadcasts_to(std::span<const int> shape, std::span<const int> big_shape);

}  // namespace minitorch
