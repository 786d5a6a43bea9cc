// module2/include/minitorch/tensor_data.h
//
// Task 2.1: the layout of a tensor in memory.
//
// A tensor's numbers live in one flat 1-D buffer, its *storage*. The *shape*
// says how many entries each dimension has; the *strides* say how far apart
// (in elements) two neighbours along each dimension are in storage:
//
//   shape (2, 3), strides (3, 1)           storage: [a b c d e f]
//                                                    0 1 2 3 4 5
//        col 0 1 2                position of [i, j] = i*3 + j*1
//   row 0   a b c
//   row 1   d e f
//
// permute(1, 0) swaps shape AND strides, without moving a single number:
//
//   shape (3, 2), strides (1, 3)           same storage: [a b c d e f]
//        col 0 1                  position of [i, j] = i*1 + j*3
//   row 0   a d
//   row 1   b e
//   row 2   c f
//
// Dimension 0 is the outermost. A layout is *contiguous* when its strides are
// the row-major ones of its shape (strides_from_shape), so that walking the
// indices in order walks the storage in order.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/host_device.h"
#include "minitorch/random.h"

namespace minitorch {

/// The most dimensions a tensor may have: the size of the fixed index buffers
/// every kernel keeps on the stack (no allocation inside element loops) and
/// of the layouts copied into every kernel launch. 8 covers the course (Module
/// 4's pooling views have 6); a bigger shape is an IndexingError.
inline constexpr int MAX_DIMS = 8;

using Shape = std::vector<int>;      // sizes, dimension 0 outermost
using Strides = std::vector<int>;    // in elements, one per dimension
using UserIndex = std::vector<int>;  // one index per dimension, e.g. {1, 2}
/// A fixed-size index for kernels: only its first `dims` entries are used.
using IndexBuffer = std::array<int, MAX_DIMS>;

/// "(2,3)", "(4,)": a shape, strides or index as Python prints a tuple.
std::string shape_to_string(std::span<const int> values);

/// The number of elements of a shape: the product of its sizes.
MT_HOST_DEVICE inline int shape_size(std::span<const int> shape) {
  int size = 1;
  for (int s : shape) size *= s;
  return size;
}

/// The shape and strides of one tensor in a form a kernel can take by value:
/// fixed-size arrays, no pointer to host memory, trivially copyable (a CUDA
/// kernel receives it as a launch argument). Only the first `dims` entries of
/// each array are used.
struct Layout {
  int dims = 0;
  IndexBuffer shape_buffer{};
  IndexBuffer strides_buffer{};

  MT_HOST_DEVICE std::span<const int> shape() const { return {shape_buffer.data(), static_cast<std::size_t>(dims)}; }
  MT_HOST_DEVICE std::span<const int> strides() const {
    return {strides_buffer.data(), static_cast<std::size_t>(dims)};
  }
  MT_HOST_DEVICE int size() const { return shape_size(shape()); }
};

/// A layout from a shape and strides of one to MAX_DIMS dimensions
/// (IndexingError naming the shape otherwise).
Layout make_layout(std::span<const int> shape, std::span<const int> strides);

/// One tensor as a kernel sees it: the course's (storage, shape, strides)
/// triple, passed by value. `T` is `double` for an output and `const double`
/// for an input.
template <typename T>
struct StridedView {
  T* storage = nullptr;
  Layout layout;

