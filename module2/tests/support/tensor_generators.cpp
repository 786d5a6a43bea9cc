// module2/tests/support/tensor_generators.cpp
//
// The tensor generators of tensor_generators.h, compiled once (the
// minitorch_tensor_suite library) rather than in every test file that draws
// from them.
#include "support/tensor_generators.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace minitorch::testing {

rc::Gen<Shape> shapes() {
  return rc::gen::mapcat(rc::gen::inRange(1, 5), [](int dims) {
    return rc::gen::container<Shape>(static_cast<std::size_t>(dims), small_ints());
  });
}

rc::Gen<std::vector<int>> permutations(int n) {
  return rc::gen::map(rc::gen::container<std::vector<int>>(static_cast<std::size_t>(n), rc::gen::inRange(0, 100)),
                      [](const std::vector<int>& keys) {
                        std::vector<int> order(keys.size());
                        std::iota(order.begin(), order.end(), 0);
                        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys[a] < keys[b]; });
                        return order;
                      });
}

rc::Gen<Strides> layouts(const Shape& shape) {
  return rc::gen::map(permutations(static_cast<int>(shape.size())),
                      [shape](const std::vector<int>& order) { return permuted_strides(shape, order); });
}

rc::Gen<Strides> gapped_layouts(const Shape& shape) {
  return rc::gen::exec([shape] {
    const std::vector<int> order = *permutations(static_cast<int>(shape.size()));
    std::vector<int> pad(shape.size());
    for (int& p : pad) p = *rc::gen::inRange(0, 2);
    Strides strides = padded_strides(shape, order, pad);
    if (is_dense(shape, strides)) strides = padded_strides(shape, order, pad, 2);
    return strides;
  });
}

rc::Gen<Strides> output_layouts(const Shape& shape) {
  return rc::gen::mapcat(rc::gen::inRange(0, 2),
                         [shape](int kind) { return kind == 0 ? layouts(shape) : gapped_layouts(shape); });
}

rc::Gen<Strides> input_layouts(const Shape& shape) {
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

rc::Gen<TensorData> tensor_data_with(const Shape& shape, const Strides& strides, rc::Gen<double> numbers) {
  return rc::gen::map(
      rc::gen::container<std::vector<double>>(storage_size(shape, strides), numbers),
      [shape, strides](const std::vector<double>& values) { return TensorData(Storage(values), shape, strides); });
}

rc::Gen<TensorData> any_tensor_data(const Shape& shape, rc::Gen<double> numbers) {
  return rc::gen::mapcat(input_layouts(shape), [shape, numbers](const Strides& strides) {
    return tensor_data_with(shape, strides, numbers);
  });
}

rc::Gen<TensorData> tensor_data(const Shape& shape, rc::Gen<double> numbers) {
  return rc::gen::exec([shape, numbers] {
    const Strides strides = *layouts(shape);
    const auto values = *rc::gen::container<std::vector<double>>(static_cast<std::size_t>(shape_size(shape)), numbers);
    return TensorData(Storage(values), shape, strides);
  });
}

rc::Gen<TensorData> tensor_data(rc::Gen<double> numbers) {
  return rc::gen::mapcat(shapes(), [numbers](const Shape& shape) { return tensor_data(shape, numbers); });
}

rc::Gen<Tensor> tensors(rc::Gen<double> numbers, const TensorBackend& backend) {
  return rc::gen::map(tensor_data(numbers),
                      [&backend](const TensorData& data) { return Tensor(on_backend(data, backend), backend); });
}

rc::Gen<Tensor> tensors(const Shape& shape, rc::Gen<double> numbers, const TensorBackend& backend) {
  return rc::gen::map(tensor_data(shape, numbers),
                      [&backend](const TensorData& data) { return Tensor(on_backend(data, backend), backend); });
}

rc::Gen<std::vector<Tensor>> shaped_tensors(int n, rc::Gen<double> numbers, const TensorBackend& backend) {
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

rc::Gen<std::pair<Shape, Shape>> broadcastable_shapes() {
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

rc::Gen<std::pair<Tensor, Tensor>> broadcastable_tensors(rc::Gen<double> numbers, const TensorBackend& backend) {
  return rc::gen::exec([numbers, &backend] {
    const auto [a, b] = *broadcastable_shapes();
    return std::make_pair(*tensors(a, numbers, backend), *tensors(b, numbers, backend));
  });
}

rc::Gen<UserIndex> indices(const Shape& shape) {
  return rc::gen::exec([shape] {
    UserIndex index(shape.size());
    for (std::size_t i = 0; i < shape.size(); ++i) index[i] = *rc::gen::inRange(0, shape[i]);
    return index;
  });
}

}  // namespace minitorch::testing
