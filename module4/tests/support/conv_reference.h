// module4/tests/support/conv_reference.h
//
// What the convolution tests compare with: convolutions written as plain
// loops over every index (reading elements through their strides with
// testing::element, independent of the library's indexing), kernel settings
// that push tiny tensors through the parallel path, and small helpers.
#pragma once

#include <rapidcheck.h>

#include <cstddef>
#include <string>
#include <vector>

#include "minitorch/fast_backend.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_data.h"
#include "support/close.h"
#include "support/compare.h"  // MT_RC_ASSERT_NO_DIFFERENCE
#include "support/tensor_generators.h"

namespace minitorch::testing {

/// out (batch, out_channels, out_width) of input (batch, in_channels, width)
/// by weight (out_channels, in_channels, k_width), row-major: out[b, o, t] =
/// sum over c, k of input[b, c, t + k] (t - k when reverse) * weight[o, c, k],
/// terms outside the input left out.
inline std::vector<double> conv1d_loops(const TensorData& input, const TensorData& weight, const Shape& out_shape,
                                        bool reverse) {
  const int in_channels = input.shape()[1], width = input.shape()[2], k_width = weight.shape()[2];
  std::vector<double> out;
  for (const UserIndex& index : all_indices(out_shape)) {
    const int b = index[0], o = index[1], t = index[2];
    double sum = 0.0;
    for (int c = 0; c < in_channels; ++c) {
      for (int k = 0; k < k_width; ++k) {
        const int s = reverse ? t - k : t + k;
        if (s < 0 || s >= width) continue;
        sum += element(input, {b, c, s}) * element(weight, {o, c, k});
      }
    }
    out.push_back(sum);
  }
  return out;
}

/// The same in 2-D: out (batch, out_channels, out_height, out_width),
/// input[b, c, y + i, x + j] (y - i, x - j when reverse) * weight[o, c, i, j].
inline std::vector<double> conv2d_loops(const TensorData& input, const TensorData& weight, const Shape& out_shape,
                                        bool reverse) {
  const int in_channels = input.shape()[1], height = input.shape()[2], width = input.shape()[3];
  const int k_height = weight.shape()[2], k_width = weight.shape()[3];
  std::vector<double> out;
  for (const UserIndex& index : all_indices(out_shape)) {
    const int b = index[0], o = index[1], y = index[2], x = index[3];
    double sum = 0.0;
    for (int c = 0; c < in_channels; ++c) {
      for (int i = 0; i < k_height; ++i) {
        for (int j = 0; j < k_width; ++j) {
          const int r = reverse ? y - i : y + i, s = reverse ? x - j : x + j;
          if (r < 0 || r >= height || s < 0 || s >= width) continue;
          sum += element(input, {b, c, r, s}) * element(weight, {o, c, i, j});
        }
      }
    }
    out.push_back(sum);
  }
  return out;
}

/// Kernel settings: the defaults (tiny tensors run serially) or a grain of
/// 1 on 2 threads (everything runs in parallel).
inline ParallelOptions draw_parallel_options() {
  if (*rc::gen::arbitrary<bool>()) return ParallelOptions{};
  ParallelOptions options;
  options.grain = 1;
  options.threads = 2;
  return options;
}

/// A value no kernel computes here: what the gaps of an output hold.
inline constexpr double kUntouched = 12345.678;

/// An output of `shape` in a random permuted or gapped layout, every storage
/// position (gaps included) holding kUntouched.
inline TensorData conv_output(const Shape& shape) {
  const Strides strides = *output_layouts(shape);
  return TensorData(Storage(std::vector<double>(storage_size(shape, strides), kUntouched)), shape, strides);
}

/// "" when `got` holds `expected` (row-major) to 1e-9 and its gaps still hold
/// kUntouched; else the first difference.
inline std::string conv_difference(const TensorData& got, const std::vector<double>& expected) {
  std::vector<bool> reached(got.storage().size(), false);
  std::size_t n = 0;
  for (const UserIndex& index : all_indices(got.shape())) {
    const double g = element(got, index), e = expected[n++];
    if (!allclose(g, e, 1e-9, 1e-9)) {
      return "at " + shape_to_string(index) + ": got " + std::to_string(g) + ", expected " + std::to_string(e);
    }
    std::size_t position = 0;
    for (std::size_t i = 0; i < index.size(); ++i) {
      position += static_cast<std::size_t>(index[i]) * static_cast<std::size_t>(got.strides()[i]);
    }
    reached[position] = true;
  }
  for (std::size_t p = 0; p < reached.size(); ++p) {
    if (!reached[p] && got.storage()[p] != kUntouched) {
      return "the kernel wrote storage position " + std::to_string(p) + ", a gap of the output";
    }
  }
  return "";
}

/// A tensor of `values` (row-major) and `shape` on the fast backend.
inline Tensor fast(const std::vector<double>& values, const Shape& shape) {
  return tensor(values, shape, fast_backend());
}

}  // namespace minitorch::testing
