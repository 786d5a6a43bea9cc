// module4/tests/test_conv1d.cpp
//
// Task 4.1: the 1-D convolution. The original course's test_conv1d_simple,
// test_conv1d (grad_check on (1,1,6) x (1,1,4)) and test_conv1d_channel
// ((2,2,6) x (3,2,2)), the older simple-backward and in-channel tests, the
// guide's worked example, the reverse anchoring, and the kernel against
// plain loops on random shapes, permuted, gapped and expanded layouts and
// output widths other than the input's, serially and in parallel. Suite Conv
// (not graded): the errors of bad shapes and backends.
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

// The values of a tensor in row-major order.
std::vector<double> values(const Tensor& x) { return x.to_vector(); }

// The backend's conv1d of input by weight into a new (batch, out_channels, out_width) tensor.
Tensor conv1d_kernel(const Tensor& input, const Tensor& weight, int out_width, bool reverse) {
  TensorData out = mt::fast_backend().zeros({input.shape()[0], weight.shape()[0], out_width});
  mt::fast_backend().conv1d(input.data(), weight.data(), reverse, out);
  return Tensor(out, mt::fast_backend());
}

}  // namespace

// test_conv1d_simple: [0, 1, 2, 3] by [1, 2, 3], exactly.
TEST(Task4_1, Conv1dSimple) {
  const Tensor input = t::fast({0, 1, 2, 3}, {1, 1, 4});
  const Tensor weight = t::fast({1, 2, 3}, {1, 1, 3});
  const Tensor out = mt::conv1d(input, weight);
  ASSERT_EQ(out.shape(), (Shape{1, 1, 4}));
  EXPECT_EQ(out({0, 0, 0}), 0 * 1 + 1 * 2 + 2 * 3);
  EXPECT_EQ(out({0, 0, 1}), 1 * 1 + 2 * 2 + 3 * 3);
  EXPECT_EQ(out({0, 0, 2}), 2 * 1 + 3 * 2);
  EXPECT_EQ(out({0, 0, 3}), 3 * 1);
}

// The guide's example: [1 .. 6] by [5, 2, 3] is the unrolled
// [[1,2,3],[2,3,4],[3,4,5],[4,5,6],[5,6,0],[6,0,0]] @ w.
TEST(Task4_1, Conv1dGuideExample) {
  const Tensor out = mt::conv1d(t::fast({1, 2, 3, 4, 5, 6}, {1, 1, 6}), t::fast({5, 2, 3}, {1, 1, 3}));
  EXPECT_EQ(values(out), (std::vector<double>{18, 28, 38, 48, 37, 30}));
}

// reverse anchors the window on the right: out[t] = sum_k input[t - k] * weight[k].
TEST(Task4_1, Conv1dReverse) {
  const Tensor out = conv1d_kernel(t::fast({0, 1, 2, 3}, {1, 1, 4}), t::fast({1, 2, 3}, {1, 1, 3}), 4, true);
  EXPECT_EQ(values(out), (std::vector<double>{0, 1, 4, 10}));
}

// test_conv1d_simple_backward: input [0, 1, 2, 3], weight [1, 2, 3],
// d_out [0, 1, 2, 3]: d input[s] = sum_k weight[k] * d_out[s - k],
// d weight[k] = sum_t d_out[t] * input[t + k].
TEST(Task4_1, Conv1dSimpleBackward) {
  const Tensor input = t::fast({0, 1, 2, 3}, {1, 1, 4});
  const Tensor weight = t::fast({1, 2, 3}, {1, 1, 3});
  input.requires_grad_(true);
  weight.requires_grad_(true);
  mt::conv1d(input, weight).backward(t::fast({0, 1, 2, 3}, {1, 1, 4}));
  ASSERT_TRUE(input.grad().has_value());
  ASSERT_TRUE(weight.grad().has_value());
  EXPECT_EQ(input.grad()->shape(), (Shape{1, 1, 4}));
  EXPECT_EQ(weight.grad()->shape(), (Shape{1, 1, 3}));
  EXPECT_EQ(values(*input.grad()), (std::vector<double>{0, 1, 4, 10}));
  EXPECT_EQ(values(*weight.grad()), (std::vector<double>{14, 8, 3}));
}

// test_conv1d_in_channel: two identical in-channels (and weights) double the output.
TEST(Task4_1, Conv1dInChannel) {
  const Tensor one = mt::conv1d(t::fast({0, 1, 2, 3}, {1, 1, 4}), t::fast({1, 2, 3}, {1, 1, 3}));
  const Tensor two = mt::conv1d(t::fast({0, 1, 2, 3, 0, 1, 2, 3}, {1, 2, 4}), t::fast({1, 2, 3, 1, 2, 3}, {1, 2, 3}));
  ASSERT_EQ(two.shape(), (Shape{1, 1, 4}));
  EXPECT_EQ(values(two), (std::vector<double>{16, 28, 16, 6}));
  EXPECT_EQ(values(two), values(2.0 * one));
}

