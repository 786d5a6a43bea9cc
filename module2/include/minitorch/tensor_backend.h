// module2/include/minitorch/tensor_backend.h
//
// The backend: the table of operations every Tensor computes with, and the
// only code that touches a tensor's storage.
//
//   Tensor  --holds a pointer to-->  TensorBackend (a table of operations)
//                                      memory: allocate, fill, to/from host
//                                      neg_map ... add_zip ... add_reduce ...
//                                      optional: matrix_multiply, conv1d, ...
//                                           |
//              SimpleOps (tensor_ops.h):  plain loops, one element at a time
//              FastOps   (fast_ops.h):    OpenMP loops      (Module 3)
//              CudaOps   (cuda_ops.cuh):  CUDA kernels      (Module 3)
//
// A backend is built by make_backend<Ops>() (make_backend.h) from an Ops
// object that supplies kernels only; this file is what the rest of the
// library sees. Kernels receive each tensor as a StridedView (storage
// pointer and layout by value), so the same kernel source runs on a CPU and
// on a GPU.
//
// Adding a backend: see module3/README.md ("Adding a backend").
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

class Tensor;

/// Where a backend keeps its storage.
enum class Device { cpu, cuda };
/// "cpu", "cuda".
std::string_view device_name(Device device);

/// The operations a backend may leave out (TensorBackend::supports).
enum class OptionalOp { matrix_multiply, conv1d, conv2d };
/// "matrix_multiply", "conv1d", "conv2d".
std::string_view op_name(OptionalOp op);

// ------------------------------------------------------------- operations of a backend

/// One map of a backend: out = fn(a) element by element.
class MapOp {
 public:
  using Kernel = std::function<void(OutView out, InView a)>;
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
  using Kernel = std::function<void(OutView out, InView a, InView b)>;
  ZipOp() = default;
  explicit ZipOp(Kernel kernel) : kernel_(std::move(kernel)) {}
  /// out: (S), a and b: broadcast to (S).
  void operator()(const TensorData& a, const TensorData& b, TensorData& out) const;
  /// A new tensor of shape shape_broadcast(a, b) on a's backend (no history).
  Tensor operator()(const Tensor& a, const Tensor& b) const;

 private:
  Kernel kernel_;
};

/// One reduction of a backend (sum, product or max along one dimension).
class ReduceOp {
 public:
  /// Fills out with the reduction's start value, then folds `dim` of a into it.
  using Kernel = std::function<void(OutView out, InView a, int dim)>;
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
  using Kernel = std::function<void(OutView out, InView a, InView b)>;
  MatMulOp() = default;
  MatMulOp(std::string backend_name, Kernel kernel) : backend_(std::move(backend_name)), kernel_(std::move(kernel)) {}
  explicit operator bool() const { return static_cast<bool>(kernel_); }
  /// out: (N, I, J), a: (N or 1, I, K), b: (N or 1, K, J). ShapeError naming
  /// both shapes otherwise.
  void operator()(const TensorData& a, const TensorData& b, TensorData& out) const;

 private:
  std::string backend_;
  Kernel kernel_;
};

/// Convolution (Module 4): out[b, o, ...] = sum over in-channels and the
/// kernel window of input * weight; `reverse` anchors the window on the
/// other side (the backward pass).
class ConvOp {
 public:
  using Kernel = std::function<void(OutView out, InView input, InView weight, bool reverse)>;
  ConvOp() = default;
  explicit ConvOp(Kernel kernel) : kernel_(std::move(kernel)) {}
  explicit operator bool() const { return static_cast<bool>(kernel_); }
  void operator()(const TensorData& input, const TensorData& weight, bool reverse, TensorData& out) const;

 private:
  Kernel kernel_;
};

