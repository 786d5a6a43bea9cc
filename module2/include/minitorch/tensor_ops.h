// module2/include/minitorch/tensor_ops.h
//
// Task 2.3 (low level): map, zip and reduce over strided storage, the
// kernels of the simple backend (SimpleOps).
//
// Each kernel takes the element function as a template parameter, so the
// compiler inlines it into the loop (the C++ counterpart of Numba compiling
// it), and the (storage, shape, strides) triple of every tensor it touches,
// as in the original, in one by-value bundle: `out.storage`, `out.shape()`,
// `out.strides()` (a StridedView, see tensor_data.h). The backend table that
// Tensor calls (TensorBackend, tensor_backend.h) is built from SimpleOps by
// make_backend<SimpleOps>() in simple_ops.cpp: the only file that includes
// this one, so an edit here rebuilds one file.
#pragma once

#include <cstddef>
#include <span>

#include "minitorch/broadcast.h"
#include "minitorch/host_device.h"
#include "minitorch/indexing.h"
#include "minitorch/make_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

// ------------------------------------------------------------- kernels

/// Task 2.3: out[i] = fn(in[j]) for every index i of out, where j is the index
/// of `in` that i reads under broadcasting (in.shape() broadcasts to out.shape();
/// equal shapes are the common case).
///
/// Both out and in may have any strides (permuted, non-contiguous): walk the
/// *indices* of out in order (to_index), find the matching index of in
/// (broadcast_index), and turn each index into a storage position with its own
/// strides (index_to_position). Never walk storage order, never write out[i].
/// Use IndexBuffer for indices: no allocation inside the loop.
/// out: (out shape), in: (in shape); shapes and strides in elements.
template <typename Fn>
void tensor_map(Fn fn, OutView out, InView in) {
  // BEGIN SOLUTION 2.3
  IndexBuffer out_index{};
  IndexBuffer in_index{};
  const int size = out.size();
  for (int i = 0; i < size; ++i) {
    to_index(i, out.shape(), out_index);
    broadcast_index(out_index, out.shape(), in.shape(), in_index);
    out.storage[index_to_position(out_index, out.strides())] =
        fn(in.storage[index_to_position(in_index, in.strides())]);
  }
  // END SOLUTION
}

/// Task 2.3: out[i] = fn(a[ja], b[jb]) for every index i of out, where ja and
/// jb are the indices of a and b that i reads under broadcasting (both
/// shapes broadcast to out.shape()). Any strides, as in tensor_map.
/// out: (out shape), a: (a shape), b: (b shape).
template <typename Fn>
void tensor_zip(Fn fn, OutView out, InView a, InView b) {
  // BEGIN SOLUTION 2.3
  IndexBuffer out_index{};
  IndexBuffer a_index{};
  IndexBuffer b_index{};
  const int size = out.size();
  for (int i = 0; i < size; ++i) {
    to_index(i, out.shape(), out_index);
    broadcast_index(out_index, out.shape(), a.shape(), a_index);
    broadcast_index(out_index, out.shape(), b.shape(), b_index);
    const double x = a.storage[index_to_position(a_index, a.strides())];
    const double y = b.storage[index_to_position(b_index, b.strides())];
    out.storage[index_to_position(out_index, out.strides())] = fn(x, y);
  }
  // END SOLUTION
}

/// Task 2.3: folds dimension `reduce_dim` of a with fn. out.shape() is
/// a.shape() with reduce_dim set to 1, and out already holds the start value (0 for a
/// sum, 1 for a product): for every index i of out,
///   out[i] = fn(... fn(fn(out[i], a[i with reduce_dim = 0]), a[... = 1]) ...)
/// Any strides, as in tensor_map.
/// out: (a shape with reduce_dim -> 1), a: (a shape).
template <typename Fn>
void tensor_reduce(Fn fn, OutView out, InView a, int reduce_dim) {
  // BEGIN SOLUTION 2.3
  IndexBuffer out_index{};
  IndexBuffer a_index{};
  const int size = out.size();
  const int reduce_size = a.shape()[static_cast<std::size_t>(reduce_dim)];
  for (int i = 0; i < size; ++i) {
    to_index(i, out.shape(), out_index);
    const int position = index_to_position(out_index, out.strides());
    a_index = out_index;
    double acc = out.storage[position];
    for (int j = 0; j < reduce_size; ++j) {
      a_index[static_cast<std::size_t>(reduce_dim)] = j;
      acc = fn(acc, a.storage[index_to_position(a_index, a.strides())]);
    }
    out.storage[position] = acc;
  }
  // END SOLUTION
}

// ------------------------------------------------------------- the simple backend

/// The simple backend's kernels: the loops above, one element at a time, no
/// threads; host memory.
class SimpleOps : public HostMemory {
 public:
  template <typename Fn>
  void map(Fn fn, OutView out, InView a) const {
    tensor_map(fn, out, a);
  }
  template <typename Fn>
  void zip(Fn fn, OutView out, InView a, InView b) const {
    tensor_zip(fn, out, a, b);
  }
  template <typename Fn>
  void reduce(Fn fn, OutView out, InView a, int dim) const {
    tensor_reduce(fn, out, a, dim);
  }
};

}  // namespace minitorch
