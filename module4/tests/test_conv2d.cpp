// module4/tests/test_conv2d.cpp
//
// Task 4.2: the 2-D convolution. The golden forward and reverse of a 3x3
// image by a 2x2 kernel of ones, the original course's test_conv
// ((1,1,6,6) x (1,1,2,4)), test_conv_batch ((2,1,6,6)), test_conv_channel
// ((2,2,6,6) x (3,2,2,4)) and test_conv2 (a 4x4 image, backward of the
// sum), and the kernel against plain loops on random shapes and layouts.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "minitorch/conv.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_conv.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/conv_reference.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
using minitorch::TensorData;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

const auto conv2d_of = [](const Tensor& a, const Tensor& b) { return mt::conv2d(a, b); };

Tensor image_1_to_9() { return t::fast({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 1, 3, 3}); }
Tensor ones_2x2() { return t::fast({1, 1, 1, 1}, {1, 1, 2, 2}); }

// grad_check of conv2d on an input of `input_shape` and a weight of `weight_shape`.
void conv2d_grad_check(const Shape& input_shape, const Shape& weight_shape) {
  const Tensor input = *t::tensors(input_shape, t::small_floats(), mt::fast_backend());
  const Tensor weight = *t::tensors(weight_shape, t::small_floats(), mt::fast_backend());
  t::grad_check(conv2d_of, input, weight);
}

}  // namespace

// 1..9 by ones (2x2), anchored top-left: each output sums the 2x2 window
// below and to the right of it (zeros past the edges).
TEST(Task4_2, Conv2dForwardGolden) {
  const Tensor out = mt::conv2d(image_1_to_9(), ones_2x2());
  ASSERT_EQ(out.shape(), (Shape{1, 1, 3, 3}));
  EXPECT_EQ(out.to_vector(), (std::vector<double>{12, 16, 9, 24, 28, 15, 15, 17, 9}));
}

// The same anchored bottom-right (reverse): the window above and to the left.
TEST(Task4_2, Conv2dReverseGolden) {
  TensorData out = mt::fast_backend().zeros({1, 1, 3, 3});
  mt::fast_backend().conv2d(image_1_to_9().data(), ones_2x2().data(), true, out);
  EXPECT_EQ(Tensor(out, mt::fast_backend()).to_vector(), (std::vector<double>{1, 3, 5, 5, 12, 16, 11, 24, 28}));
}

// A non-symmetric weight: which entry multiplies which neighbour.
TEST(Task4_2, Conv2dWeightOrientation) {
  // weight [[1, 10], [100, 1000]]: out[y, x] = in[y,x] + 10 in[y,x+1] + 100 in[y+1,x] + 1000 in[y+1,x+1].
  const Tensor out = mt::conv2d(image_1_to_9(), t::fast({1, 10, 100, 1000}, {1, 1, 2, 2}));
  EXPECT_EQ(out({0, 0, 0, 0}), 1 + 20 + 400 + 5000);
  EXPECT_EQ(out({0, 0, 1, 2}), 6 + 0 + 900 + 0);
  EXPECT_EQ(out({0, 0, 2, 1}), 8 + 90 + 0 + 0);
}

// test_conv: grad_check on (1, 1, 6, 6) x (1, 1, 2, 4).
RC_GTEST_PROP(Task4_2, Conv2dGradCheck, ()) { conv2d_grad_check({1, 1, 6, 6}, {1, 1, 2, 4}); }

// test_conv_batch: (2, 1, 6, 6) x (1, 1, 2, 4).
RC_GTEST_PROP(Task4_2, Conv2dBatchGradCheck, ()) { conv2d_grad_check({2, 1, 6, 6}, {1, 1, 2, 4}); }

// test_conv_channel: (2, 2, 6, 6) x (3, 2, 2, 4).
RC_GTEST_PROP(Task4_2, Conv2dChannelGradCheck, ()) { conv2d_grad_check({2, 2, 6, 6}, {3, 2, 2, 4}); }

