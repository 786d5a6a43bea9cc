// module2/src/tensor_data.cpp
#include "minitorch/tensor_data.h"

#include "minitorch/indexing.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>

namespace minitorch {

std::string shape_to_string(std::span<const int> values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(values[i]);
  }
  return out + (values.size() == 1 ? ",)" : ")");
}

Strides strides_from_shape(std::span<const int> shape) {
  Strides strides(shape.size(), 1);
  int stride = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

Layout make_layout(std::span<const int> shape, std::span<const int> strides) {
  if (shape.empty() || shape.size() > static_cast<std::size_t>(MAX_DIMS) || strides.size() != shape.size()) {
    throw IndexingError("shape " + shape_to_string(shape) + " with strides " + shape_to_string(strides) +
                        ": a kernel layout has 1 to " + std::to_string(MAX_DIMS) +
                        " dimensions and one stride per dimension");
  }
  Layout layout;
  layout.dims = static_cast<int>(shape.size());
  std::copy(shape.begin(), shape.end(), layout.shape_buffer.begin());
  std::copy(strides.begin(), strides.end(), layout.strides_buffer.begin());
  return layout;
}

Storage::Storage(std::size_t n) : data_(new double[n]()), size_(n) {}

Storage::Storage(const std::vector<double>& values) : Storage(values.size()) {
  std::copy(values.begin(), values.end(), data_.get());
}

int checked_size(const Shape& shape) {
  if (shape.empty() || static_cast<int>(shape.size()) > MAX_DIMS) {
    throw IndexingError("shape " + shape_to_string(shape) + " has " + std::to_string(shape.size()) +
                        " dimensions: tensors have 1 to " + std::to_string(MAX_DIMS) + " (MAX_DIMS)");
  }
  long long size = 1;
  for (int s : shape) {
    if (s < 1) throw IndexingError("shape " + shape_to_string(shape) + " has a size below 1");
    size *= s;
    if (size > std::numeric_limits<int>::max()) {
      throw IndexingError("shape " + shape_to_string(shape) + " has too many elements");
    }
  }
  return static_cast<int>(size);
}

namespace {

struct Dim {
  int size;
  int stride;
};

// The dimensions of size > 1, sorted by stride (innermost first); `count` of them.
int sorted_dims(std::span<const int> shape, std::span<const int> strides, std::array<Dim, MAX_DIMS>& dims) {
  int count = 0;
  for (std::size_t i = 0; i < shape.size() && i < dims.size(); ++i) {
    if (shape[i] == 1) continue;
    Dim d{shape[i], strides[i]};
    int j = count++;
    for (; j > 0 && dims[static_cast<std::size_t>(j - 1)].stride > d.stride; --j) {
      dims[static_cast<std::size_t>(j)] = dims[static_cast<std::size_t>(j - 1)];
    }
    dims[static_cast<std::size_t>(j)] = d;
  }
  return count;
}

}  // namespace

bool is_dense(std::span<const int> shape, std::span<const int> strides) {
  std::array<Dim, MAX_DIMS> dims{};
  const int count = sorted_dims(shape, strides, dims);
  long long expected = 1;
  for (int i = 0; i < count; ++i) {
    const Dim& d = dims[static_cast<std::size_t>(i)];
    if (d.stride != expected) return false;
    expected *= d.size;
  }
  return true;
}

bool is_non_overlapping(std::span<const int> shape, std::span<const int> strides) {
  std::array<Dim, MAX_DIMS> dims{};
  const int count = sorted_dims(shape, strides, dims);
  long long reach = 0;  // the largest position the inner dimensions reach
  for (int i = 0; i < count; ++i) {
    const Dim& d = dims[static_cast<std::size_t>(i)];
    if (d.stride <= reach) return false;
    reach += static_cast<long long>(d.size - 1) * d.stride;
  }
  return true;
}

namespace {

// strides: one per dimension, >= 0; the last element must lie inside storage.
void check_layout(const Shape& shape, const Strides& strides, std::size_t storage_size) {
  if (strides.size() != shape.size()) {
    throw IndexingError("strides " + shape_to_string(strides) + " must have one entry per dimension of shape " +
                        shape_to_string(shape));
  }
  long long last = 0;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (strides[i] < 0) throw IndexingError("negative stride in " + shape_to_string(strides));
    last += static_cast<long long>(shape[i] - 1) * strides[i];
  }
  if (last >= static_cast<long long>(storage_size)) {
    throw IndexingError("shape " + shape_to_string(shape) + " with strides " + shape_to_string(strides) +
                        " reaches position " + std::to_string(last) + " of a storage of " +
                        std::to_string(storage_size) + " elements");
  }
}

}  // namespace

