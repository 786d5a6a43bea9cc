// module4/src/fast_conv.cpp
//
// Tasks 4.1 and 4.2: the fast backend's convolution kernels (fast_conv.h
// explains what they compute), and the shape checks that run before them.
#include "minitorch/fast_conv.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

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

void add_fast_convolutions(TensorBackend& fast, const ParallelOptions& options) {
  fast.conv1d = ConvOp([options](OutView out, InView input, InView weight, bool reverse) {
    check_conv_shapes("conv1d", 3, out.layout, input.layout, weight.layout);
    fast_conv1d(out, input, weight, reverse, options);
  });
  fast.conv2d = ConvOp([options](OutView out, InView input, InView weight, bool reverse) {
    check_conv_shapes("conv2d", 4, out.layout, input.layout, weight.layout);
    fast_conv2d(out, input, weight, reverse, options);
  });
}

namespace {

// BEGIN SOLUTION 4.2
// STUB: // Your helper functions, if you want some.
//
// Direct and vectorised. The input is copied once into zero-padded rows
// (so a window never needs a bounds test, and a reversed window is a
// forward one with the weight flipped) and the weight is packed tap after
// tap; then every piece of an output row, 4 or 6 channels x 8 columns, is
// a register tile: for each tap (c, i, j), 8 contiguous padded inputs times
// 4 or 6 weights (row_tile_of; conv_row does a whole output row). The same
// code serves the forward and the input's gradient (conv.h); the weight's
// gradient (out 3 wide) sums 4 taps side by side instead (row_dot). Both
// beat im2col + matrix multiply, which pays for copying every window.

// Sizes and strides of a 2-D convolution.
struct ConvGeometry {
  int batch = 0, out_channels = 0, out_height = 0, out_width = 0;
  int in_channels = 0, height = 0, width = 0, k_height = 0, k_width = 0;
  std::array<std::ptrdiff_t, 4> os{}, is{}, ws{};  // out, input, weight: (dim 0, dim 1, row, column)
  bool reverse = false;