// test_conv2: a 4x4 image with rows [0, 1, 2, 3] by ones (2x2), both
// requiring grad: backward of the sum, then grad_check.
TEST(Task4_2, Conv2SumBackward) {
  const Tensor input = t::fast({0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, {1, 1, 4, 4});
  const Tensor weight = t::fast({1, 1, 1, 1}, {1, 1, 2, 2});
  input.requires_grad_(true);
  weight.requires_grad_(true);
  mt::conv2d(input, weight).sum().backward();
  ASSERT_TRUE(input.grad().has_value());
  ASSERT_TRUE(weight.grad().has_value());
  // Each input element is counted by the windows that cover it.
  EXPECT_EQ(input.grad()->to_vector(), (std::vector<double>{1, 2, 2, 2, 2, 4, 4, 4, 2, 4, 4, 4, 2, 4, 4, 4}));
  // weight[i, j] multiplies every input element at row >= i, column >= j.
  EXPECT_EQ(weight.grad()->to_vector(), (std::vector<double>{24, 24, 18, 18}));
  input.requires_grad_(false);
  weight.requires_grad_(false);
  t::check_property([&] { t::grad_check(conv2d_of, input, weight); });
}

// Random sizes (kernels bigger than the image too), permuted inputs,
// against plain loops.
RC_GTEST_PROP(Task4_2, Conv2dMatchesLoops, ()) {
  const int batch = *rc::gen::inRange(1, 3), in_channels = *rc::gen::inRange(1, 3),
            out_channels = *rc::gen::inRange(1, 3);
  const int height = *rc::gen::inRange(1, 6), width = *rc::gen::inRange(1, 6);
  const int k_height = *rc::gen::inRange(1, 4), k_width = *rc::gen::inRange(1, 4);
  const Tensor input = *t::tensors({batch, in_channels, height, width}, t::small_floats(), mt::fast_backend());
  const Tensor weight =
      *t::tensors({out_channels, in_channels, k_height, k_width}, t::small_floats(), mt::fast_backend());
  const Tensor out = mt::conv2d(input, weight);
  RC_ASSERT(out.shape() == (Shape{batch, out_channels, height, width}));
  MT_RC_ASSERT_NO_DIFFERENCE(
      t::conv_difference(out.data(), t::conv2d_loops(input.data(), weight.data(), out.shape(), false)));
}

// The kernel itself: random shapes, output sizes other than the input's,
// both anchors, any input layout, permuted or gapped outputs, serially and
// in parallel.
RC_GTEST_PROP(Task4_2, KernelMatchesLoops, ()) {
  const int batch = *rc::gen::inRange(1, 3), in_channels = *rc::gen::inRange(1, 3),
            out_channels = *rc::gen::inRange(1, 3);
  const int height = *rc::gen::inRange(1, 6), width = *rc::gen::inRange(1, 6);
  const int k_height = *rc::gen::inRange(1, 4), k_width = *rc::gen::inRange(1, 4);
  const int out_height = *rc::gen::oneOf(rc::gen::just(height), rc::gen::inRange(1, 6));
  const int out_width = *rc::gen::oneOf(rc::gen::just(width), rc::gen::inRange(1, 6));
  const bool reverse = *rc::gen::arbitrary<bool>();
  const TensorData input = *t::any_tensor_data({batch, in_channels, height, width});
  const TensorData weight = *t::any_tensor_data({out_channels, in_channels, k_height, k_width});
  const mt::ParallelOptions opt = t::draw_parallel_options();
  TensorData out = t::conv_output({batch, out_channels, out_height, out_width});
  mt::fast_conv2d(out.out_view(), input.in_view(), weight.in_view(), reverse, opt);
  MT_RC_ASSERT_NO_DIFFERENCE(t::conv_difference(out, t::conv2d_loops(input, weight, out.shape(), reverse)));
}

// Big enough for the default settings to run in parallel: LeNet's second
// layer forward, a call shaped like its weight gradient (outputs 3 x 3: a
// kernel may treat such narrow outputs differently), and out channel
// counts that fill no whole number of 4- or 6-channel tiles (13; 6 with a
// 2-wide kernel): 1 and 2 threads give the same bits, and both the loops'
// values.
TEST(Task4_2, KernelLargeParallel) {
  struct Case {
    Shape input, weight, out;
  };
  const Case cases[] = {{{4, 4, 28, 28}, {8, 4, 3, 3}, {4, 8, 28, 28}},
                        {{4, 16, 28, 28}, {8, 16, 26, 26}, {4, 8, 3, 3}},
                        {{2, 3, 12, 20}, {13, 3, 3, 3}, {2, 13, 12, 20}},
                        {{3, 2, 9, 17}, {6, 2, 2, 2}, {3, 6, 9, 17}}};
  mt::Random rng(42);
  for (const Case& c : cases) {
    const Tensor input = mt::rand(c.input, rng, mt::fast_backend()) - 0.5;
    const Tensor weight = mt::rand(c.weight, rng, mt::fast_backend()) - 0.5;
    for (const bool reverse : {false, true}) {
      SCOPED_TRACE("out " + mt::shape_to_string(c.out) + (reverse ? ", reverse" : ""));
      TensorData one = TensorData::zeros(c.out), two = TensorData::zeros(c.out);
      mt::ParallelOptions serial, parallel;
      serial.threads = 1;
      parallel.threads = 2;
      mt::fast_conv2d(one.out_view(), input.data().in_view(), weight.data().in_view(), reverse, serial);
      mt::fast_conv2d(two.out_view(), input.data().in_view(), weight.data().in_view(), reverse, parallel);
      EXPECT_TRUE(std::equal(one.data(), one.data() + one.size(), two.data())) << "1 and 2 threads differ";
      EXPECT_EQ(t::conv_difference(two, t::conv2d_loops(input.data(), weight.data(), two.shape(), reverse)), "");
    }
  }
}

// Calls shaped like a weight gradient as Conv2dFun's backward makes them:
// input and weight are channel-swapped views of (batch, channels, h, w)
// tensors (the images and d_out), the weight as wide as the image (28: a
// whole number of 4-wide lanes; 10: not), out (in_channels, out_channels,
// 3, 3); out_channels 8 and 6 (whole tiles of 4 channels, or not).
TEST(Task4_2, KernelWeightGradientShapes) {
  mt::Random rng(7);
  for (const int side : {28, 10}) {
    for (const int out_channels : {8, 6}) {
      const Tensor images = mt::rand({5, 4, side, side}, rng, mt::fast_backend()) - 0.5;
      const Tensor d_out = mt::rand({5, out_channels, side, side}, rng, mt::fast_backend()) - 0.5;
      const TensorData input = images.data().permute({1, 0, 2, 3}), weight = d_out.data().permute({1, 0, 2, 3});
      for (const int threads : {1, 2}) {
        SCOPED_TRACE("side " + std::to_string(side) + ", out_channels " + std::to_string(out_channels) + ", " +
                     std::to_string(threads) + " threads");
        TensorData out = TensorData::zeros({4, out_channels, 3, 3});
        std::fill_n(out.data(), out.size(), t::kUntouched);  // every element is written
        mt::ParallelOptions options;
        options.threads = threads;
        options.grain = 1;
        mt::fast_conv2d(out.out_view(), input.in_view(), weight.in_view(), false, options);
        EXPECT_EQ(t::conv_difference(out, t::conv2d_loops(input, weight, out.shape(), false)), "");
      }
    }
  }
}

// ---------------------------------------------------------------- not graded: given code

// Conv2dFun's backward skips the input's gradient when the input is a
// constant (a first layer's images): the weight's gradient is the one
// computed with both.
TEST(Conv, ConstantInputStillGivesTheWeightItsGradient) {
  mt::Random rng(7);
  const Tensor images = mt::rand({2, 3, 6, 5}, rng, mt::fast_backend()) - 0.5;
  const Tensor weight = mt::rand({4, 3, 3, 2}, rng, mt::fast_backend()) - 0.5;
  weight.requires_grad_(true);
  mt::conv2d(images, weight).sum().backward();
  const std::vector<double> constant_input = weight.grad()->to_vector();
  EXPECT_FALSE(images.grad().has_value());
  weight.zero_grad_();
  const Tensor leaf = images.detach();
  leaf.requires_grad_(true);
  mt::conv2d(leaf, weight).sum().backward();
  EXPECT_EQ(weight.grad()->to_vector(), constant_input);
  EXPECT_TRUE(leaf.grad().has_value());
}

// ---------------------------------------------------------------- errors (not graded: given code)

TEST(Conv, Conv2dMismatchedChannelsIsShapeError) {
  const Tensor input = t::fast(std::vector<double>(18, 1.0), {1, 2, 3, 3});
  const Tensor weight = t::fast(std::vector<double>(12, 1.0), {1, 3, 2, 2});
  try {
    mt::conv2d(input, weight);
    FAIL() << "expected a ShapeError";
  } catch (const mt::ShapeError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("(1,2,3,3)"), std::string::npos) << message;
    EXPECT_NE(message.find("(1,3,2,2)"), std::string::npos) << message;
  }
  EXPECT_THROW(mt::conv2d(t::fast({1, 2, 3, 4}, {1, 1, 4}), ones_2x2()), mt::ShapeError);
}
