// module2/include/minitorch/tensor_ops.h
//
// Task 2.3 (low level): map, zip and reduce over strided storage, and the
// backend, the table of operations every Tensor computes with.
//
//   Tensor  --holds a pointer to-->  TensorBackend (a table of operations)
//                                      neg_map ... add_zip ... add_reduce ...
//                                           |
//              SimpleOps (this module): plain loops, one element at a time
//              FastOps   (Module 3):    OpenMP loops
//              CudaOps   (Module 3):    CUDA kernels
//
// A backend is built by make_backend<Ops>(): it asks Ops for one map kernel
// per element function (Ops::map<elementwise::Neg>() ...), one zip kernel per
// binary function and one reduce kernel per reduction, exactly the table the
// original TensorBackend precomputes. Kernels take the element function as a
// template parameter, so the compiler inlines it into the loop (the C++
// counterpart of Numba compiling it), and the (storage, shape, strides)
// triple of every tensor they touch, as in the original.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minitorch/broadcast.h"
#include "minitorch/errors.h"
#include "minitorch/host_device.h"
#include "minitorch/operators.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

class Tensor;

// ------------------------------------------------------------- kernels

/// Task 2.3: out[i] = fn(in[j]) for every index i of out, where j is the index
/// of `in` that i reads under broadcasting (in_shape broadcasts to out_shape;
/// equal shapes are the common case).
///
/// Both out and in may have any strides (permuted, non-contiguous): walk the
/// *indices* of out in order (to_index), find the matching index of in
/// (broadcast_index), and turn each index into a storage position with its own
/// strides (index_to_position). Never walk storage order, never write out[i].
/// Use IndexBuffer for indices: no allocation inside the loop.
/// out: (out_shape), in: (in_shape), shapes and strides in elements.
template <typename Fn>
void tensor_map(Fn fn, double* out, std::span<const int> out_shape, std::span<const int> out_strides,
                const double* in_storage, std::span<const int> in_shape, std::span<const int> in_strides) {
  // BEGIN SOLUTION 2.3
  IndexBuffer out_index{};
  IndexBuffer in_index{};
  const int size = shape_size(out_shape);
  for (int i = 0; i < size; ++i) {
    to_index(i, out_shape, out_index);
    broadcast_index(out_index, out_shape, in_shape, in_index);
    out[index_to_position(out_index, out_strides)] = fn(in_storage[index_to_position(in_index, in_strides)]);
  }
  // END SOLUTION
}

/// Task 2.3: out[i] = fn(a[ja], b[jb]) for every index i of out, where ja and
/// jb are the indices of a and b that i reads under broadcasting (a_shape and
/// b_shape both broadcast to out_shape). Any strides, as in tensor_map.
/// out: (out_shape), a: (a_shape), b: (b_shape).
template <typename Fn>
void tensor_zip(Fn fn, double* out, std::span<const int> out_shape, std::span<const int> out_strides,
                const double* a_storage, std::span<const int> a_shape, std::span<const int> a_strides,
                const double* b_storage, std::span<const int> b_shape, std::span<const int> b_strides) {
  // BEGIN SOLUTION 2.3
  IndexBuffer out_index{};
  IndexBuffer a_index{};
  IndexBuffer b_index{};
  const int size = shape_size(out_shape);
  for (int i = 0; i < size; ++i) {
    to_index(i, out_shape, out_index);
    broadcast_index(out_index, out_shape, a_shape, a_index);
    broadcast_index(out_index, out_shape, b_shape, b_index);
    const double x = a_storage[index_to_position(a_index, a_strides)];
    const double y = b_storage[index_to_position(b_index, b_strides)];
    out[index_to_position(out_index, out_strides)] = fn(x, y);
  }
  // END SOLUTION
}

/// Task 2.3: folds dimension `reduce_dim` of a with fn. out_shape is a_shape
/// with reduce_dim set to 1, and out already holds the start value (0 for a
/// sum, 1 for a product): for every index i of out,
///   out[i] = fn(... fn(fn(out[i], a[i with reduce_dim = 0]), a[... = 1]) ...)
/// Any strides, as in tensor_map.
/// out: (a_shape with a_shape[reduce_dim] -> 1), a: (a_shape).
template <typename Fn>
void tensor_reduce(Fn fn, double* out, std::span<const int> out_shape, std::span<const int> out_strides,
                   const double* a_storage, std::span<const int> a_shape, std::span<const int> a_strides,
                   int reduce_dim) {
  // BEGIN SOLUTION 2.3
  IndexBuffer out_index{};
  IndexBuffer a_index{};
  const int size = shape_size(out_shape);
  const int reduce_size = a_shape[static_cast<std::size_t>(reduce_dim)];
  for (int i = 0; i < size; ++i) {
    to_index(i, out_shape, out_index);
    const int position = index_to_position(out_index, out_strides);
    a_index = out_index;
    double acc = out[position];
    for (int j = 0; j < reduce_size; ++j) {
      a_index[static_cast<std::size_t>(reduce_dim)] = j;
      acc = fn(acc, a_storage[index_to_position(a_index, a_strides)]);
    }
    out[position] = acc;
  }
  // END SOLUTION
}