// Out-channels and batches: each (batch, out-channel) pair gets its own sum.
TEST(Task4_1, Conv1dBatchAndOutChannels) {
  // batch 2: [1, 2, 3] and [4, 5, 6]; out-channel 0 weight [1, 0], out-channel 1 weight [0, 1].
  const Tensor out = mt::conv1d(t::fast({1, 2, 3, 4, 5, 6}, {2, 1, 3}), t::fast({1, 0, 0, 1}, {2, 1, 2}));
  ASSERT_EQ(out.shape(), (Shape{2, 2, 3}));
  EXPECT_EQ(values(out), (std::vector<double>{1, 2, 3, 2, 3, 0, 4, 5, 6, 5, 6, 0}));
}

// test_conv1d: grad_check on (1, 1, 6) x (1, 1, 4).
RC_GTEST_PROP(Task4_1, Conv1dGradCheck, ()) {
  const Tensor input = *t::tensors({1, 1, 6}, t::small_floats(), mt::fast_backend());
  const Tensor weight = *t::tensors({1, 1, 4}, t::small_floats(), mt::fast_backend());
  t::grad_check([](const Tensor& a, const Tensor& b) { return mt::conv1d(a, b); }, input, weight);
}

// test_conv1d_channel: grad_check on (2, 2, 6) x (3, 2, 2).
RC_GTEST_PROP(Task4_1, Conv1dChannelGradCheck, ()) {
  const Tensor input = *t::tensors({2, 2, 6}, t::small_floats(), mt::fast_backend());
  const Tensor weight = *t::tensors({3, 2, 2}, t::small_floats(), mt::fast_backend());
  t::grad_check([](const Tensor& a, const Tensor& b) { return mt::conv1d(a, b); }, input, weight);
}

// Random sizes (kernels wider than the input too), permuted inputs: the
// values against plain loops, and every gradient element against loops
// (d input by the reversed convolution, d weight by correlation).
RC_GTEST_PROP(Task4_1, Conv1dMatchesLoops, ()) {
  const int batch = *rc::gen::inRange(1, 4), in_channels = *rc::gen::inRange(1, 4);
  const int out_channels = *rc::gen::inRange(1, 4), width = *rc::gen::inRange(1, 9), k_width = *rc::gen::inRange(1, 6);
  const Tensor input = *t::tensors({batch, in_channels, width}, t::small_floats(), mt::fast_backend());
  const Tensor weight = *t::tensors({out_channels, in_channels, k_width}, t::small_floats(), mt::fast_backend());
  const Tensor out = mt::conv1d(input, weight);
  RC_ASSERT(out.shape() == (Shape{batch, out_channels, width}));
  MT_RC_ASSERT_NO_DIFFERENCE(
      t::conv_difference(out.data(), t::conv1d_loops(input.data(), weight.data(), out.shape(), false)));
}

// The kernel itself: random shapes, output widths other than the input's
// (the weight-gradient call), both anchors, inputs permuted, gapped or
// expanded (stride 0), outputs permuted or gapped (the gaps must stay
// untouched), serially and in parallel.
RC_GTEST_PROP(Task4_1, KernelMatchesLoops, ()) {
  const int batch = *rc::gen::inRange(1, 4), in_channels = *rc::gen::inRange(1, 4);
  const int out_channels = *rc::gen::inRange(1, 4), width = *rc::gen::inRange(1, 9), k_width = *rc::gen::inRange(1, 6);
  const int out_width = *rc::gen::oneOf(rc::gen::just(width), rc::gen::inRange(1, 9));
  const bool reverse = *rc::gen::arbitrary<bool>();
  const TensorData input = *t::any_tensor_data({batch, in_channels, width});
  const TensorData weight = *t::any_tensor_data({out_channels, in_channels, k_width});
  const mt::ParallelOptions opt = t::draw_parallel_options();
  TensorData out = t::conv_output({batch, out_channels, out_width});
  mt::fast_conv1d(out.out_view(), input.in_view(), weight.in_view(), reverse, opt);
  MT_RC_ASSERT_NO_DIFFERENCE(t::conv_difference(out, t::conv1d_loops(input, weight, out.shape(), reverse)));
}

