// module3/tests/test_cuda_ops.cpp
//
// Task 3.3: the CUDA map, zip and reduce kernels and the practice sum, on
// every CUDA target of this machine: the simulator under the forward and
// the reverse thread schedule (a race from a missing __syncthreads() shows
// under at least one of them), and the GPU when one answers. Each test name
// ends with its target: Task3_3.OneArg_neg/cudasim_forward,
// Task3_3.OneArg_neg/cudasim_reverse, Task3_3.OneArg_neg/cuda.
//
//  - The whole tensor suite of Module 2 on the target's backend (forwards,
//    gradients, permuted, gapped and broadcast layouts) and every map, zip
//    and reduce of its table against the simple backend.
//  - The course's practice sums (16, 32, 48, 64, 500 values, other
//    dimensions) and reductions longer than one block of 1024 threads.
//  - Tensors stay on the device and move between backends with to().
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "minitorch/cuda_backend.h"
#include "minitorch/datasets.h"
#include "minitorch/fast_network.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/register_property.h"
#include "support/tensor_suite.h"

namespace {

using minitorch::CudaTarget;
using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;
namespace t = minitorch::testing;

// n values, deterministic and not all equal: 0.25, -0.5, 0.75, ...
std::vector<double> values(int n, double scale = 1.0) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = scale * ((i % 7) - 3 + 0.25 * (i % 5));
  return v;
}

double host_sum(const std::vector<double>& v, std::size_t begin = 0, std::size_t end = ~std::size_t{0}) {
  end = std::min(end, v.size());
  return begin >= end ? 0.0
                      : std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(begin),
                                        v.begin() + static_cast<std::ptrdiff_t>(end), 0.0);
}

// test_sum_practice .. 3: the block sums of sum_practice, each block and in total.
void expect_block_sums(const CudaTarget& target, int n) {
  const std::vector<double> a = values(n);
  const std::vector<double> out = target.sum_practice(a);
  ASSERT_EQ(out.size(), static_cast<std::size_t>(n / 32 + 1)) << "sum_practice of " << n << " values";
  for (std::size_t b = 0; b < out.size(); ++b) {
    EXPECT_TRUE(t::allclose(out[b], host_sum(a, 32 * b, 32 * b + 32), 1e-9, 1e-9))
        << "block " << b << " of " << n << " values: got " << out[b] << ", expected the sum of a[" << 32 * b << " .. "
        << 32 * b + 31 << "] = " << host_sum(a, 32 * b, 32 * b + 32);
  }
  EXPECT_TRUE(t::allclose(host_sum(out), host_sum(a), 1e-9, 1e-9));
}

// test_sum_practice4/5 and longer: the reduce kernel over one dimension of n.
void expect_reduce_1d(const CudaTarget& target, int n) {
  const std::vector<double> a = values(n);
  const Tensor x = mt::tensor(a, {n}, target.backend);
  const double got = x.sum(0).item();
  EXPECT_TRUE(t::allclose(got, host_sum(a), 1e-9, 1e-9))
      << "sum of " << n << " values: " << got << " vs " << host_sum(a);
  const double max = *std::max_element(a.begin(), a.end());
  EXPECT_EQ(target.backend.max_reduce(x, 0).item(), max);  // max is exact in any order
}