// ------------------------------------------------------------- element functions

/// The element functions of the backend table, as types: a kernel
/// instantiated with one of them inlines its call (and they run in CUDA
/// kernels too: the operators are host-device functions).
namespace elementwise {
struct Neg {
  MT_HOST_DEVICE double operator()(double x) const { return operators::neg(x); }
};
struct Sigmoid {
  MT_HOST_DEVICE double operator()(double x) const { return operators::sigmoid(x); }
};
struct Relu {
  MT_HOST_DEVICE double operator()(double x) const { return operators::relu(x); }
};
struct Log {
  MT_HOST_DEVICE double operator()(double x) const { return operators::log(x); }
};
struct Exp {
  MT_HOST_DEVICE double operator()(double x) const { return operators::exp(x); }
};
struct Id {
  MT_HOST_DEVICE double operator()(double x) const { return operators::id(x); }
};
struct Inv {
  MT_HOST_DEVICE double operator()(double x) const { return operators::inv(x); }
};
struct Add {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::add(x, y); }
};
struct Mul {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::mul(x, y); }
};
struct Lt {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::lt(x, y); }
};
struct Eq {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::eq(x, y); }
};
struct IsClose {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::is_close(x, y); }
};
struct ReluBack {
  MT_HOST_DEVICE double operator()(double x, double d) const { return operators::relu_back(x, d); }
};
struct LogBack {
  MT_HOST_DEVICE double operator()(double x, double d) const { return operators::log_back(x, d); }
};
struct InvBack {
  MT_HOST_DEVICE double operator()(double x, double d) const { return operators::inv_back(x, d); }
};
}  // namespace elementwise

// ------------------------------------------------------------- operations of a backend

/// One map of a backend: out = fn(a) element by element.
class MapOp {
 public:
  using Kernel = std::function<void(const TensorData& a, TensorData& out)>;
  MapOp() = default;
  explicit MapOp(Kernel kernel) : kernel_(std::move(kernel)) {}
  /// out: (S) any layout, a: broadcasts to (S). Writes every element of out.
  void operator()(const TensorData& a, TensorData& out) const;
  /// A new tensor of a's shape on a's backend (no autodiff history).
  Tensor operator()(const Tensor& a) const;

 private:
  Kernel kernel_;
};

/// One zip of a backend: out = fn(a, b) element by element, with broadcasting.
class ZipOp {
 public:
  using Kernel = std::function<void(const TensorData& a, const TensorData& b, TensorData& out)>;
  ZipOp() = default;
  explicit ZipOp(Kernel kernel) : kernel_(std::move(kernel)) {}
  /// out: (S), a and b: broadcast to (S).
  void operator()(const TensorData& a, const TensorData& b, TensorData& out) const;
  /// A new tensor of shape shape_broadcast(a, b) on a's backend (no history).
  Tensor operator()(const Tensor& a, const Tensor& b) const;

 private:
  Kernel kernel_;
};

/// One reduction of a backend (sum or product along one dimension).
class ReduceOp {
 public:
  /// Fills out with the reduction's start value, then folds `dim` of a into it.
  using Kernel = std::function<void(const TensorData& a, int dim, TensorData& out)>;
  ReduceOp() = default;
  explicit ReduceOp(Kernel kernel) : kernel_(std::move(kernel)) {}
  /// out: a's shape with dim -> 1, a: any shape, 0 <= dim < a.dims().
  void operator()(const TensorData& a, int dim, TensorData& out) const;
  /// A new tensor of a's shape with dim -> 1, on a's backend (no history).
  Tensor operator()(const Tensor& a, int dim) const;

 private:
  Kernel kernel_;
};

/// Batched matrix multiply (Module 3): out[n, i, j] = sum_k a[n, i, k] * b[n, k, j].
class MatMulOp {
 public:
  using Kernel = std::function<void(const TensorData& a, const TensorData& b, TensorData& out)>;
  MatMulOp() = default;
  explicit MatMulOp(Kernel kernel) : kernel_(std::move(kernel)) {}
  /// out: (N, I, J), a: (N or 1, I, K), b: (N or 1, K, J).
  void operator()(const TensorData& a, const TensorData& b, TensorData& out) const;