  int positions() const { return out_height * out_width; }
  int taps() const { return in_channels * k_height * k_width; }
};

ConvGeometry conv_geometry(const OutView& out, const InView& input, const InView& weight, bool reverse) {
  ConvGeometry g;
  for (std::size_t d = 0; d < 4; ++d) {
    g.os[d] = out.strides()[d], g.is[d] = input.strides()[d], g.ws[d] = weight.strides()[d];
  }
  g.batch = out.shape()[0], g.out_channels = out.shape()[1], g.out_height = out.shape()[2];
  g.out_width = out.shape()[3], g.in_channels = input.shape()[1], g.height = input.shape()[2];
  g.width = input.shape()[3], g.k_height = weight.shape()[2], g.k_width = weight.shape()[3];
  g.reverse = reverse;
  return g;
}

// This thread's scratch of at least n doubles (kept: a training step's
// convolutions allocate nothing after the first).
double* scratch(std::vector<double>& buffer, std::size_t n) {
  if (buffer.size() < n) buffer.resize(n);
  return buffer.data();
}

constexpr int kTileChannels = 4;   // out channels of a register tile
constexpr int kWideChannels = 6;   // ... of a full-width tile where there are enough
constexpr int kTileColumns = 8;    // out columns of a register tile (two AVX2 vectors)
constexpr int kNarrowColumns = 4;  // ... of an output at most 4 wide (a weight gradient)
constexpr int kLanes = 4;          // taps summed side by side in the narrow tile (one AVX2 vector)

// One build per instruction set, the best chosen when the program starts (as
// Module 3's micro-kernel).
#if defined(__x86_64__) && defined(__ELF__) && defined(__GNUC__) && !defined(__clang__)
#define MT_CONV_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MT_CONV_CLONES
#endif

// The input of a direct convolution: every (b, c) image zero-padded to
// rows x cols. Forward, padded[r][t] = input[r][t] (zeros below and on the
// right); reversed, padded[r][t] = input[r - (k_height - 1)][t - (k_width - 1)]
// (zeros above and on the left). Either way window entry (i, j) of output
// (y, x) is padded[y + i][x + j], the weight flipped when reversed.
struct PaddedInput {
  const double* data;
  int rows, cols;
  std::ptrdiff_t image() const { return std::ptrdiff_t{rows} * cols; }
};

// The outputs of one register tile: row o of the tile goes to dst[o]
// (nullptr past the last out channel), `columns` values `step` apart.
struct TileOut {
  double* const* dst;
  std::ptrdiff_t step;
  int columns;
};

// Writes tile acc (`channels` rows of `width`) to `to`: whole contiguous
// rows as vectors.
template <int channels, int width>
[[gnu::always_inline]] inline void store_tile(const double (&acc)[channels][width], const TileOut& to) {
  for (int o = 0; o < channels; ++o) {
    double* const dst = to.dst[o];
    if (dst == nullptr) continue;
    if (to.step == 1 && to.columns == width) {
#pragma omp simd
      for (int x = 0; x < width; ++x) dst[x] = acc[o][x];
    } else {
      for (int x = 0; x < to.columns; ++x) dst[x * to.step] = acc[o][x];
    }
  }
}

// Four doubles as one value (GCC's vector extension): an AVX2 register, two
// SSE2 ones in the default build.
using Vec4 = double __attribute__((vector_size(4 * sizeof(double))));

// tile[o][x] (kTileChannels x columns) = sum over the taps of
// weights[o][tap] * line(tap)[x]: lines[l] + x0 + j is tap (l, j)'s input
// row, `columns` contiguous values; weights (kTileChannels rows of n_lines *
// k_width, row stride w_stride). The tile goes to `to`. Explicit vectors
// (GCC vectorised the plain loops well for this shape only): each tap's
// inputs are loaded once for the kTileChannels rows, and a k_width known at
// compile time (fixed_width > 0) unrolls the taps.
template <int channels, int columns, int fixed_width = 0>
[[gnu::always_inline]] inline void row_tile_of(const double* const* lines, int x0, int n_lines, int k_width,
                                               const double* weights, std::ptrdiff_t w_stride, const TileOut& to) {
  if constexpr (fixed_width > 0) k_width = fixed_width;
  constexpr int kVectors = columns / 4;
  Vec4 acc[channels][kVectors];
  Vec4 in[kVectors];
  const auto load_line = [&](const double* at) {
#pragma GCC unroll 8
    for (int v = 0; v < kVectors; ++v) std::memcpy(&in[v], at + 4 * v, sizeof(Vec4));
  };
  // The first tap sets the sums, the others add to them (no zero-filled
  // accumulator: GCC made that a `rep stos`). n_lines, k_width >= 1.
  load_line(lines[0] + x0);
#pragma GCC unroll 8
  for (int o = 0; o < channels; ++o) {
    const double wv = weights[o * w_stride];
#pragma GCC unroll 8
    for (int v = 0; v < kVectors; ++v) acc[o][v] = wv * in[v];
  }
  for (int l = 0; l < n_lines; ++l) {
    const double* const line = lines[l] + x0;
    const double* const w = weights + std::ptrdiff_t{l} * k_width;
#pragma GCC unroll 8
    for (int j = 0; j < k_width; ++j) {
      if (l == 0 && j == 0) continue;  // the first tap, above
      load_line(line + j);
#pragma GCC unroll 8
      for (int o = 0; o < channels; ++o) {
        const double wv = w[o * w_stride + j];
#pragma GCC unroll 8
        for (int v = 0; v < kVectors; ++v) acc[o][v] += wv * in[v];
      }
    }
  }
  if (to.step == 1 && to.columns == columns) {  // whole vectors straight to out's rows
#pragma GCC unroll 8
    for (int o = 0; o < channels; ++o) {
      if (to.dst[o] == nullptr) continue;
#pragma GCC unroll 8
      for (int v = 0; v < kVectors; ++v) std::memcpy(to.dst[o] + 4 * v, &acc[o][v], sizeof(Vec4));
    }
    return;
  }
  double out[channels][columns];
  std::memcpy(out, acc, sizeof out);
  store_tile(out, to);
}

// Where one output row goes: channel o's column x at row + o *
// channel_step + x * column_step.
struct RowOut {
  double* row;
  std::ptrdiff_t channel_step, column_step;
  int channels, width;
};

// The out channels of the next register tile, `left` channels to go: for
// 8 columns, kWideChannels (12 sums, the most that 16 AVX2 registers hold
// beside a tap's inputs: 6 loads per 12 FMAs instead of 6 per 8; the
// sentiment layer's forward 41 -> 42.5 GFLOP/s), but 4 + 4 for the last 7
// or 8 (6 + 4 would waste a third of a tile: LeNet's 8 channels went from
// 32 to 27); for the last 4 columns, 8 where there are 8.
int tile_channels(int left, bool half) {
  if (half) return left >= 2 * kTileChannels ? 2 * kTileChannels : kTileChannels;
  return left >= kWideChannels && left != 7 && left != 8 ? kWideChannels : kTileChannels;
}

// row_tile_of for a tile of `channels` (tile_channels) and 8 columns, or
// 4 (`half`).
template <int fixed_width>
[[gnu::always_inline]] inline void row_tile(int channels, bool half, const double* const* lines, int x0, int n_lines,
                                            int k_width, const double* weights, std::ptrdiff_t w_stride,
                                            const TileOut& to) {
  if (channels == kWideChannels) {
    row_tile_of<kWideChannels, kTileColumns, fixed_width>(lines, x0, n_lines, k_width, weights, w_stride, to);
  } else if (channels > kTileChannels) {
    row_tile_of<2 * kTileChannels, kTileColumns / 2, fixed_width>(lines, x0, n_lines, k_width, weights, w_stride, to);
  } else if (half) {
    row_tile_of<kTileChannels, kTileColumns / 2, fixed_width>(lines, x0, n_lines, k_width, weights, w_stride, to);
  } else {
    row_tile_of<kTileChannels, kTileColumns, fixed_width>(lines, x0, n_lines, k_width, weights, w_stride, to);
  }
}

// One output row of a convolution (lines and weights as row_tile_of's):
// pieces of kTileColumns columns, tile_channels channels at a time; a row's
// last piece, when 4 columns are enough (28: 8, 8, 8, 4), 8 channels at a
// time where there are 8 (as many sums side by side as a 4 x 8 tile).
MT_CONV_CLONES void conv_row(const double* const* lines, int n_lines, int k_width, const double* weights,
                             std::ptrdiff_t w_stride, const RowOut& out) {
  std::array<double*, 2 * kTileChannels> dst{};
  for (int x0 = 0; x0 < out.width; x0 += kTileColumns) {
    const TileOut to{dst.data(), out.column_step, std::min(kTileColumns, out.width - x0)};
    const bool half = to.columns <= kTileColumns / 2;
    for (int o0 = 0; o0 < out.channels;) {
      const int channels = tile_channels(out.channels - o0, half);
      for (int o = 0; o < channels; ++o) {
        dst[o] = o0 + o < out.channels ? out.row + (o0 + o) * out.channel_step + x0 * out.column_step : nullptr;
      }
      const double* const w = weights + o0 * w_stride;
      if (k_width == 3) {  // the course's 3-wide kernels: taps unrolled
        row_tile<3>(channels, half, lines, x0, n_lines, k_width, w, w_stride, to);
      } else {
        row_tile<0>(channels, half, lines, x0, n_lines, k_width, w, w_stride, to);
      }
      o0 += channels;
    }
  }
}

// tile[o][x] (kTileChannels x columns, columns <= kNarrowColumns: the
// output's width) = sum over the taps of weight(o, tap) * line(tap)[x], as
// row_tile_of, for outputs too narrow for its columns: here kLanes taps side by
// side (one vector per (o, x)), summed at the end. Line l's k_stride taps
// (k_width rounded up to kLanes; the weights of the extra taps are 0) have
// their weights at w_lines[l] + w_first + o * w_stride: packed, or where a
// weight gradient's d_out lies.
template <int columns>
[[gnu::always_inline]] inline void row_dot_of(const double* const* lines, int n_lines, int k_stride,
                                              const double* const* w_lines, std::ptrdiff_t w_first,
                                              std::ptrdiff_t w_stride, const TileOut& to) {
  // As row_tile_of: the first kLanes taps set the sums (no zero-fill).
  double acc[kTileChannels][columns][kLanes];
  const auto add_taps = [&](int l, int first_tap) {
    const double* line = lines[l];
    const double* w = w_lines[l] + w_first;
    for (int j = first_tap; j < k_stride; j += kLanes) {
#pragma GCC unroll 4
      for (int o = 0; o < kTileChannels; ++o) {
#pragma GCC unroll 4
        for (int x = 0; x < columns; ++x) {
#pragma omp simd
          for (int v = 0; v < kLanes; ++v) acc[o][x][v] += w[o * w_stride + j + v] * line[x + j + v];
        }
      }
    }
  };
  const double* const w0 = w_lines[0] + w_first;
#pragma GCC unroll 4
  for (int o = 0; o < kTileChannels; ++o) {
#pragma GCC unroll 4
    for (int x = 0; x < columns; ++x) {
#pragma omp simd
      for (int v = 0; v < kLanes; ++v) acc[o][x][v] = w0[o * w_stride + v] * lines[0][x + v];
    }
  }
  add_taps(0, kLanes);
  for (int l = 1; l < n_lines; ++l) add_taps(l, 0);
  double sums[kTileChannels][columns];
  for (int o = 0; o < kTileChannels; ++o) {
    for (int x = 0; x < columns; ++x) sums[o][x] = (acc[o][x][0] + acc[o][x][1]) + (acc[o][x][2] + acc[o][x][3]);
  }
  store_tile(sums, to);
}

// row_dot_of for to.columns columns (1 to kNarrowColumns): no lane wasted
// on a column the output does not have (a 3x3 kernel's gradient).
MT_CONV_CLONES void row_dot(const double* const* lines, int n_lines, int k_stride, const double* const* w_lines,
                            std::ptrdiff_t w_first, std::ptrdiff_t w_stride, const TileOut& to) {
  switch (to.columns) {
    case 1:
      return row_dot_of<1>(lines, n_lines, k_stride, w_lines, w_first, w_stride, to);
    case 2:
      return row_dot_of<2>(lines, n_lines, k_stride, w_lines, w_first, w_stride, to);
    case 3:
      return row_dot_of<3>(lines, n_lines, k_stride, w_lines, w_first, w_stride, to);
    default:
      return row_dot_of<kNarrowColumns>(lines, n_lines, k_stride, w_lines, w_first, w_stride, to);
  }
}

// to[0, n) = from[0, n): a short row (an image's: 28 numbers) 4 at a time,
// inline (std::copy's call to memmove cost more than the copy).
inline void copy_short(const double* from, int n, double* to) {
  int x = 0;
  for (; x + 4 <= n; x += 4) std::memcpy(to + x, from + x, 4 * sizeof(double));
  for (; x < n; ++x) to[x] = from[x];
}

// The input of g zero-padded (PaddedInput) into buffer, in parallel over the
// images, with `extra` more zero columns on the right (row_dot's rounded taps).
PaddedInput pad_input(const ConvGeometry& g, int tile_columns, int extra, const double* input,
                      std::vector<double>& buffer, int threads) {
  const int row_pad = g.reverse ? g.k_height - 1 : 0, col_pad = g.reverse ? g.k_width - 1 : 0;  // above, left
  const int rows = g.out_height + g.k_height - 1;
  const int cols = (g.out_width + tile_columns - 1) / tile_columns * tile_columns + g.k_width - 1 + extra;
  const PaddedInput p{scratch(buffer, static_cast<std::size_t>(g.batch) * g.in_channels * rows * cols), rows, cols};
  double* const data = buffer.data();
  const int images = g.batch * g.in_channels;
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
  for (int n = 0; n < images; ++n) {
    const double* src = input + n / g.in_channels * g.is[0] + n % g.in_channels * g.is[1];
    double* dst = data + n * p.image();
    for (int r = 0; r < rows; ++r) {
      const int y = r - row_pad;
      double* row = dst + std::ptrdiff_t{r} * cols;
      // Columns [col_pad, col_pad + copied) hold the input's row y; the rest is 0.
      const int copied = y >= 0 && y < g.height ? std::max(0, std::min(g.width, cols - col_pad)) : 0;
      const double* from = copied > 0 ? src + y * g.is[2] : src;
      for (int x = 0; x < col_pad; ++x) row[x] = 0.0;
      if (g.is[3] == 1) {
        copy_short(from, copied, row + col_pad);
      } else {
        for (int x = 0; x < copied; ++x) row[col_pad + x] = from[x * g.is[3]];
      }
      for (int x = col_pad + copied; x < cols; ++x) row[x] = 0.0;
    }
  }
  return p;
}

// The weight packed for row_tile_of and row_dot: [o][c][i][j], o rounded up
// to kTileChannels and j to k_stride (>= k_width) with zeros, flipped in i
// and j when reversed.
const double* pack_weight(const ConvGeometry& g, int k_stride, const double* weight, std::vector<double>& buffer) {
  const int channels = (g.out_channels + kTileChannels - 1) / kTileChannels * kTileChannels;
  const std::ptrdiff_t per_channel = std::ptrdiff_t{g.in_channels} * g.k_height * k_stride;
  double* w = scratch(buffer, static_cast<std::size_t>(channels * per_channel));
  // Zeros only where no weight goes: the rounded-up channels and taps.
  std::fill(w + g.out_channels * per_channel, w + channels * per_channel, 0.0);
  // Reversed: tap (i, j) holds weight (k_height - 1 - i, k_width - 1 - j).
  const std::ptrdiff_t row_step = g.reverse ? -g.ws[2] : g.ws[2], col_step = g.reverse ? -g.ws[3] : g.ws[3];
  const std::ptrdiff_t first = g.reverse ? (g.k_height - 1) * g.ws[2] + (g.k_width - 1) * g.ws[3] : 0;
  for (int o = 0; o < g.out_channels; ++o) {
    for (int c = 0; c < g.in_channels; ++c) {
      const double* src = weight + o * g.ws[0] + c * g.ws[1] + first;
      for (int i = 0; i < g.k_height; ++i, src += row_step, w += k_stride) {
        if (col_step == 1) {
#pragma omp simd
          for (int j = 0; j < g.k_width; ++j) w[j] = src[j];
        } else {
          for (int j = 0; j < g.k_width; ++j) w[j] = src[j * col_step];
        }
        std::fill(w + g.k_width, w + k_stride, 0.0);
      }
    }
  }
  return buffer.data();
}

// out = the convolution of g, direct (see the top): in parallel over the
// output rows (b, y); each element is computed the same way on any number
// of threads.
void conv_direct(const ConvGeometry& g, double* out, const double* input, const double* weight,
                 const ParallelOptions& opt) {
  thread_local std::vector<double> pad_buffer, weight_buffer;
  const std::int64_t work = std::int64_t{g.batch} * g.out_channels * g.positions() * g.taps();
  const int threads = work >= opt.grain ? opt.thread_count() : 1;
  // Narrow outputs (a weight gradient) use row_dot: taps rounded up to kLanes.
  const bool narrow = g.out_width <= kNarrowColumns;
  const int step = narrow ? g.out_width : kTileColumns;  // tile columns
  const int k_stride = narrow ? (g.k_width + kLanes - 1) / kLanes * kLanes : g.k_width;
  const PaddedInput p = pad_input(g, step, k_stride - g.k_width, input, pad_buffer, threads);
  const int n_lines = g.in_channels * g.k_height, rows = g.batch * g.out_height;
  // Each line's weights (row_dot): where the weight lies when its taps are
  // whole lanes, contiguous, and its channels whole tiles (a weight
  // gradient's d_out: 100,000 numbers for LeNet's second layer, not copied);
  // otherwise packed.
  const bool in_place =
      narrow && !g.reverse && g.ws[3] == 1 && g.k_width == k_stride && g.out_channels % kTileChannels == 0;
  const double* w = in_place ? weight : pack_weight(g, k_stride, weight, weight_buffer);
  const std::ptrdiff_t w_stride = in_place ? g.ws[0] : std::ptrdiff_t{n_lines} * k_stride;
  std::vector<const double*> w_lines;
  if (narrow) {
    w_lines.resize(static_cast<std::size_t>(n_lines));
    for (int c = 0, l = 0; c < g.in_channels; ++c) {
      for (int i = 0; i < g.k_height; ++i, ++l) {
        w_lines[static_cast<std::size_t>(l)] =
            in_place ? w + c * g.ws[1] + i * g.ws[2] : w + std::ptrdiff_t{l} * k_stride;
      }
    }
  }
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    // The padded lines output row r = (b, y) reads: rows y .. y +
    // k_height - 1 of each channel.
    std::vector<const double*> lines(static_cast<std::size_t>(n_lines));
    const auto set_lines = [&](int r) {
      const int b = r / g.out_height, y = r % g.out_height;
      for (int c = 0, l = 0; c < g.in_channels; ++c) {
        const double* image = p.data + (std::ptrdiff_t{b} * g.in_channels + c) * p.image();
        for (int i = 0; i < g.k_height; ++i, ++l) lines[l] = image + std::ptrdiff_t{y + i} * p.cols;
      }
      return out + b * g.os[0] + y * g.os[2];
    };
    if (!narrow) {
#pragma omp for schedule(static)
      for (int r = 0; r < rows; ++r) {
        double* const out_row = set_lines(r);
        conv_row(lines.data(), n_lines, g.k_width, w, w_stride,
                 {out_row, g.os[1], g.os[3], g.out_channels, g.out_width});
      }
    } else {
      // Narrow outputs (one tile wide: step = out_width): each thread takes
      // a block of rows. Where a channel tile's weights are small (a weight
      // gradient's d_out, 19 KB for the sentiment layer) it goes tile by
      // tile, each tile's weights read from L1 for every row of the block:
      // 31 -> 39 GFLOP/s. Large ones (LeNet's: 400 KB a tile) go row by row,
      // the row's input lines (110 KB) kept in L2 for every tile.
      const bool tiles_outer = std::int64_t{kTileChannels} * n_lines * k_stride * sizeof(double) <= 64 * 1024;
      std::array<double*, kTileChannels> dst{};
      const TileOut to{dst.data(), g.os[3], g.out_width};
      const auto tile = [&](int o0, double* out_row) {
        for (int o = 0; o < kTileChannels; ++o) {
          dst[o] = o0 + o < g.out_channels ? out_row + (o0 + o) * g.os[1] : nullptr;
        }
        row_dot(lines.data(), n_lines, k_stride, w_lines.data(), o0 * w_stride, w_stride, to);
      };
#pragma omp for schedule(static)
      for (int t = 0; t < threads; ++t) {
        const int r0 = static_cast<int>(std::int64_t{rows} * t / threads);
        const int r1 = static_cast<int>(std::int64_t{rows} * (t + 1) / threads);
        if (tiles_outer) {
          for (int o0 = 0; o0 < g.out_channels; o0 += kTileChannels) {
            for (int r = r0; r < r1; ++r) tile(o0, set_lines(r));
          }
        } else {
          for (int r = r0; r < r1; ++r) {
            double* const out_row = set_lines(r);
            for (int o0 = 0; o0 < g.out_channels; o0 += kTileChannels) tile(o0, out_row);
          }
        }
      }
    }
  }
}