void register_practice_tests(const CudaTarget& target) {
  const CudaTarget* tp = &target;
  t::register_test("Task3_3", "SumPractice16", [tp] { expect_block_sums(*tp, 16); });
  t::register_test("Task3_3", "SumPractice32", [tp] { expect_block_sums(*tp, 32); });
  t::register_test("Task3_3", "SumPractice48", [tp] { expect_block_sums(*tp, 48); });
  t::register_test("Task3_3", "SumPractice64", [tp] { expect_block_sums(*tp, 64); });
  t::register_test("Task3_3", "SumPracticeSizes", [tp] {
    for (int n : {1, 5, 31, 33, 63, 65, 100, 500}) expect_block_sums(*tp, n);
  });
  t::register_test("Task3_3", "SumPractice4Reduce32", [tp] { expect_reduce_1d(*tp, 32); });
  t::register_test("Task3_3", "SumPractice5Reduce500", [tp] { expect_reduce_1d(*tp, 500); });
  t::register_test("Task3_3", "ReduceLongerThanABlock", [tp] {
    for (int n : {1023, 1024, 1025, 2048, 3001}) expect_reduce_1d(*tp, n);
  });
  t::register_test("Task3_3", "SumPracticeOtherDims", [tp] {
    // test_sum_practice_other_dims: (16, 32).sum(1) against the simple backend.
    const std::vector<double> a = values(16 * 32);
    const Tensor x = mt::tensor(a, {16, 32}, tp->backend);
    const std::vector<double> got = x.sum(1).to_vector();
    const std::vector<double> expected = mt::tensor(a, {16, 32}).sum(1).to_vector();
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_TRUE(t::allclose(got[i], expected[i], 1e-9, 1e-9)) << i;
  });
  t::register_test("Task3_3", "ReduceLongDimensionOfAView", [tp] {
    // A dimension of 1500 reduced in the middle of a permuted view: the
    // loop over pos, pos + 1024, ... must step with the stride of that
    // dimension, and every output element gets its own block.
    const std::vector<double> a = values(3 * 1500 * 2, 0.5);
    const Tensor x = mt::tensor(a, {3, 1500, 2}, tp->backend).permute({2, 1, 0});  // (2, 1500, 3)
    const Tensor expected = mt::tensor(a, {3, 1500, 2}).permute({2, 1, 0}).sum(1);
    const std::vector<double> got = x.sum(1).to_vector(), want = expected.to_vector();
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_TRUE(t::allclose(got[i], want[i], 1e-9, 1e-9)) << i;
    const std::vector<double> products = tp->backend.mul_reduce(x * 0.0 + 1.0, 1).to_vector();
    for (double p : products) EXPECT_EQ(p, 1.0);
  });
  t::register_test("Task3_3", "StaysOnTheDeviceAndMoves", [tp] {
    const Tensor x = mt::tensor({1, 2, 3, 4, 5, 6}, {2, 3}, tp->backend);
    const Tensor y = ((x * 2.0 + 1.0).relu()).sum(1);
    EXPECT_EQ(&y.backend(), &tp->backend);
    EXPECT_EQ(y.backend().device, mt::Device::cuda);
    EXPECT_EQ(y.to_vector(), (std::vector<double>{15, 33}));
    const Tensor host = y.to(mt::simple_backend());
    EXPECT_EQ(&host.backend(), &mt::simple_backend());
    EXPECT_EQ(host.to_vector(), (std::vector<double>{15, 33}));
    const Tensor back = host.to(tp->backend);
    EXPECT_EQ(&back.backend(), &tp->backend);
    EXPECT_EQ(back.to_vector(), (std::vector<double>{15, 33}));
    EXPECT_EQ(x.to_string(), mt::tensor({1, 2, 3, 4, 5, 6}, {2, 3}).to_string());
  });
}

const bool registered = [] {
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    const t::TestNameSuffix suffix("/" + target->name);
    t::register_backend_suites(target->backend, "Task3_3");
    register_practice_tests(*target);
  }
  return true;
}();

}  // namespace

// Not graded: says which targets this machine has (a skip names why there is no GPU).
TEST(CudaTargets, GpuAvailable) {
  const std::string reason = mt::cuda_gpu_unavailable_reason();
  if (!reason.empty()) GTEST_SKIP() << "no GPU target: " << reason;
  EXPECT_EQ(mt::cuda_test_targets().back()->name, "cuda");
}

// Not graded: training on a CUDA backend copies between host and device only
// what it reads or brings in (a batch in, a loss and the epoch's count out),
// never per operation. The simulator's table with counting copies.
TEST(CudaTargets, TrainingKeepsTensorsOnTheDevice) {
  mt::TensorBackend counting = mt::cudasim_target().backend;
  int to_host = 0, from_host = 0;
  const auto down = counting.memory.to_host;
  const auto up = counting.memory.from_host;
  counting.memory.to_host = [&, down](double* host, const double* src, std::size_t n) {
    ++to_host;
    down(host, src, n);
  };
  counting.memory.from_host = [&, up](double* dst, const double* host, std::size_t n) {
    ++from_host;
    up(dst, host, n);
  };
  const mt::Dataset data = mt::make_dataset("simple", 20, 0);
  mt::FastTrainOptions options;
  options.hidden = 3;
  options.max_epochs = 2;
  options.batch = 5;
  options.backend = &counting;
  const mt::FastTrainResult result = mt::train_fast(data, options);
  const int steps = 2 * 20 / 5;  // 8 batches, each some 60 operations forward and backward
  EXPECT_EQ(&result.model->backend(), &counting);
  EXPECT_LE(to_host, steps + 2 * 2) << "copies to the host: one loss per step and the count of each epoch expected";
  EXPECT_LE(from_host, 2 * steps + 2 * 2 + 12) << "copies to the device: the batches, the weights, the counts";
}

TEST(CudaTargets, BadScheduleIsAValueError) {
  EXPECT_THROW(mt::make_cudasim_target("x", "sideways"), mt::ValueError);
  EXPECT_NO_THROW(mt::make_cudasim_target("x", "random:7"));
  EXPECT_NO_THROW(mt::make_cudasim_target("x"));  // the simulator's own schedule
}

// Not graded: every target has a name of its own (test names end with it),
// and the program backend "cudasim" is none of the tests' fixed schedules.
TEST(CudaTargets, NamesAreDistinct) {
  std::set<std::string> names{mt::cudasim_target().name};
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    EXPECT_TRUE(names.insert(target->name).second) << target->name;
    EXPECT_EQ(target->backend.name, target->name);
  }
  EXPECT_EQ(&mt::backend_by_name("cudasim"), &mt::cudasim_backend());
}
