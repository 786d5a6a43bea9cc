// module4/include/minitorch/nn.h
//
// Tasks 4.3 and 4.4: the layers a convolutional network needs besides the
// convolutions (the original course's nn.py). Everything here is built from
// tensor operations you already have (view, permute, contiguous, sum, exp,
// log, comparisons, the backend's max_reduce) and is recorded for autodiff,
// except argmax, which is a step function (no gradient).
//
//   tile        (batch, channel, height, width) -> (batch, channel, height/kh, width/kw, kh*kw)
//   avgpool2d   (batch, channel, height, width) -> (batch, channel, height/kh, width/kw)
//   maxpool2d   the same, with max instead of mean
//   max         the max along dim, kept with size 1 (Max: its gradient is the argmax mask)
//   argmax      1.0 where an element is the max along dim, else 0.0 (ties: several 1s)
//   softmax     exp(x) / sum exp(x) along dim
//   logsoftmax  x - log sum exp(x) along dim (the log-sum-exp trick: finite for any finite x)
//   dropout     zero each element with probability `rate`
#pragma once

#include <array>
#include <string_view>

#include "minitorch/random.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_functions.h"

namespace minitorch {

/// A pooling window: {height, width}.
using Kernel2d = std::array<int, 2>;

/// What tile returns: the tiled tensor and the pooled height and width.
///   auto [tiled, new_height, new_width] = tile(t, {2, 2});
struct Tiled {
  Tensor tensor;
  int new_height;
  int new_width;
};

/// Task 4.3: reshape an image tensor for 2-D pooling. input (batch, channel,
/// height, width) -> (batch, channel, height / kh, width / kw, kh * kw): the
/// last dimension holds the kh x kw window, row by row. For a 4x4 image
/// 1..16 and kernel {2, 2}, the first window is [1, 2, 5, 6].
/// ShapeError when the input is not 4-D or height (width) is not divisible
/// by kh (kw); ValueError for a kernel size below 1.
Tiled tile(const Tensor& input, Kernel2d kernel);

/// Task 4.3: average pooling: the mean of each kh x kw window,
/// (batch, channel, height / kh, width / kw).
Tensor avgpool2d(const Tensor& input, Kernel2d kernel);

/// Task 4.4: 1.0 at the max of `input` along `dim`, 0.0 elsewhere, of
/// input's shape (ties: every maximal element gets 1.0). Not recorded.
Tensor argmax(const Tensor& input, int dim);

namespace functions {

// out: input's shape with dim -> 1, the max along dim; backward: d_out on
// the argmax (d_out * argmax(input, dim))
struct Max {
  static constexpr std::string_view name = "Max";
  static Tensor forward(TensorContext& ctx, const Tensor& input, int dim);
  static std::array<Tensor, 1> backward(const TensorContext& ctx, const Tensor& d_out);
};

}  // namespace functions

/// Task 4.4: the max along `dim`, kept with size 1 (recorded: functions::Max).
/// IndexingError for a dimension out of range.
Tensor max(const Tensor& input, int dim);

/// Task 4.4: softmax along dim: exp(x_i) / sum_j exp(x_j). Finite for any
/// finite input (subtract the max first: softmax does not change).
Tensor softmax(const Tensor& input, int dim);

/// Task 4.4: log of the softmax along dim: x_i - log sum_j exp(x_j),
/// computed as x_i - m - log sum_j exp(x_j - m) with m the max along dim,
/// so that inputs of +-1000 give finite results.
Tensor logsoftmax(const Tensor& input, int dim);

/// Task 4.4: max pooling: the max of each kh x kw window,
/// (batch, channel, height / kh, width / kw).
Tensor maxpool2d(const Tensor& input, Kernel2d kernel);

/// Task 4.4: dropout. Each element is kept (unchanged: no rescaling, as in
/// the original course) with probability 1 - rate and set to 0 otherwise,
/// drawing one uniform number per element from `rng` (row-major order): an
/// element is dropped when its number is < rate. rate 0 returns the input's
/// values exactly, rate 1 all zeros; ignore = true (evaluation) returns
/// `input` itself. ValueError unless 0 <= rate <= 1.
Tensor dropout(const Tensor& input, double rate, bool ignore, Random& rng);

/// dropout drawing from dropout_generator().
Tensor dropout(const Tensor& input, double rate, bool ignore = false);

/// The generator dropout() draws from when it is given none (seed 0 when
/// the program starts; reseed it with `dropout_generator() = Random(seed)`).
/// One per process, not synchronised: give each thread its own Random.
Random& dropout_generator();

}  // namespace minitorch