// Big enough for the default settings to run in parallel: against loops,
// and 1 thread and 2 threads give the same bits. A 5-wide kernel, and the
// sentiment model's layer (3 wide, 100 out channels, 60 columns: many
// channels at a time in a register tile, with some left over).
TEST(Task4_1, KernelLargeParallel) {
  struct Case {
    Shape input, weight;
  };
  const Case cases[] = {{{4, 8, 64}, {16, 8, 5}}, {{10, 50, 60}, {100, 50, 3}}};
  mt::Random rng(41);
  for (const Case& c : cases) {
    const Tensor input = mt::rand(c.input, rng, mt::fast_backend()) - 0.5;
    const Tensor weight = mt::rand(c.weight, rng, mt::fast_backend()) - 0.5;
    const Shape out_shape{c.input[0], c.weight[0], c.input[2]};
    for (const bool reverse : {false, true}) {
      SCOPED_TRACE("weight " + mt::shape_to_string(c.weight) + (reverse ? ", reverse" : ""));
      TensorData one = TensorData::zeros(out_shape), two = TensorData::zeros(out_shape);
      mt::ParallelOptions serial, parallel;
      serial.threads = 1;
      parallel.threads = 2;
      mt::fast_conv1d(one.out_view(), input.data().in_view(), weight.data().in_view(), reverse, serial);
      mt::fast_conv1d(two.out_view(), input.data().in_view(), weight.data().in_view(), reverse, parallel);
      EXPECT_EQ(one.storage().size(), two.storage().size());
      EXPECT_TRUE(std::equal(one.data(), one.data() + one.size(), two.data())) << "1 and 2 threads differ";
      EXPECT_EQ(t::conv_difference(two, t::conv1d_loops(input.data(), weight.data(), two.shape(), reverse)), "");
    }
  }
}

// ---------------------------------------------------------------- errors (not graded: given code)

TEST(Conv, Conv1dMismatchedChannelsIsShapeError) {
  const Tensor input = t::fast(std::vector<double>(10, 1.0), {1, 2, 5});
  const Tensor weight = t::fast(std::vector<double>(6, 1.0), {1, 3, 2});
  try {
    mt::conv1d(input, weight);
    FAIL() << "expected a ShapeError";
  } catch (const mt::ShapeError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("(1,2,5)"), std::string::npos) << message;
    EXPECT_NE(message.find("(1,3,2)"), std::string::npos) << message;
    EXPECT_NE(message.find("in_channels"), std::string::npos) << message;
  }
}

TEST(Conv, Conv1dWrongRankIsShapeError) {
  EXPECT_THROW(mt::conv1d(t::fast({1, 2, 3, 4}, {1, 4}), t::fast({1, 2}, {1, 1, 2})), mt::ShapeError);
  EXPECT_THROW(mt::conv1d(t::fast({1, 2, 3, 4}, {1, 1, 4}), t::fast({1, 2}, {1, 2})), mt::ShapeError);
}

// The kernel slot checks shapes too: a caller of the backend table cannot
// make the kernel read or write out of bounds.
TEST(Conv, Conv1dKernelSlotChecksShapes) {
  const Tensor input = t::fast({0, 1, 2, 3}, {1, 1, 4});
  const Tensor weight = t::fast({1, 2, 3, 4, 5, 6}, {2, 1, 3});
  TensorData wrong_channels = mt::fast_backend().zeros({1, 3, 4});
  EXPECT_THROW(mt::fast_backend().conv1d(input.data(), weight.data(), false, wrong_channels), mt::ShapeError);
  TensorData wrong_batch = mt::fast_backend().zeros({2, 2, 4});
  EXPECT_THROW(mt::fast_backend().conv1d(input.data(), weight.data(), false, wrong_batch), mt::ShapeError);
}

TEST(Conv, FastBackendSupportsConvolutions) {
  EXPECT_TRUE(mt::fast_backend().supports(mt::OptionalOp::conv1d));
  EXPECT_TRUE(mt::fast_backend().supports(mt::OptionalOp::conv2d));
  EXPECT_TRUE(mt::make_fast_backend(mt::ParallelOptions{}, "fast2").supports(mt::OptionalOp::conv1d));
}

// The simple backend has no convolution: the error names the one that has.
TEST(Conv, SimpleBackendNamesTheFastOne) {
  const Tensor input = mt::tensor({0, 1, 2, 3}, {1, 1, 4});
  const Tensor weight = mt::tensor({1, 2, 3}, {1, 1, 3});
  try {
    mt::conv1d(input, weight);
    FAIL() << "expected an Error";
  } catch (const mt::Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("simple"), std::string::npos) << message;
    EXPECT_NE(message.find("conv1d"), std::string::npos) << message;
    EXPECT_NE(message.find("fast"), std::string::npos) << message;
  }
}