  MT_HOST_DEVICE std::span<const int> shape() const { return layout.shape(); }
  MT_HOST_DEVICE std::span<const int> strides() const { return layout.strides(); }
  MT_HOST_DEVICE int dims() const { return layout.dims; }
  MT_HOST_DEVICE int size() const { return layout.size(); }
};
using OutView = StridedView<double>;       // a kernel's output
using InView = StridedView<const double>;  // a kernel's input

/// The number of elements of a valid shape: 1 to MAX_DIMS sizes, each >= 1,
/// at most INT_MAX elements (IndexingError naming the shape otherwise).
int checked_size(const Shape& shape);

/// The contiguous (row-major) strides of a shape: (4, 2, 2) -> (4, 2, 1).
Strides strides_from_shape(std::span<const int> shape);

/// True when the layout fills positions 0 .. size-1 of its storage exactly
/// once: the strides are the contiguous strides of the shape with the
/// dimensions in some order (contiguous, transposed, permuted). Two tensors
/// with the same shape, the same strides and a dense layout keep the element
/// at index i at the same storage position, so a kernel can walk both
/// storages from 0 to size-1 without any index arithmetic.
bool is_dense(std::span<const int> shape, std::span<const int> strides);

/// True when no two indices share a storage position (no stride 0 over a
/// dimension of size > 1, no overlap). Only such outputs can be written in parallel.
bool is_non_overlapping(std::span<const int> shape, std::span<const int> strides);

// index_to_position and to_index (Task 2.1) are in indexing.h, with
// broadcast_index: the kernels and the files that test them include it.

/// The 1-D buffer of doubles that tensors share. Copies of a Storage share the
/// same numbers (a handle, like std::shared_ptr): permute, view and detach
/// hand the same Storage to a new tensor.
class Storage {
 public:
  Storage() = default;
  /// `n` zeros in host memory.
  explicit Storage(std::size_t n);
  /// A copy of `values`.
  explicit Storage(const std::vector<double>& values);
  /// Memory from a backend's allocator (host memory, or device memory of the
  /// CUDA backend), freed by the deleter that `data` carries.
  Storage(std::shared_ptr<double[]> data, std::size_t n) : data_(std::move(data)), size_(n) {}

  double* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  double& operator[](std::size_t i) const { return data_[i]; }

 private:
  std::shared_ptr<double[]> data_;
  std::size_t size_ = 0;
};

/// A storage with a shape and strides: the memory layout of one tensor.
/// Construction checks that strides match the shape and that every index
/// lands inside the storage (IndexingError otherwise).
class TensorData {
 public:
  /// A layout over `storage` with explicit strides.
  TensorData(Storage storage, Shape shape, Strides strides);
  /// A contiguous layout over `storage`.
  TensorData(Storage storage, Shape shape);
  /// A contiguous layout over a copy of `values` (size must match the shape).
  TensorData(const std::vector<double>& values, Shape shape);
  /// Contiguous zeros in host memory.
  static TensorData zeros(Shape shape);

  const Shape& shape() const { return shape_; }
  const Strides& strides() const { return strides_; }
  int dims() const { return static_cast<int>(shape_.size()); }
  int size() const { return size_; }
  const Storage& storage() const { return storage_; }
  const double* data() const { return storage_.data(); }
  double* data() { return storage_.data(); }
  /// Shape and strides by value, for kernels.
  const Layout& layout() const { return layout_; }
  /// This tensor as a kernel's input or output (storage pointer and layout).
  InView in_view() const { return {storage_.data(), layout_}; }
  OutView out_view() { return {storage_.data(), layout_}; }

  /// True when the strides are the row-major ones of the shape (dimensions of
  /// size 1 may have any stride): the layout view() needs.
  bool is_contiguous() const;

  /// The storage position of `index`, checked: an IndexingError names the
  /// index and the shape when its length is not dims(), an entry is negative
  /// or an entry is past the end of its dimension.
  int index(const UserIndex& index) const;
  /// Host storage only (a Tensor reads and writes through its backend).
  double get(const UserIndex& index) const { return storage_[static_cast<std::size_t>(this->index(index))]; }
  void set(const UserIndex& index, double value) { storage_[static_cast<std::size_t>(this->index(index))] = value; }

  /// Task 2.1: the same storage seen with its dimensions reordered: dimension
  /// i of the result is dimension order[i] of this one (both its size and its
  /// stride move). No number moves.
  ///   shape (2, 3, 4), strides (12, 4, 1), permute({2, 0, 1})
  ///   -> shape (4, 2, 3), strides (1, 12, 4)
  /// `order` must hold each of 0 .. dims-1 exactly once (IndexingError).
  TensorData permute(const std::vector<int>& order) const;

  /// A uniformly random valid index (for gradient checks).
  UserIndex sample(Random& rng) const;
  /// Every index in row-major order (size() of them).
  std::vector<UserIndex> indices() const;

  /// The numbers in nested brackets, as the original's to_string():
  ///   [[1.00 2.00]
  ///    [3.00 4.00]]
  std::string to_string() const;

 private:
  // size_ and layout_ from shape_ and strides_, after checking that they fit
  // the storage (IndexingError otherwise).
  void check_and_lay_out();

  Storage storage_;
  Shape shape_;
  Strides strides_;
  Layout layout_;
  int size_ = 0;
};

}  // namespace minitorch
