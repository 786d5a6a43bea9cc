// module2/include/minitorch/indexing.h
//
// Tasks 2.1 and 2.2: the index arithmetic that every kernel runs once per
// element. index_to_position and to_index (Task 2.1, the layout of a tensor:
// tensor_data.h explains shapes and strides) and broadcast_index (Task 2.2,
// broadcasting: broadcast.h explains the rules).
//
// They are inline (and MT_HOST_DEVICE: a CUDA kernel calls them too), so that
// a kernel's loop pays no call per element. Only the kernels, tensor_data.cpp
// and the tests of these functions include this header: an edit here
// recompiles a handful of files, not the whole library.
#pragma once

#include <cstddef>
#include <span>

#include "minitorch/errors.h"  // MT_TODO
#include "minitorch/host_device.h"

namespace minitorch {

/// Task 2.1: the storage position of a multidimensional index.
///   position = index[0] * strides[0] + index[1] * strides[1] + ...
/// index: (dims) or a longer IndexBuffer (only its first dims entries are
/// read), strides: (dims). No checks here: this runs once per element.
MT_HOST_DEVICE inline int index_to_position(std::span<const int> index, std::span<const int> strides) {
  // BEGIN SOLUTION 2.1
  int position = 0;
  for (std::size_t i = 0; i < strides.size(); ++i) {
    position += index[i] * strides[i];
  }
  return position;
  // END SOLUTION
}

/// Task 2.1: the index of the `ordinal`-th element of `shape` when elements
/// are counted in row-major order (last dimension fastest), written into
/// out_index[0 .. dims). Enumerating ordinals 0 .. size-1 yields every index
/// exactly once:   shape (2, 3): 0 -> [0,0], 1 -> [0,1], 3 -> [1,0], 5 -> [1,2].
/// It is not the inverse of index_to_position (strides play no part here),
/// and it must not allocate: kernels call it once per element.
/// ordinal in [0, size), shape: (dims), out_index: (>= dims).
MT_HOST_DEVICE inline void to_index(int ordinal, std::span<const int> shape, std::span<int> out_index) {
  // BEGIN SOLUTION 2.1
  for (std::size_t i = shape.size(); i-- > 0;) {
    out_index[i] = ordinal % shape[i];
    ordinal /= shape[i];
  }
  // END SOLUTION
}

/// Task 2.2: the index into `shape` that the element at `big_index` of
/// `big_shape` reads, when a tensor of `shape` is broadcast to `big_shape`.
/// Align the shapes on the right; a dimension of `shape` of size 1 always
/// reads index 0, any other copies the matching entry of big_index; the
/// extra leading dimensions of big_shape are dropped.
///   big_index [4,3,0,1] of (5,5,4,4), shape (5,5,1,1) -> [4,3,0,0]
///   big_index [1,2,3] of (1,5,5),     shape (5,5)     -> [2,3]
/// big_index: (big dims), shape: (dims <= big dims), out_index: (>= dims).
/// No checks and no allocation: kernels call it once per element.
MT_HOST_DEVICE inline void broadcast_index(std::span<const int> big_index, std::span<const int> big_shape,
                                           std::span<const int> shape, std::span<int> out_index) {
  // BEGIN SOLUTION 2.2
  const std::size_t offset = big_shape.size() - shape.size();
  for (std::size_t i = 0; i < shape.size(); ++i) {
    out_index[i] = shape[i] == 1 ? 0 : big_index[i + offset];
  }
  // END SOLUTION
}

}  // namespace minitorch