TensorData::TensorData(Storage storage, Shape shape, Strides strides)
    : storage_(std::move(storage)), shape_(std::move(shape)), strides_(std::move(strides)) {
  check_and_lay_out();
}

// The shape is moved in before the strides are derived from it (one copy
// fewer than delegating with strides_from_shape(shape)).
TensorData::TensorData(Storage storage, Shape shape)
    : storage_(std::move(storage)), shape_(std::move(shape)), strides_(strides_from_shape(shape_)) {
  check_and_lay_out();
}

void TensorData::check_and_lay_out() {
  size_ = checked_size(shape_);
  check_layout(shape_, strides_, storage_.size());
  layout_ = make_layout(shape_, strides_);
}

TensorData::TensorData(const std::vector<double>& values, Shape shape) : storage_(values), shape_(std::move(shape)) {
  size_ = checked_size(shape_);
  if (values.size() != static_cast<std::size_t>(size_)) {
    throw IndexingError(std::to_string(values.size()) + " values cannot fill shape " + shape_to_string(shape_) + " (" +
                        std::to_string(size_) + " elements)");
  }
  strides_ = strides_from_shape(shape_);
  layout_ = make_layout(shape_, strides_);
}

TensorData TensorData::zeros(Shape shape) {
  const int size = checked_size(shape);
  return TensorData(Storage(static_cast<std::size_t>(size)), std::move(shape));
}

bool TensorData::is_contiguous() const {
  int expected = 1;
  for (std::size_t i = shape_.size(); i-- > 0;) {
    if (shape_[i] != 1 && strides_[i] != expected) return false;
    expected *= shape_[i];
  }
  return true;
}

int TensorData::index(const UserIndex& index) const {
  if (index.size() != shape_.size()) {
    throw IndexingError("index " + shape_to_string(index) + " has " + std::to_string(index.size()) +
                        " entries but the tensor has shape " + shape_to_string(shape_) + " (" +
                        std::to_string(shape_.size()) + " dimensions)");
  }
  for (std::size_t i = 0; i < index.size(); ++i) {
    if (index[i] < 0) {
      throw IndexingError("negative index " + shape_to_string(index) + " for shape " + shape_to_string(shape_) +
                          ": negative indexing is not supported");
    }
    if (index[i] >= shape_[i]) {
      throw IndexingError("index " + shape_to_string(index) + " out of range for shape " + shape_to_string(shape_));
    }
  }
  return index_to_position(index, strides_);
}

/// Task 2.1: dimension i of the result is dimension order[i] of this layout (its
/// size and its stride), over the same storage.
TensorData TensorData::permute(const std::vector<int>& order) const {
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted.size() != shape_.size() || sorted[i] != static_cast<int>(i)) {
      throw IndexingError("permute" + shape_to_string(order) + " of shape " + shape_to_string(shape_) +
                          ": the order must give each of the " + std::to_string(shape_.size()) +
                          " dimensions a position exactly once");
    }
  }
  // BEGIN SOLUTION 2.1
  Shape shape(order.size());
  Strides strides(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    shape[i] = shape_[static_cast<std::size_t>(order[i])];
    strides[i] = strides_[static_cast<std::size_t>(order[i])];
  }
  return TensorData(storage_, std::move(shape), std::move(strides));
  // END SOLUTION
}

UserIndex TensorData::sample(Random& rng) const {
  UserIndex index(shape_.size());
  for (std::size_t i = 0; i < shape_.size(); ++i) {
    index[i] = static_cast<int>(rng.below(static_cast<std::uint64_t>(shape_[i])));
  }
  return index;
}

std::vector<UserIndex> TensorData::indices() const {
  std::vector<UserIndex> out;
  out.reserve(static_cast<std::size_t>(size_));
  UserIndex index(shape_.size());
  for (int i = 0; i < size_; ++i) {
    to_index(i, shape_, index);
    out.push_back(index);
  }
  return out;
}

std::string TensorData::to_string() const {
  std::string s;
  const int dims = this->dims();
  for (const UserIndex& index : indices()) {
    std::string open;
    for (int i = dims - 1; i >= 0 && index[static_cast<std::size_t>(i)] == 0; --i) {
      open = "\n" + std::string(static_cast<std::size_t>(i), '\t') + "[" + open;
    }
    s += open;
    char number[64];
    std::snprintf(number, sizeof number, "%3.2f", get(index));
    s += number;
    std::string close;
    for (int i = dims - 1; i >= 0 && index[static_cast<std::size_t>(i)] == shape_[static_cast<std::size_t>(i)] - 1;
         --i) {
      close += "]";
    }
    s += close.empty() ? " " : close;
  }
  return s;
}

}  // namespace minitorch
