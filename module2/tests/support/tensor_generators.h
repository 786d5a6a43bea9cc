// module2/tests/support/tensor_generators.h
//
// The course's tensor strategies (tests/tensor_strategies.py) as RapidCheck
// generators: small shapes, tensors stored in a random *permuted* layout (so
// every kernel meets non-contiguous inputs), tensors sharing one layout, and
// broadcastable shape pairs built by construction. Layouts are computed here,
// not with the library's permute, so a bug in Task 2.1 does not hide in them.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <utility>
#include <vector>

#include "minitorch/tensor.h"
#include "minitorch/tensor_data.h"
#include "support/generators.h"

namespace minitorch::testing {

/// Shapes of 1 to 4 dimensions, each of size 1 to 3 (at most 81 elements).
rc::Gen<Shape> shapes();

/// A random permutation of 0 .. n-1 (shrinks towards the identity).
rc::Gen<std::vector<int>> permutations(int n);

/// The strides of `shape` when its dimensions are laid out in storage in the
/// order `order` (outermost first): contiguous for the identity, permuted
/// (non-contiguous) otherwise. Same as building a contiguous tensor of shape
/// shape[order] and permuting it back.
inline Strides permuted_strides(const Shape& shape, const std::vector<int>& order) {
  Strides strides(shape.size());
  int stride = 1;
  for (std::size_t i = order.size(); i-- > 0;) {
    strides[static_cast<std::size_t>(order[i])] = stride;
    stride *= shape[static_cast<std::size_t>(order[i])];
  }
  return strides;
}

/// A random permuted layout of `shape`.
rc::Gen<Strides> layouts(const Shape& shape);

/// The strides of `shape` with its dimensions laid out in storage in the
/// order `order` (outermost first), dimension d taking shape[d] + pad[d]
/// positions (pad > 0 leaves gaps), every stride times `spread`.
inline Strides padded_strides(const Shape& shape, const std::vector<int>& order, const std::vector<int>& pad,
                              int spread = 1) {
  Strides strides(shape.size());
  int stride = spread;
  for (std::size_t i = order.size(); i-- > 0;) {
    const auto d = static_cast<std::size_t>(order[i]);
    strides[d] = stride;
    stride *= shape[d] + pad[d];
  }
  return strides;
}

/// How many storage positions a layout reaches: 1 + sum (shape[i] - 1) * strides[i].
inline std::size_t storage_size(const Shape& shape, const Strides& strides) {
  std::size_t size = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    size += static_cast<std::size_t>(shape[i] - 1) * static_cast<std::size_t>(strides[i]);
  }
  return size;
}

/// A random permuted layout of `shape` with gaps: not dense as soon as the
/// shape has two elements (a kernel must not walk its storage from 0 to
/// size - 1), still non-overlapping, so it can be written (an output).
rc::Gen<Strides> gapped_layouts(const Shape& shape);

/// Layouts a kernel may write: permuted (dense) or gapped.
rc::Gen<Strides> output_layouts(const Shape& shape);

/// Layouts a kernel may read: permuted, gapped, or expanded (stride 0 along
/// some dimensions: one stored element read for many indices, as expand
/// and broadcasting make). Shrinks towards permuted.
rc::Gen<Strides> input_layouts(const Shape& shape);

/// TensorData of `shape` and `strides` over a storage of exactly the
/// positions the layout reaches, values from `numbers`.
rc::Gen<TensorData> tensor_data_with(const Shape& shape, const Strides& strides, rc::Gen<double> numbers);

/// TensorData of `shape` in any input layout (input_layouts).
rc::Gen<TensorData> any_tensor_data(const Shape& shape, rc::Gen<double> numbers = small_floats());

/// TensorData of `shape` with values from `numbers`, stored in a random permuted layout.
rc::Gen<TensorData> tensor_data(const Shape& shape, rc::Gen<double> numbers = small_floats());

/// TensorData of a random shape (tensor_data() in the original).
rc::Gen<TensorData> tensor_data(rc::Gen<double> numbers = small_floats());

