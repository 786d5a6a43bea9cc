// module4/tests/test_pooling.cpp
//
// Task 4.3: tile and avgpool2d. The golden windows of a 4x4 image 1..16
// (test_tile, test_tile_2), the original course's test_avg ((1,1,4,4), three
// kernels, grad_check), and both against plain loops on random shapes,
// kernels and permuted layouts. Suite Pooling (not graded): the errors.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "minitorch/nn.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/compare.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

Tensor image_1_to_16() {
  std::vector<double> values;
  for (int i = 1; i <= 16; ++i) values.push_back(i);
  return mt::tensor(values, {1, 1, 4, 4});
}

// The values of x[prefix..., :] (the last dimension), read through the strides.
std::vector<double> last_axis(const Tensor& x, mt::UserIndex prefix) {
  std::vector<double> out;
  prefix.push_back(0);
  for (int i = 0; i < x.shape().back(); ++i) {
    prefix.back() = i;
    out.push_back(t::element(x, prefix));
  }
  return out;
}

// A random pooling case: batch and channels 1-2, a kernel of 1-3 by 1-3,
// the image 1-3 windows high and wide, values in any permuted layout.
struct PoolCase {
  Tensor input;
  mt::Kernel2d kernel;
};
rc::Gen<PoolCase> pool_cases() {
  return rc::gen::exec([] {
    const int kh = *rc::gen::inRange(1, 4), kw = *rc::gen::inRange(1, 4);
    const Shape shape{*rc::gen::inRange(1, 3), *rc::gen::inRange(1, 3), kh * *rc::gen::inRange(1, 4),
                      kw * *rc::gen::inRange(1, 4)};
    return PoolCase{*t::tensors(shape), mt::Kernel2d{kh, kw}};
  });
}

// The elements of input's window (b, c, i, j) of a kh x kw kernel, row by row.
std::vector<double> window(const Tensor& input, mt::Kernel2d kernel, int b, int c, int i, int j) {
  std::vector<double> out;
  for (int u = 0; u < kernel[0]; ++u) {
    for (int v = 0; v < kernel[1]; ++v) out.push_back(t::element(input, {b, c, i * kernel[0] + u, j * kernel[1] + v}));
  }
  return out;
}

}  // namespace

// test_tile: kernel (2, 2) of 1..16: the windows, row by row within each.
TEST(Task4_3, TileGolden) {
  const auto [tiled, new_height, new_width] = mt::tile(image_1_to_16(), {2, 2});
  EXPECT_EQ(new_height, 2);
  EXPECT_EQ(new_width, 2);
  ASSERT_EQ(tiled.shape(), (Shape{1, 1, 2, 2, 4}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 0, 0}), (std::vector<double>{1, 2, 5, 6}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 0, 1}), (std::vector<double>{3, 4, 7, 8}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 1, 0}), (std::vector<double>{9, 10, 13, 14}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 1, 1}), (std::vector<double>{11, 12, 15, 16}));
}

// test_tile_2: kernel (1, 2).
TEST(Task4_3, TileOneByTwo) {
  const auto [tiled, new_height, new_width] = mt::tile(image_1_to_16(), {1, 2});
  EXPECT_EQ(new_height, 4);
  EXPECT_EQ(new_width, 2);
  ASSERT_EQ(tiled.shape(), (Shape{1, 1, 4, 2, 2}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 0, 0}), (std::vector<double>{1, 2}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 0, 1}), (std::vector<double>{3, 4}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 3, 1}), (std::vector<double>{15, 16}));
}

// Kernel (2, 1): windows are columns of two.
TEST(Task4_3, TileTwoByOne) {
  const auto [tiled, new_height, new_width] = mt::tile(image_1_to_16(), {2, 1});
  ASSERT_EQ(tiled.shape(), (Shape{1, 1, 2, 4, 2}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 0, 0}), (std::vector<double>{1, 5}));
  EXPECT_EQ(last_axis(tiled, {0, 0, 1, 3}), (std::vector<double>{12, 16}));
}