 private:
  Kernel kernel_;
};

/// The table of operations a Tensor computes with, one per backend. Tensor
/// code calls `t.backend().mul_zip(a, b)` and never depends on which backend
/// it is.
class TensorBackend {
 public:
  explicit TensorBackend(std::string backend_name) : name(std::move(backend_name)) {}

  std::string name;  // "simple", "fast", "cuda"
  bool is_cuda = false;
  /// `n` zeros in memory the kernels of this backend can read and write.
  std::function<Storage(std::size_t n)> allocate;

  MapOp neg_map, sigmoid_map, relu_map, log_map, exp_map, id_map, inv_map;
  ZipOp add_zip, mul_zip, lt_zip, eq_zip, is_close_zip, relu_back_zip, log_back_zip, inv_back_zip;
  ReduceOp add_reduce, mul_reduce;
  MatMulOp matrix_multiply;

  /// Contiguous zeros of `shape` in this backend's memory.
  TensorData zeros(const Shape& shape) const;
};

/// Builds the table from an Ops class that provides, as static members:
///   template <class Fn> MapOp map();  template <class Fn> ZipOp zip();
///   template <class Fn> ReduceOp reduce(double start);
///   MatMulOp matrix_multiply();  Storage allocate(std::size_t);  bool is_cuda;
template <typename Ops>
TensorBackend make_backend(std::string name) {
  namespace ew = elementwise;
  TensorBackend b(std::move(name));
  b.is_cuda = Ops::is_cuda;
  b.allocate = &Ops::allocate;
  b.neg_map = Ops::template map<ew::Neg>();
  b.sigmoid_map = Ops::template map<ew::Sigmoid>();
  b.relu_map = Ops::template map<ew::Relu>();
  b.log_map = Ops::template map<ew::Log>();
  b.exp_map = Ops::template map<ew::Exp>();
  b.id_map = Ops::template map<ew::Id>();
  b.inv_map = Ops::template map<ew::Inv>();
  b.add_zip = Ops::template zip<ew::Add>();
  b.mul_zip = Ops::template zip<ew::Mul>();
  b.lt_zip = Ops::template zip<ew::Lt>();
  b.eq_zip = Ops::template zip<ew::Eq>();
  b.is_close_zip = Ops::template zip<ew::IsClose>();
  b.relu_back_zip = Ops::template zip<ew::ReluBack>();
  b.log_back_zip = Ops::template zip<ew::LogBack>();
  b.inv_back_zip = Ops::template zip<ew::InvBack>();
  b.add_reduce = Ops::template reduce<ew::Add>(0.0);
  b.mul_reduce = Ops::template reduce<ew::Mul>(1.0);
  b.matrix_multiply = Ops::matrix_multiply();
  return b;
}

/// Writes `value` into every element of `out` (any layout).
void fill(TensorData& out, double value);

/// The simple backend: the kernels above, one element at a time, no threads.
struct SimpleOps {
  static constexpr bool is_cuda = false;

  static Storage allocate(std::size_t n) { return Storage(n); }

  template <typename Fn>
  static MapOp map() {
    return MapOp([](const TensorData& a, TensorData& out) {
      tensor_map(Fn{}, out.data(), out.shape(), out.strides(), a.data(), a.shape(), a.strides());
    });
  }

  template <typename Fn>
  static ZipOp zip() {
    return ZipOp([](const TensorData& a, const TensorData& b, TensorData& out) {
      tensor_zip(Fn{}, out.data(), out.shape(), out.strides(), a.data(), a.shape(), a.strides(), b.data(), b.shape(),
                 b.strides());
    });
  }

  template <typename Fn>
  static ReduceOp reduce(double start) {
    return ReduceOp([start](const TensorData& a, int dim, TensorData& out) {
      fill(out, start);
      tensor_reduce(Fn{}, out.data(), out.shape(), out.strides(), a.data(), a.shape(), a.strides(), dim);
    });
  }

  /// Not in this module: Module 3 writes matrix multiplication (FastOps, CudaOps).
  static MatMulOp matrix_multiply();
};

/// The simple backend (SimpleOps), the default of every tensor.
const TensorBackend& simple_backend();

/// Backends by name, for programs that let you choose (bench_ops --backend).
/// The simple backend is always there; Module 3 registers "fast" and "cuda".
/// A registered backend must live as long as the program.
void register_backend(const TensorBackend& backend);
/// The backend called `name`; an unknown name is a ValueError listing the known ones.
const TensorBackend& backend_by_name(std::string_view name);
std::vector<std::string> backend_names();

}  // namespace minitorch