/// `host` (its storage, gaps included, and its layout as they are) copied into
/// the memory of `backend`: a device backend's kernels read device memory only.
inline TensorData on_backend(const TensorData& host, const TensorBackend& backend) {
  const std::size_t n = host.storage().size();
  Storage storage = backend.memory.allocate(n);
  backend.memory.from_host(storage.data(), host.storage().data(), n);
  return TensorData(storage, host.shape(), host.strides());
}

/// Constant tensors of a random shape in a random permuted layout, values in
/// [-100, 100], computing with `backend` (Module 3 runs the suite on "fast").
rc::Gen<Tensor> tensors(rc::Gen<double> numbers = small_floats(), const TensorBackend& backend = simple_backend());

rc::Gen<Tensor> tensors(const Shape& shape, rc::Gen<double> numbers = small_floats(),
                        const TensorBackend& backend = simple_backend());

/// n tensors with the same shape and the same (permuted) strides.
rc::Gen<std::vector<Tensor>> shaped_tensors(int n, rc::Gen<double> numbers = small_floats(),
                                            const TensorBackend& backend = simple_backend());

/// Two shapes that broadcast together, built by construction: from one full
/// shape, each drops some leading dimensions and turns some sizes into 1.
rc::Gen<std::pair<Shape, Shape>> broadcastable_shapes();

/// Two tensors of broadcastable shapes, each in a random permuted layout.
rc::Gen<std::pair<Tensor, Tensor>> broadcastable_tensors(rc::Gen<double> numbers = small_floats(),
                                                         const TensorBackend& backend = simple_backend());

/// A random valid index of `shape`.
rc::Gen<UserIndex> indices(const Shape& shape);

// ------------------------------------------------------------- independent helpers

/// Every index of `shape` in row-major order (an odometer, independent of to_index).
inline std::vector<UserIndex> all_indices(const Shape& shape) {
  std::vector<UserIndex> out;
  UserIndex index(shape.size(), 0);
  for (;;) {
    out.push_back(index);
    int d = static_cast<int>(shape.size()) - 1;
    while (d >= 0 && ++index[static_cast<std::size_t>(d)] == shape[static_cast<std::size_t>(d)]) {
      index[static_cast<std::size_t>(d)] = 0;
      --d;
    }
    if (d < 0) return out;
  }
}

/// The element of `data` at `index`, read with the strides directly
/// (independent of index_to_position).
inline double element(const TensorData& data, const UserIndex& index) {
  std::size_t position = 0;
  for (std::size_t i = 0; i < index.size(); ++i) {
    position += static_cast<std::size_t>(index[i]) * static_cast<std::size_t>(data.strides()[i]);
  }
  return data.storage()[position];
}
inline double element(const Tensor& t, const UserIndex& index) { return element(t.data(), index); }

/// The broadcast shape of a and b, computed independently of shape_broadcast.
inline Shape broadcast_shape(const Shape& a, const Shape& b) {
  const std::size_t n = std::max(a.size(), b.size());
  Shape out(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    const int da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int db = i < b.size() ? b[b.size() - 1 - i] : 1;
    out[n - 1 - i] = std::max(da, db);
  }
  return out;
}

/// The index of a tensor of `shape` that `big_index` reads when broadcast
/// (independent of broadcast_index).
inline UserIndex small_index(const UserIndex& big_index, const Shape& shape) {
  UserIndex out(shape.size());
  const std::size_t offset = big_index.size() - shape.size();
  for (std::size_t i = 0; i < shape.size(); ++i) out[i] = shape[i] == 1 ? 0 : big_index[i + offset];
  return out;
}

/// Calls visit(big_index, a_value, b_value) for every element of the
/// broadcast of a and b.
template <typename Visit>
void for_each_broadcast_pair(const Tensor& a, const Tensor& b, Visit&& visit) {
  for (const UserIndex& index : all_indices(broadcast_shape(a.shape(), b.shape()))) {
    visit(index, element(a, small_index(index, a.shape())), element(b, small_index(index, b.shape())));
  }
}

}  // namespace minitorch::testing