// Random shapes, kernels and permuted inputs: every window against loops.
RC_GTEST_PROP(Task4_3, TileMatchesLoops, ()) {
  const PoolCase c = *pool_cases();
  const auto [tiled, new_height, new_width] = mt::tile(c.input, c.kernel);
  const Shape& s = c.input.shape();
  RC_ASSERT(new_height == s[2] / c.kernel[0]);
  RC_ASSERT(new_width == s[3] / c.kernel[1]);
  RC_ASSERT(tiled.shape() == (Shape{s[0], s[1], new_height, new_width, c.kernel[0] * c.kernel[1]}));
  for (const mt::UserIndex& index : t::all_indices({s[0], s[1], new_height, new_width})) {
    RC_ASSERT(last_axis(tiled, index) == window(c.input, c.kernel, index[0], index[1], index[2], index[3]));
  }
}

// test_avg: (1, 1, 4, 4) with kernels (2, 2), (2, 1), (1, 2); grad_check.
RC_GTEST_PROP(Task4_3, AvgPool, ()) {
  const Tensor x = *t::tensors({1, 1, 4, 4});
  const auto mean = [&](int rows, int cols) {
    double sum = 0.0;
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) sum += t::element(x, {0, 0, i, j});
    }
    return sum / (rows * cols);
  };
  MT_RC_ASSERT_CLOSE(mt::avgpool2d(x, {2, 2})({0, 0, 0, 0}), mean(2, 2));
  MT_RC_ASSERT_CLOSE(mt::avgpool2d(x, {2, 1})({0, 0, 0, 0}), mean(2, 1));
  MT_RC_ASSERT_CLOSE(mt::avgpool2d(x, {1, 2})({0, 0, 0, 0}), mean(1, 2));
  t::grad_check([](const Tensor& a) { return mt::avgpool2d(a, {2, 2}); }, x);
}

// Random shapes, kernels and permuted inputs: every pooled value against
// the mean of its window; grad_check.
RC_GTEST_PROP(Task4_3, AvgPoolMatchesLoops, ()) {
  const PoolCase c = *pool_cases();
  const Tensor out = mt::avgpool2d(c.input, c.kernel);
  const Shape& s = c.input.shape();
  RC_ASSERT(out.shape() == (Shape{s[0], s[1], s[2] / c.kernel[0], s[3] / c.kernel[1]}));
  for (const mt::UserIndex& index : t::all_indices(out.shape())) {
    const std::vector<double> w = window(c.input, c.kernel, index[0], index[1], index[2], index[3]);
    double sum = 0.0;
    for (double v : w) sum += v;
    MT_RC_ASSERT_ALLCLOSE(out(index), sum / static_cast<double>(w.size()), 1e-9, 1e-9);
  }
  const mt::Kernel2d kernel = c.kernel;
  t::grad_check([kernel](const Tensor& a) { return mt::avgpool2d(a, kernel); }, c.input);
}

// ---------------------------------------------------------------- errors (not graded: given code)

TEST(Pooling, NotDivisibleIsShapeError) {
  const Tensor x = mt::zeros({1, 1, 5, 4});
  try {
    mt::tile(x, {2, 2});
    FAIL() << "expected a ShapeError";
  } catch (const mt::ShapeError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("height 5 is not divisible by 2"), std::string::npos) << message;
  }
  try {
    mt::avgpool2d(mt::zeros({1, 1, 4, 3}), {2, 2});
    FAIL() << "expected a ShapeError";
  } catch (const mt::ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("width 3 is not divisible by 2"), std::string::npos) << e.what();
  }
}

TEST(Pooling, BadRankOrKernel) {
  EXPECT_THROW(mt::tile(mt::zeros({4, 4}), {2, 2}), mt::ShapeError);
  EXPECT_THROW(mt::tile(mt::zeros({1, 1, 4, 4}), {0, 2}), mt::ValueError);
}
