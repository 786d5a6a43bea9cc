// module4/src/fast_conv.cpp
//
// Tasks 4.1 and 4.2: the fast backend's convolution kernels (fast_conv.h
// explains what they compute), and the shape checks that run before them.
#include "minitorch/fast_conv.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace minitorch {

void check_conv_shapes(const char* op, int dims, const Layout& out, const Layout& input, const Layout& weight) {
  const std::string layout = dims == 3 ? "(batch, channels, width)" : "(batch, channels, height, width)";
  const std::string weight_layout =
      dims == 3 ? "(out_channels, in_channels, k_width)" : "(out_channels, in_channels, k_height, k_width)";
  const auto fail = [&](const std::string& why) {
    throw ShapeError(std::string(op) + ": input " + shape_to_string(input.shape()) + ", weight " +
                     shape_to_string(weight.shape()) + ", output " + shape_to_string(out.shape()) + ": " + why);
  };
  if (input.dims != dims || out.dims != dims) fail("input and output must be " + std::to_string(dims) + "-D " + layout);
  if (weight.dims != dims) fail("the weight must be " + std::to_string(dims) + "-D " + weight_layout);
  if (input.shape()[1] != weight.shape()[1]) {
    fail("the input has " + std::to_string(input.shape()[1]) + " in_channels but the weight expects " +
         std::to_string(weight.shape()[1]) + " (weight " + weight_layout + ")");
  }
  if (out.shape()[0] != input.shape()[0]) fail("the output and the input have different batch sizes");
  if (out.shape()[1] != weight.shape()[0]) fail("the output's channels are not the weight's out_channels");
}

void fast_conv1d(OutView out, InView input, InView weight, bool reverse, const ParallelOptions& opt) {
  // BEGIN SOLUTION 4.1
  const int out_channels = out.shape()[1], out_width = out.shape()[2];
  const int in_channels = input.shape()[1], width = input.shape()[2];
  const int k_width = weight.shape()[2];
  const std::span<const int> os = out.strides(), is = input.strides(), ws = weight.strides();
  double* const o_data = out.storage;
  const double* const i_data = input.storage;
  const double* const w_data = weight.storage;
  // Window entry k reads the input at t + k, or at t - k when reversed.
  const std::ptrdiff_t in_step = reverse ? -std::ptrdiff_t{is[2]} : std::ptrdiff_t{is[2]};
  const int size = out.size();
  // Output element i = (b, o, t): its window clipped to [0, width), summed
  // over the in-channels into a local, written once.
  const auto one = [&](int i) {
    const int t = i % out_width, o = i / out_width % out_channels, b = i / out_width / out_channels;
    const int k_begin = reverse ? std::max(0, t - width + 1) : 0;
    const int k_end = reverse ? std::min(k_width, t + 1) : std::min(k_width, width - t);
    const int first = reverse ? t - k_begin : t + k_begin;  // input position of entry k_begin
    double acc = 0.0;
    for (int c = 0; c < in_channels; ++c) {
      std::ptrdiff_t p = std::ptrdiff_t{b} * is[0] + std::ptrdiff_t{c} * is[1] + std::ptrdiff_t{first} * is[2];
      std::ptrdiff_t q = std::ptrdiff_t{o} * ws[0] + std::ptrdiff_t{c} * ws[1] + std::ptrdiff_t{k_begin} * ws[2];
      for (int k = k_begin; k < k_end; ++k, p += in_step, q += ws[2]) acc += i_data[p] * w_data[q];
    }
    o_data[std::ptrdiff_t{b} * os[0] + std::ptrdiff_t{o} * os[1] + std::ptrdiff_t{t} * os[2]] = acc;
  };
  const std::int64_t work = std::int64_t{size} * in_channels * k_width;
  const int threads = opt.thread_count();
  if (work < opt.grain || threads < 2 || !is_non_overlapping(out.shape(), out.strides())) {
    for (int i = 0; i < size; ++i) one(i);
    return;
  }
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int i = 0; i < size; ++i) one(i);
  // END SOLUTION
}

void fast_conv2d(OutView out, InView input, InView weight, bool reverse, const ParallelOptions& opt) {
  // BEGIN SOLUTION 4.2
  const int out_channels = out.shape()[1], out_height = out.shape()[2], out_width = out.shape()[3];
  const int in_channels = input.shape()[1], height = input.shape()[2], width = input.shape()[3];
  const int k_height = weight.shape()[2], k_width = weight.shape()[3];
  const std::span<const int> os = out.strides(), is = input.strides(), ws = weight.strides();
  double* const o_data = out.storage;
  const double* const i_data = input.storage;
  const double* const w_data = weight.storage;
  // Window entry (ki, kj) reads the input at (y + ki, x + kj), or (y - ki, x - kj) reversed.
  const std::ptrdiff_t row_step = reverse ? -std::ptrdiff_t{is[2]} : std::ptrdiff_t{is[2]};
  const std::ptrdiff_t col_step = reverse ? -std::ptrdiff_t{is[3]} : std::ptrdiff_t{is[3]};
  const int size = out.size();
  const auto one = [&](int i) {
    const int x = i % out_width, y = i / out_width % out_height;
    const int o = i / out_width / out_height % out_channels, b = i / out_width / out_height / out_channels;
    // The window clipped to the input: rows [i_begin, i_end), columns [j_begin, j_end).
    const int i_begin = reverse ? std::max(0, y - height + 1) : 0;
    const int i_end = reverse ? std::min(k_height, y + 1) : std::min(k_height, height - y);
    const int j_begin = reverse ? std::max(0, x - width + 1) : 0;
    const int j_end = reverse ? std::min(k_width, x + 1) : std::min(k_width, width - x);
    const int first_row = reverse ? y - i_begin : y + i_begin;
    const int first_col = reverse ? x - j_begin : x + j_begin;
    double acc = 0.0;
    for (int c = 0; c < in_channels; ++c) {
      std::ptrdiff_t p_row = std::ptrdiff_t{b} * is[0] + std::ptrdiff_t{c} * is[1] + std::ptrdiff_t{first_row} * is[2] +
                             std::ptrdiff_t{first_col} * is[3];
      std::ptrdiff_t q_row = std::ptrdiff_t{o} * ws[0] + std::ptrdiff_t{c} * ws[1] + std::ptrdiff_t{i_begin} * ws[2] +
                             std::ptrdiff_t{j_begin} * ws[3];
      for (int ki = i_begin; ki < i_end; ++ki, p_row += row_step, q_row += ws[2]) {
        std::ptrdiff_t p = p_row, q = q_row;
        for (int kj = j_begin; kj < j_end; ++kj, p += col_step, q += ws[3]) acc += i_data[p] * w_data[q];
      }
    }
    o_data[std::ptrdiff_t{b} * os[0] + std::ptrdiff_t{o} * os[1] + std::ptrdiff_t{y} * os[2] +
           std::ptrdiff_t{x} * os[3]] = acc;
  };
  const std::int64_t work = std::int64_t{size} * in_channels * k_height * k_width;
  const int threads = opt.thread_count();
  if (work < opt.grain || threads < 2 || !is_non_overlapping(out.shape(), out.strides())) {
    for (int i = 0; i < size; ++i) one(i);
    return;
  }
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int i = 0; i < size; ++i) one(i);
  // END SOLUTION
}

}  // namespace minitorch
