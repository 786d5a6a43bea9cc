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
inline rc::Gen<Shape> shapes() {
  return rc::gen::mapcat(rc::gen::inRange(1, 5), [](int dims) {
    return rc::gen::container<Shape>(static_cast<std::size_t>(dims), small_ints());
  });
}

/// A random permutation of 0 .. n-1 (shrinks towards the identity).
inline rc::Gen<std::vector<int>> permutations(int n) {
  return rc::gen::map(rc::gen::container<std::vector<int>>(static_cast<std::size_t>(n), rc::gen::inRange(0, 100)),
                      [](const std::vector<int>& keys) {
                        std::vector<int> order(keys.size());
                        std::iota(order.begin(), order.end(), 0);
                        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys[a] < keys[b]; });
                        return order;
                      });
}

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
inline rc::Gen<Strides> layouts(const Shape& shape) {
  return rc::gen::map(permutations(static_cast<int>(shape.size())),
                      [shape](const std::vector<int>& order) { return permuted_strides(shape, order); });
}

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
inline rc::Gen<Strides> gapped_layouts(const Shape& shape) {
  return rc::gen::exec([shape] {
    const std::vector<int> order = *permutations(static_cast<int>(shape.size()));
    std::vector<int> pad(shape.size());
    for (int& p : pad) p = *rc::gen::inRange(0, 2);
    Strides strides = padded_strides(shape, order, pad);
    if (is_dense(shape, strides)) strides = padded_strides(shape, order, pad, 2);
    return strides;
  });
}

/// Layouts a kernel may write: permuted (dense) or gapped.
inline rc::Gen<Strides> output_layouts(const Shape& shape) {
  return rc::gen::mapcat(rc::gen::inRange(0, 2),
                         [shape](int kind) { return kind == 0 ? layouts(shape) : gapped_layouts(shape); });
}

/// Layouts a kernel may read: permuted, gapped, or expanded (stride 0 along
/// some dimensions: one stored element read for many indices, as expand
/// and broadcasting make). Shrinks towards permuted.
inline rc::Gen<Strides> input_layouts(const Shape& shape) {
  return rc::gen::mapcat(rc::gen::inRange(0, 3), [shape](int kind) {
    if (kind < 2) return kind == 0 ? layouts(shape) : gapped_layouts(shape);
    return rc::gen::map(
        rc::gen::pair(layouts(shape), rc::gen::container<std::vector<bool>>(shape.size(), rc::gen::arbitrary<bool>())),
        [](const std::pair<Strides, std::vector<bool>>& drawn) {
          Strides strides = drawn.first;
          for (std::size_t i = 0; i < strides.size(); ++i) {
            if (drawn.second[i]) strides[i] = 0;
          }
          return strides;
        });
  });
}

/// TensorData of `shape` and `strides` over a storage of exactly the
/// positions the layout reaches, values from `numbers`.
inline rc::Gen<TensorData> tensor_data_with(const Shape& shape, const Strides& strides, rc::Gen<double> numbers) {
  return rc::gen::map(
      rc::gen::container<std::vector<double>>(storage_size(shape, strides), numbers),
      [shape, strides](const std::vector<double>& values) { return TensorData(Storage(values), shape, strides); });
}

/// TensorData of `shape` in any input layout (input_layouts).
inline rc::Gen<TensorData> any_tensor_data(const Shape& shape, rc::Gen<double> numbers = small_floats()) {
  return rc::gen::mapcat(input_layouts(shape), [shape, numbers](const Strides& strides) {
    return tensor_data_with(shape, strides, numbers);
  });
}

/// TensorData of `shape` with values from `numbers`, stored in a random permuted layout.
inline rc::Gen<TensorData> tensor_data(const Shape& shape, rc::Gen<double> numbers = small_floats()) {
  return rc::gen::exec([shape, numbers] {
    const Strides strides = *layouts(shape);
    const auto values = *rc::gen::container<std::vector<double>>(static_cast<std::size_t>(shape_size(shape)), numbers);
    return TensorData(Storage(values), shape, strides);
  });
}

/// TensorData of a random shape (tensor_data() in the original).
inline rc::Gen<TensorData> tensor_data(rc::Gen<double> numbers = small_floats()) {
  return rc::gen::mapcat(shapes(), [numbers](const Shape& shape) { return tensor_data(shape, numbers); });
}

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
inline rc::Gen<Tensor> tensors(rc::Gen<double> numbers = small_floats(),
                               const TensorBackend& backend = simple_backend()) {
  return rc::gen::map(tensor_data(numbers),
                      [&backend](const TensorData& data) { return Tensor(on_backend(data, backend), backend); });
}

inline rc::Gen<Tensor> tensors(const Shape& shape, rc::Gen<double> numbers = small_floats(),
                               const TensorBackend& backend = simple_backend()) {
  return rc::gen::map(tensor_data(shape, numbers),
                      [&backend](const TensorData& data) { return Tensor(on_backend(data, backend), backend); });
}

/// n tensors with the same shape and the same (permuted) strides.
inline rc::Gen<std::vector<Tensor>> shaped_tensors(int n, rc::Gen<double> numbers = small_floats(),
                                                   const TensorBackend& backend = simple_backend()) {
  return rc::gen::exec([n, numbers, &backend] {
    const Shape shape = *shapes();
    const Strides strides = *layouts(shape);
    std::vector<Tensor> out;
    for (int i = 0; i < n; ++i) {
      const auto values =
          *rc::gen::container<std::vector<double>>(static_cast<std::size_t>(shape_size(shape)), numbers);
      out.emplace_back(on_backend(TensorData(Storage(values), shape, strides), backend), backend);
    }
    return out;
  });
}

/// Two shapes that broadcast together, built by construction: from one full
/// shape, each drops some leading dimensions and turns some sizes into 1.
inline rc::Gen<std::pair<Shape, Shape>> broadcastable_shapes() {
  return rc::gen::exec([] {
    const Shape full = *shapes();
    const auto derive = [&full] {
      const int drop = *rc::gen::inRange(0, static_cast<int>(full.size()));
      Shape shape(full.begin() + drop, full.end());
      for (int& size : shape) {
        if (*rc::gen::inRange(0, 3) == 0) size = 1;
      }
      return shape;
    };
    Shape a = derive();
    Shape b = derive();
    return std::make_pair(a, b);
  });
}

/// Two tensors of broadcastable shapes, each in a random permuted layout.
inline rc::Gen<std::pair<Tensor, Tensor>> broadcastable_tensors(rc::Gen<double> numbers = small_floats(),
                                                                const TensorBackend& backend = simple_backend()) {
  return rc::gen::exec([numbers, &backend] {
    const auto [a, b] = *broadcastable_shapes();
    return std::make_pair(*tensors(a, numbers, backend), *tensors(b, numbers, backend));
  });
}

/// A random valid index of `shape`.
inline rc::Gen<UserIndex> indices(const Shape& shape) {
  return rc::gen::exec([shape] {
    UserIndex index(shape.size());
    for (std::size_t i = 0; i < shape.size(); ++i) index[i] = *rc::gen::inRange(0, shape[i]);
    return index;
  });
}

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
