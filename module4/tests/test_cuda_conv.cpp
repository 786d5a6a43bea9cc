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

#include <cstdint>
#include <string>
#include <vector>

#include "minitorch/conv.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/tensor.h"
#include "support/conv_reference.h"
#include "support/grad_check.h"
#include "support/register_property.h"
#include "support/tensor_generators.h"
#include "support/traffic_checks.h"

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

// ----------------------------------------------------------------- technique
// The simulator counts each launch's loads and stores of device memory
// (cudasim/traffic.h). A block of the tiled kernels reads, per input channel
// and per step through the kernel, one tile of weights and one tile of input
// (module4/include/minitorch/cuda_conv.cuh); the bounds below count full
// tiles, which the reference meets (it skips the cells past an edge).

/// `n` values -1 .. 1, not all equal.
std::vector<double> ramp(int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = ((i * 7) % 23) / 11.0 - 1.0;
  return v;
}

void register_technique_tests(const CudaTarget& target) {
  const mt::TensorBackend* b = &target.backend;
  t::register_test("Task4_4b", "Conv1dReadsTilesFromGlobalMemory", [b] {
    // input (2, 3, 100) * weight (4, 3, 16): a block per 32 outputs of one
    // (batch, out channel), 4 x 4 x 2 = 32 blocks, each reading per input
    // channel 16 weights and a tile of 64 input cells:
    //   bound = 32 blocks x 3 channels x (16 + 64) = 7,680 cells;
    // a thread reading its 3 x 16 inputs and weights from global memory reads
    // 2 x 2 x 4 x 100 x 3 x 16 = 76,800. Output written once per cell.
    // Reference: 5,568 loads (its tiles skip the cells past the input's
    // end), 800 stores.
    SKIP_UNLESS_COUNTED();
    const Tensor input = mt::tensor(ramp(2 * 3 * 100), {2, 3, 100}, *b);
    const Tensor weight = mt::tensor(ramp(4 * 3 * 16), {4, 3, 16}, *b);
    cudasim::TrafficRecorder recorder;
    const Tensor out = mt::conv1d(input, weight);
    const cudasim::LaunchTraffic& launch = recorder.only("conv1d_kernel");
    const std::uint64_t loads = launch.argument(1)->loads + launch.argument(2)->loads, bound = 7680;
    EXPECT_LE(loads, bound) << "your conv1d_kernel read " << t::grouped(loads)
                            << " cells of input and weight for (2,3,100) * (4,3,16); the tiled kernel reads at most "
                            << t::grouped(bound)
                            << ": per input channel and chunk of 32 weights, the block copies the weights and the 63 "
                               "input cells its 32 outputs meet into __shared__ arrays, waits at a barrier, and reads "
                               "them from there.";
    t::expect_each_cell_stored_once(launch, 0, "out", 2 * 4 * 100,
                                    "Each thread accumulates its output over every channel and chunk, then writes it "
                                    "once.");
  });
  t::register_test("Task4_4b", "Conv2dReadsTilesFromGlobalMemory", [b] {
    // input (1, 2, 32, 32) * weight (3, 2, 5, 5): blocks of 16 x 16
    // outputs, 2 x 2 x 3 = 12 blocks, each reading per input channel the 25
    // weights and a tile of 32 x 32 input cells:
    //   bound = 12 blocks x 2 channels x (25 + 1,024) = 25,176 cells;
    // a thread reading its 2 x 25 inputs and weights from global memory reads
    // 2 x 3 x 32 x 32 x 2 x 25 = 307,200. Output written once per cell.
    // Reference: 14,424 loads (its tiles skip the cells past an edge), 3,072 stores.
    SKIP_UNLESS_COUNTED();
    const Tensor input = mt::tensor(ramp(2 * 32 * 32), {1, 2, 32, 32}, *b);
    const Tensor weight = mt::tensor(ramp(3 * 2 * 5 * 5), {3, 2, 5, 5}, *b);
    cudasim::TrafficRecorder recorder;
    const Tensor out = mt::conv2d(input, weight);
    const cudasim::LaunchTraffic& launch = recorder.only("conv2d_kernel");
    const std::uint64_t loads = launch.argument(1)->loads + launch.argument(2)->loads, bound = 25176;
    EXPECT_LE(loads, bound) << "your conv2d_kernel read " << t::grouped(loads)
                            << " cells of input and weight for (1,2,32,32) * (3,2,5,5); the tiled kernel reads at "
                               "most "
                            << t::grouped(bound)
                            << ": per input channel and 16x16 tile of weights, the block copies the weights and the "
                               "32x32 input cells its outputs meet into __shared__ arrays, waits at a barrier, and "
                               "reads them from there.";
    t::expect_each_cell_stored_once(launch, 0, "out", 3 * 32 * 32,
                                    "Each thread accumulates its output over every channel and tile, then writes it "
                                    "once.");
  });
}

const bool registered = [] {
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    const t::TestNameSuffix suffix("/" + target->name);
    register_conv_tests(*target);
    // The technique: on the simulator, which counts (one schedule suffices).
    if (target->name == "cudasim_forward") register_technique_tests(*target);
  }
  return true;
}();

}  // namespace
