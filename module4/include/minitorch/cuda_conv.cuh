// module4/include/minitorch/cuda_conv.cuh
//
// Task 4.4b (extra credit): conv1d and conv2d as CUDA kernels, with the
// input and the weight staged in shared memory. The same convolutions as
// Tasks 4.1/4.2 (fast_conv.h has the formulas):
//
//   conv1d  out[b, o, t]    = sum over c, k    of input[b, c, t + k] * weight[o, c, k]      (reverse: t - k)
//   conv2d  out[b, o, y, x] = sum over c, i, j of input[b, c, y + i, x + j] * weight[o, c, i, j]
//                                                                                  (reverse: y - i, x - j)
//
// with zero padding outside the input, any layout (strides), and an output
// width (height) that may differ from the input's.
//
// conv1d: a block of CONV_TILE (32) threads computes 32 neighbouring outputs
// t0 .. t0+31 of one (b, o). Per input channel c, per chunk of 32 weights
// k0 .. k0+31, the block stages
//
//   w_tile[32]        weight[o, c, k0 .. k0+31]       (0 past the kernel's end)
//   in_tile[64]       the 63 input cells these 32 outputs and 32 weights meet:
//                     forward input[t0 + k0 + j], reverse input[t0 - k0 - 31 + j]
//                     (0 outside the input)
//
// then, after a barrier, thread x adds in_tile[x + kk] * w_tile[kk] over kk
// (reverse: in_tile[x - kk + 31] * w_tile[kk]), and a second barrier
// protects the tiles from the next chunk's copy. Every thread copies two
// input cells and one weight, and every thread reaches every barrier.
//
// conv2d: the same with square tiles: a block of CONV_TILE_2D x
// CONV_TILE_2D (16 x 16) threads, a 16 x 16 weight tile and a 32 x 32 input
// tile (each thread copies four input cells).
#pragma once

#include <span>

#include "minitorch/cuda_device.cuh"
#include "minitorch/errors.h"  // MT_TODO
#include "minitorch/tensor_data.h"

namespace minitorch {
inline namespace MT_CUDA_TARGET {

/// Threads per block of conv1d (and the weights staged per step).
inline constexpr int CONV_TILE = 32;
/// The side of conv2d's square blocks and weight tiles.
inline constexpr int CONV_TILE_2D = 16;

/// Task 4.4b: conv1d. Grid (ceil(out_width / 32), out_channels, batch),
/// blocks of CONV_TILE threads; see the top of this file.
/// out: (batch, out_channels, out_width), input: (batch, in_channels, width),
/// weight: (out_channels, in_channels, k_width); any strides.
__global__ void conv1d_kernel(OutView out, InView input, InView weight, bool reverse) {
  // BEGIN SOLUTION 4.4b
  __shared__ double w_tile[CONV_TILE];
  __shared__ double in_tile[2 * CONV_TILE];
  const int x = static_cast<int>(threadIdx.x);
  const int b = static_cast<int>(blockIdx.z), o = static_cast<int>(blockIdx.y);
  const int t0 = static_cast<int>(blockIdx.x) * CONV_TILE, t = t0 + x;
  const int channels = input.shape()[1], width = input.shape()[2], k_width = weight.shape()[2];
  const std::span<const int> is = input.strides(), ws = weight.strides(), os = out.strides();
  double acc = 0.0;
  for (int c = 0; c < channels; ++c) {
    for (int k0 = 0; k0 < k_width; k0 += CONV_TILE) {
      const int k = k0 + x;
      w_tile[x] = k < k_width ? weight.storage[o * ws[0] + c * ws[1] + k * ws[2]] : 0.0;
      const int base = reverse ? t0 - k0 - (CONV_TILE - 1) : t0 + k0;
      for (int j = x; j < 2 * CONV_TILE; j += CONV_TILE) {
        const int p = base + j;
        in_tile[j] = p >= 0 && p < width ? input.storage[b * is[0] + c * is[1] + p * is[2]] : 0.0;
      }
      __syncthreads();
      const int chunk = k_width - k0 < CONV_TILE ? k_width - k0 : CONV_TILE;  // weights of this step
      for (int kk = 0; kk < chunk; ++kk) {
        acc += in_tile[reverse ? x - kk + CONV_TILE - 1 : x + kk] * w_tile[kk];
      }
      __syncthreads();
    }
  }
  if (t < out.shape()[2]) out.storage[b * os[0] + o * os[1] + t * os[2]] = acc;
  // END SOLUTION
}

/// Task 4.4b: conv2d. Grid (ceil(out_width / 16), ceil(out_height / 16),
/// batch * out_channels), blocks of CONV_TILE_2D x CONV_TILE_2D threads;
/// block z = b * out_channels + o, thread (x, y) owns out[b, o, y0 + y, x0 + x].
/// out: (batch, out_channels, out_height, out_width), input: (batch,
/// in_channels, height, width), weight: (out_channels, in_channels, k_height,
/// k_width); any strides.
__global__ void conv2d_kernel(OutView out, InView input, InView weight, bool reverse) {
  // BEGIN SOLUTION 4.4b
  constexpr int T = CONV_TILE_2D;
  __shared__ double w_tile[T][T];
  __shared__ double in_tile[2 * T][2 * T];
  const int tx = static_cast<int>(threadIdx.x), ty = static_cast<int>(threadIdx.y);
  const int out_channels = out.shape()[1];
  const int b = static_cast<int>(blockIdx.z) / out_channels, o = static_cast<int>(blockIdx.z) % out_channels;
  const int y0 = static_cast<int>(blockIdx.y) * T, x0 = static_cast<int>(blockIdx.x) * T;
  const int channels = input.shape()[1], height = input.shape()[2], width = input.shape()[3];
  const int k_height = weight.shape()[2], k_width = weight.shape()[3];
  const std::span<const int> is = input.strides(), ws = weight.strides(), os = out.strides();
  double acc = 0.0;
  for (int c = 0; c < channels; ++c) {
    for (int i0 = 0; i0 < k_height; i0 += T) {
      for (int j0 = 0; j0 < k_width; j0 += T) {
        const int i = i0 + ty, j = j0 + tx;
        w_tile[ty][tx] =
            i < k_height && j < k_width ? weight.storage[o * ws[0] + c * ws[1] + i * ws[2] + j * ws[3]] : 0.0;
        const int row_base = reverse ? y0 - i0 - (T - 1) : y0 + i0;
        const int col_base = reverse ? x0 - j0 - (T - 1) : x0 + j0;
        for (int r = ty; r < 2 * T; r += T) {
          for (int q = tx; q < 2 * T; q += T) {
            const int h = row_base + r, w = col_base + q;
            in_tile[r][q] = h >= 0 && h < height && w >= 0 && w < width
                                ? input.storage[b * is[0] + c * is[1] + h * is[2] + w * is[3]]
                                : 0.0;
          }
        }
        __syncthreads();
        const int rows = k_height - i0 < T ? k_height - i0 : T, cols = k_width - j0 < T ? k_width - j0 : T;
        for (int ii = 0; ii < rows; ++ii) {
          for (int jj = 0; jj < cols; ++jj) {
            const int r = reverse ? ty - ii + T - 1 : ty + ii, q = reverse ? tx - jj + T - 1 : tx + jj;
            acc += in_tile[r][q] * w_tile[ii][jj];
          }
        }
        __syncthreads();
      }
    }
  }
  const int y = y0 + ty, x = x0 + tx;
  if (y < out.shape()[2] && x < out.shape()[3]) out.storage[b * os[0] + o * os[1] + y * os[2] + x * os[3]] = acc;
  // END SOLUTION
}

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
