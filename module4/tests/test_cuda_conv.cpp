// module4/tests/test_cuda_conv.cpp
//
// Task 4.4b (extra credit): Tasks 4.1 and 4.2's checks on the CUDA backend's
// conv1d and conv2d kernels, on every CUDA target (the simulator forward and
// reverse, the GPU when one answers), named Task4_4b.<test>/<target>: the
// course's golden values, forward and reverse, gradient checks through
// conv1d()/conv2d(), and the kernels against plain loops on random shapes,
// permuted, gapped and expanded inputs, gapped outputs (gaps untouched),
// output widths other than the input's, kernels wider than a tile.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <string>
#include <vector>

#include "minitorch/conv.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/tensor.h"
#include "support/conv_reference.h"
#include "support/grad_check.h"
#include "support/register_property.h"
#include "support/tensor_generators.h"

namespace {

using minitorch::CudaTarget;
using minitorch::Shape;
using minitorch::Tensor;
using minitorch::TensorData;
namespace mt = minitorch;
namespace t = minitorch::testing;

// The backend's conv of `input` by `weight` into `out` (on the host, any
// layout): copied to the device and back, gaps included.
TensorData device_conv(const mt::TensorBackend& backend, bool two_d, const TensorData& input, const TensorData& weight,
                       const TensorData& out, bool reverse) {
  TensorData device_out = t::on_backend(out, backend);
  const TensorData device_in = t::on_backend(input, backend), device_weight = t::on_backend(weight, backend);
  if (two_d) {
    backend.conv2d(device_in, device_weight, reverse, device_out);
  } else {
    backend.conv1d(device_in, device_weight, reverse, device_out);
  }
  std::vector<double> storage(device_out.storage().size());
  backend.memory.to_host(storage.data(), device_out.storage().data(), storage.size());
  return TensorData(mt::Storage(storage), out.shape(), out.strides());
}

std::vector<double> on(const Tensor& x) { return x.to_vector(); }

void register_conv_tests(const CudaTarget& target) {
  const mt::TensorBackend* b = &target.backend;
  const auto dev = [b](const std::vector<double>& values, const Shape& shape) { return mt::tensor(values, shape, *b); };
  t::register_test("Task4_4b", "Conv1dSimple", [dev] {
    EXPECT_EQ(on(mt::conv1d(dev({0, 1, 2, 3}, {1, 1, 4}), dev({1, 2, 3}, {1, 1, 3}))),
              (std::vector<double>{8, 14, 8, 3}));
    EXPECT_EQ(on(mt::conv1d(dev({1, 2, 3, 4, 5, 6}, {1, 1, 6}), dev({5, 2, 3}, {1, 1, 3}))),
              (std::vector<double>{18, 28, 38, 48, 37, 30}));
  });
  t::register_test("Task4_4b", "Conv1dReverse", [b] {
    const TensorData out = device_conv(*b, false, TensorData({0, 1, 2, 3}, {1, 1, 4}), TensorData({1, 2, 3}, {1, 1, 3}),
                                       TensorData::zeros({1, 1, 4}), true);
    EXPECT_EQ(std::vector<double>(out.data(), out.data() + 4), (std::vector<double>{0, 1, 4, 10}));
  });
  t::register_test("Task4_4b", "Conv2dGolden", [dev] {
    // A 3 x 3 input 0..8 by a 2 x 2 of ones: each output sums the 2 x 2 window
    // at its top left, zero past the edges.
    const Tensor input = dev({0, 1, 2, 3, 4, 5, 6, 7, 8}, {1, 1, 3, 3});
    const Tensor weight = dev({1, 1, 1, 1}, {1, 1, 2, 2});
    EXPECT_EQ(on(mt::conv2d(input, weight)), (std::vector<double>{8, 12, 7, 20, 24, 13, 13, 15, 8}));
  });
  t::register_property(
      "Task4_4b", "Conv1dGradCheck",
      [b] {
        t::grad_check([](const Tensor& x, const Tensor& w) { return mt::conv1d(x, w); },
                      *t::tensors({2, 2, 6}, t::small_floats(), *b), *t::tensors({3, 2, 2}, t::small_floats(), *b));
      },
      __FILE__, __LINE__, 25);
  t::register_property(
      "Task4_4b", "Conv2dGradCheck",
      [b] {
        t::grad_check([](const Tensor& x, const Tensor& w) { return mt::conv2d(x, w); },
                      *t::tensors({2, 2, 5, 4}, t::small_floats(), *b),
                      *t::tensors({3, 2, 2, 3}, t::small_floats(), *b));
      },
      __FILE__, __LINE__, 25);
  t::register_property(
      "Task4_4b", "Conv1dKernelMatchesLoops",
      [b] {
        const int batch = *rc::gen::inRange(1, 4), in_channels = *rc::gen::inRange(1, 4);
        const int out_channels = *rc::gen::inRange(1, 4), width = *rc::gen::inRange(1, 80);
        const int k_width = *rc::gen::oneOf(rc::gen::inRange(1, 6), rc::gen::inRange(30, 70));  // over a tile
        const int out_width = *rc::gen::oneOf(rc::gen::just(width), rc::gen::inRange(1, 80));
        const bool reverse = *rc::gen::arbitrary<bool>();
        const TensorData input = *t::any_tensor_data({batch, in_channels, width});
        const TensorData weight = *t::any_tensor_data({out_channels, in_channels, k_width});
        const TensorData out =
            device_conv(*b, false, input, weight, t::conv_output({batch, out_channels, out_width}), reverse);
        MT_RC_ASSERT_NO_DIFFERENCE(t::conv_difference(out, t::conv1d_loops(input, weight, out.shape(), reverse)));
      },
      __FILE__, __LINE__, 50);
  t::register_property(
      "Task4_4b", "Conv2dKernelMatchesLoops",
      [b] {
        const int batch = *rc::gen::inRange(1, 3), in_channels = *rc::gen::inRange(1, 3);
        const int out_channels = *rc::gen::inRange(1, 3);
        const int height = *rc::gen::inRange(1, 21), width = *rc::gen::inRange(1, 21);
        const int k_height = *rc::gen::oneOf(rc::gen::inRange(1, 4), rc::gen::inRange(15, 20));  // over a tile
        const int k_width = *rc::gen::inRange(1, 5);
        const int out_height = *rc::gen::oneOf(rc::gen::just(height), rc::gen::inRange(1, 21));
        const int out_width = *rc::gen::oneOf(rc::gen::just(width), rc::gen::inRange(1, 21));
        const bool reverse = *rc::gen::arbitrary<bool>();
        const TensorData input = *t::any_tensor_data({batch, in_channels, height, width});
        const TensorData weight = *t::any_tensor_data({out_channels, in_channels, k_height, k_width});
        const TensorData out =
            device_conv(*b, true, input, weight, t::conv_output({batch, out_channels, out_height, out_width}), reverse);
        MT_RC_ASSERT_NO_DIFFERENCE(t::conv_difference(out, t::conv2d_loops(input, weight, out.shape(), reverse)));
      },
      __FILE__, __LINE__, 50);
}

const bool registered = [] {
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    const t::TestNameSuffix suffix("/" + target->name);
    register_conv_tests(*target);
  }
  return true;
}();

}  // namespace