// END SOLUTION

}  // namespace

void fast_conv1d(OutView out, InView input, InView weight, bool reverse, const ParallelOptions& opt) {
  // BEGIN SOLUTION 4.1
  // A 1-D convolution is a 2-D one whose images have a single row:
  // (a, b, width) -> (a, b, 1, width), the row of stride 0.
  const auto with_row = [](auto view) {
    const std::array<int, 4> shape{view.shape()[0], view.shape()[1], 1, view.shape()[2]};
    const std::array<int, 4> strides{view.strides()[0], view.strides()[1], 0, view.strides()[2]};
    view.layout = make_layout(shape, strides);
    return view;
  };
  fast_conv2d(with_row(out), with_row(input), with_row(weight), reverse, opt);
  // END SOLUTION
}

void fast_conv2d(OutView out, InView input, InView weight, bool reverse, const ParallelOptions& opt) {
  // BEGIN SOLUTION 4.2
  const ConvGeometry g = conv_geometry(out, input, weight, reverse);
  if (g.batch == 0 || g.out_channels == 0 || g.positions() == 0 || g.taps() == 0) return;
  ParallelOptions options = opt;
  if (!is_non_overlapping(out.shape(), out.strides())) options.threads = 1;  // threads would race
  conv_direct(g, out.storage, input.storage, weight.storage, options);
  // END SOLUTION
}

}  // namespace minitorch
