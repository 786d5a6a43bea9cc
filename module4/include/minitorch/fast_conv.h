// module4/include/minitorch/fast_conv.h
//
// Tasks 4.1 and 4.2: the convolution kernels of the fast backend.
//
//   conv1d   out (batch, out_channels, out_width)
//            input (batch, in_channels, width)    weight (out_channels, in_channels, k_width)
//
//     reverse = false (the weight anchored on the left):
//       out[b, o, t] = sum over c < in_channels, k < k_width of input[b, c, t + k] * weight[o, c, k]
//     reverse = true (anchored on the right: the backward pass):
//       out[b, o, t] = sum over c < in_channels, k < k_width of input[b, c, t - k] * weight[o, c, k]
//
//     Terms whose input position falls outside [0, width) are 0 (zero
//     padding). out_width may differ from width: the weight-gradient call of
//     Conv1dFun::backward has out_width = k_width.
//
//   conv2d   the same in two dimensions: out (batch, out_channels, out_height, out_width),
//            input (batch, in_channels, height, width), weight (out_channels, in_channels, k_height, k_width),
//            input[b, c, h + i, w + j] (or h - i, w - j) * weight[o, c, i, j].
//
// Any layout: every view is read through its strides (a permuted input is
// what the backward passes hand in). Every fast backend of a build with
// Module 4 gets these kernels in its conv1d and conv2d slots
// (add_fast_convolutions, called by module4/src/backends.cpp), so
// fast_backend().conv1d / .conv2d are these kernels. The autodiff functions
// that call them are in conv.h.
#pragma once

#include "minitorch/fast_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

/// Task 4.1: the 1-D convolution above, in parallel over the elements of
/// out (serial below opt.grain multiply-adds); the inner loop steps storage
/// positions by strides and accumulates into a local, then writes it: every
/// element of out is written once (=, never +=: out arrives holding whatever
/// its memory held before). Shapes are checked by the caller
/// (check_conv_shapes).
void fast_conv1d(OutView out, InView input, InView weight, bool reverse, const ParallelOptions& opt);

/// Task 4.2: the 2-D convolution above, same rules.
void fast_conv2d(OutView out, InView input, InView weight, bool reverse, const ParallelOptions& opt);

/// ShapeError unless out, input and weight fit a convolution of `dims`
/// dimensions (3: conv1d, 4: conv2d): every view has `dims` dimensions,
/// out and input the same batch, out and weight the same out_channels,
/// input and weight the same in_channels. `op` names the operation in the
/// message ("conv1d").
void check_conv_shapes(const char* op, int dims, const Layout& out, const Layout& input, const Layout& weight);

/// Fills the conv1d and conv2d slots of a fast backend made with `options`:
/// check_conv_shapes, then fast_conv1d / fast_conv2d with those options.
void add_fast_convolutions(TensorBackend& fast, const ParallelOptions& options);

}  // namespace minitorch