/// How a backend reaches its memory. Every read or write of a tensor's
/// numbers outside a kernel goes through these (item, printing, to_vector,
/// get/set, construction), so a device backend never sees a host pointer.
struct MemoryOps {
  /// `n` zeros in memory the backend's kernels read and write.
  std::function<Storage(std::size_t n)> allocate;
  /// Optional: `n` doubles of unspecified values, for a result that its
  /// kernel writes in full (map, zip; reduce after its fill): no zero-fill.
  /// Empty: allocate.
  std::function<Storage(std::size_t n)> allocate_output;
  /// Copies n doubles from the backend's memory at `src` to host memory.
  std::function<void(double* host, const double* src, std::size_t n)> to_host;
  /// Copies n doubles from host memory to the backend's memory at `dst`.
  std::function<void(double* dst, const double* host, std::size_t n)> from_host;
  /// Writes `value` into every element of out (any layout).
  std::function<void(OutView out, double value)> fill;
};

/// The table of operations a Tensor computes with, one per backend. Tensor
/// code calls `t.backend().mul_zip(a, b)` and never depends on which backend
/// it is.
class TensorBackend {
 public:
  TensorBackend(std::string backend_name, Device backend_device)
      : name(std::move(backend_name)), device(backend_device) {}

  std::string name;  // "simple", "fast", "cuda"
  Device device;
  MemoryOps memory;

  MapOp neg_map, sigmoid_map, relu_map, log_map, exp_map, id_map, inv_map;
  ZipOp add_zip, mul_zip, lt_zip, eq_zip, is_close_zip, relu_back_zip, log_back_zip, inv_back_zip;
  ReduceOp add_reduce, mul_reduce, max_reduce;
  // Optional (supports(op) tells which are there).
  MatMulOp matrix_multiply;
  ConvOp conv1d, conv2d;

  /// True when this backend implements `op`.
  bool supports(OptionalOp op) const;
  /// Throws an Error naming this backend and `op` unless supports(op).
  void require(OptionalOp op) const;

  // ----------------------------------------------------------- memory
  /// Contiguous zeros of `shape` in this backend's memory.
  TensorData zeros(const Shape& shape) const;
  /// Contiguous storage of `shape` for a result that its kernel writes in
  /// full: unspecified values (zeros where memory.allocate_output is empty).
  TensorData output(Shape shape) const;
  /// Writes `value` into every element of out.
  void fill(TensorData& out, double value) const;
  /// A contiguous tensor of `shape` in this backend's memory holding
  /// `values` (row-major; ValueError when the count does not match).
  TensorData from_host(const std::vector<double>& values, const Shape& shape) const;
  /// Every element of t in row-major index order, copied to the host.
  std::vector<double> to_host(const TensorData& t) const;
  /// One element, checked (IndexingError naming the index and the shape).
  double get(const TensorData& t, const UserIndex& index) const;
  void set(TensorData& t, const UserIndex& index, double value) const;
};

/// The simple backend (SimpleOps in tensor_ops.h), the default of every
/// tensor, with what later modules of the build add to it (extend_simple_backend).
const TensorBackend& simple_backend();

// ------------------------------------------------------------- the backends of this build
//
// Composed by the highest module of the build, once: its src/backends.cpp
// (the one file of them that the build compiles: cmake/MinitorchCompose.cmake).
// A module never names a later one, so what a later module adds to an
// earlier one's backends (Module 3's matrix multiply on the simple backend,
// Module 4's convolutions on the fast and CUDA ones) is added there.

/// Fills the optional operations that later modules give the simple
/// backend (from Module 3 on: the triple-loop matrix multiply).
void extend_simple_backend(TensorBackend& simple);
/// The backends of this build, listed explicitly: "simple", then "fast" and
/// "cudasim" (Module 3: the CUDA kernels on the CPU simulator), then "cuda"
/// (when built with nvcc and a GPU answers).
std::vector<const TensorBackend*> backends();
/// Why the backend `name`, which this build knows, is not in backends() here
/// (e.g. "cuda" without a GPU); "" for a name it does not know.
std::string backend_unavailable_reason(std::string_view name);

/// The backend called `name`; an unknown name is a ValueError listing the
/// known ones, an unavailable one an Error saying why.
const TensorBackend& backend_by_name(std::string_view name);
std::vector<std::string> backend_names();

}  // namespace minitorch
