// module2/include/minitorch/make_backend.h
//
// Builds a backend's table (TensorBackend) from an Ops object that supplies
// kernels only. Everything else (shape checks, allocation of results,
// broadcasting the result shape, errors) is TensorBackend's, written once.
//
//   class MyOps {                                        // e.g. SimpleOps, FastOps
//    public:
//     // memory (HostMemory below has them for the CPU)
//     Storage allocate(std::size_t n) const;            // n zeros
//     Storage allocate_output(std::size_t n) const;     // optional: n doubles, any values
//     void to_host(double* host, const double* src, std::size_t n) const;
//     void from_host(double* dst, const double* host, std::size_t n) const;
//     void fill(OutView out, double value) const;
//     // kernels, one instantiation per element function of elementwise.h
//     template <class Fn> void map(Fn fn, OutView out, InView a) const;
//     template <class Fn> void zip(Fn fn, OutView out, InView a, InView b) const;
//     template <class Fn> void reduce(Fn fn, OutView out, InView a, int dim) const;  // out holds the start
//     // optional: a backend without them does not support the operation
//     void matrix_multiply(OutView out, InView a, InView b) const;
//     void conv1d(OutView out, InView input, InView weight, bool reverse) const;
//     void conv2d(OutView out, InView input, InView weight, bool reverse) const;
//   };
//
// Include this file only where a backend is built (one .cpp per backend):
// it instantiates every kernel.
#pragma once

#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "minitorch/elementwise.h"
#include "minitorch/indexing.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

/// Memory operations of a CPU backend: storage is host memory.
struct HostMemory {
  Storage allocate(std::size_t n) const { return Storage(n); }
  void to_host(double* host, const double* src, std::size_t n) const {
    if (n > 0) std::memcpy(host, src, n * sizeof(double));
  }
  void from_host(double* dst, const double* host, std::size_t n) const {
    if (n > 0) std::memcpy(dst, host, n * sizeof(double));
  }
  /// Any layout: walks the indices of out (no allocation).
  void fill(OutView out, double value) const {
    IndexBuffer index{};
    const int size = out.size();
    for (int i = 0; i < size; ++i) {
      to_index(i, out.shape(), index);
      out.storage[index_to_position(index, out.strides())] = value;
    }
  }
};

namespace detail {

template <typename Fn, typename Ops>
MapOp map_op(std::shared_ptr<const Ops> ops) {
  return MapOp([ops](OutView out, InView a) { ops->map(Fn{}, out, a); });
}

template <typename Fn, typename Ops>
ZipOp zip_op(std::shared_ptr<const Ops> ops) {
  return ZipOp([ops](OutView out, InView a, InView b) { ops->zip(Fn{}, out, a, b); });
}

template <typename Fn, typename Ops>
ReduceOp reduce_op(std::shared_ptr<const Ops> ops, double start) {
  return ReduceOp([ops, start](OutView out, InView a, int dim) {
    ops->fill(out, start);
    ops->reduce(Fn{}, out, a, dim);
  });
}

}  // namespace detail

/// The table of `ops`, called `name`, whose storage lives on `device`. The
/// table keeps `ops` alive (its state: options, a storage pool).
template <typename Ops>
TensorBackend make_backend(std::string name, Device device, std::shared_ptr<const Ops> ops) {
  namespace ew = elementwise;
  using detail::map_op;
  using detail::reduce_op;
  using detail::zip_op;
  TensorBackend b(std::move(name), device);
  b.memory.allocate = [ops](std::size_t n) { return ops->allocate(n); };
  if constexpr (requires(const Ops& o, std::size_t n) { o.allocate_output(n); }) {
    b.memory.allocate_output = [ops](std::size_t n) { return ops->allocate_output(n); };
  }
  b.memory.to_host = [ops](double* host, const double* src, std::size_t n) { ops->to_host(host, src, n); };
  b.memory.from_host = [ops](double* dst, const double* host, std::size_t n) { ops->from_host(dst, host, n); };
  b.memory.fill = [ops](OutView out, double value) { ops->fill(out, value); };
  b.neg_map = map_op<ew::Neg>(ops);
  b.sigmoid_map = map_op<ew::Sigmoid>(ops);
  b.relu_map = map_op<ew::Relu>(ops);
  b.log_map = map_op<ew::Log>(ops);
  b.exp_map = map_op<ew::Exp>(ops);
  b.id_map = map_op<ew::Id>(ops);
  b.inv_map = map_op<ew::Inv>(ops);
  b.add_zip = zip_op<ew::Add>(ops);
  b.mul_zip = zip_op<ew::Mul>(ops);
  b.lt_zip = zip_op<ew::Lt>(ops);
  b.eq_zip = zip_op<ew::Eq>(ops);
  b.is_close_zip = zip_op<ew::IsClose>(ops);
  b.relu_back_zip = zip_op<ew::ReluBack>(ops);
  b.log_back_zip = zip_op<ew::LogBack>(ops);
  b.inv_back_zip = zip_op<ew::InvBack>(ops);
  b.add_reduce = reduce_op<ew::Add>(ops, 0.0);
  b.mul_reduce = reduce_op<ew::Mul>(ops, 1.0);
  b.max_reduce = reduce_op<ew::Max>(ops, -std::numeric_limits<double>::infinity());
  if constexpr (requires(const Ops& o, OutView out, InView in) { o.matrix_multiply(out, in, in); }) {
    b.matrix_multiply = MatMulOp(b.name, [ops](OutView out, InView a, InView w) { ops->matrix_multiply(out, a, w); });
  }
  if constexpr (requires(const Ops& o, OutView out, InView in) { o.conv1d(out, in, in, true); }) {
    b.conv1d = ConvOp([ops](OutView out, InView in, InView w, bool reverse) { ops->conv1d(out, in, w, reverse); });
  }
  if constexpr (requires(const Ops& o, OutView out, InView in) { o.conv2d(out, in, in, true); }) {
    b.conv2d = ConvOp([ops](OutView out, InView in, InView w, bool reverse) { ops->conv2d(out, in, w, reverse); });
  }
  return b;
}

}  // namespace minitorch
