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
//  - The technique, on the simulator (which counts every device-memory
//    access): sum_practice and reduce read each input element once (reduce
//    also its start value) with the work shared by the threads of a block and
//    combined in __shared__ memory; map, zip and reduce write each output once.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "cudasim/schedule.h"
#include "cudasim/traffic.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/datasets.h"
#include "minitorch/fast_network.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/compare.h"
#include "support/register_property.h"
#include "support/tensor_suite.h"
#include "support/traffic_checks.h"

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
    MT_EXPECT_ALLCLOSE(out[b], host_sum(a, 32 * b, 32 * b + 32), 1e-9, 1e-9)
        << "block " << b << " of " << n << " values: got " << out[b] << ", expected the sum of a[" << 32 * b << " .. "
        << 32 * b + 31 << "] = " << host_sum(a, 32 * b, 32 * b + 32);
  }
  MT_EXPECT_ALLCLOSE(host_sum(out), host_sum(a), 1e-9, 1e-9);
}

// test_sum_practice4/5 and longer: the reduce kernel over one dimension of n.
void expect_reduce_1d(const CudaTarget& target, int n) {
  const std::vector<double> a = values(n);
  const Tensor x = mt::tensor(a, {n}, target.backend);
  const double got = x.sum(0).item();
  MT_EXPECT_ALLCLOSE(got, host_sum(a), 1e-9, 1e-9) << "sum of " << n << " values: " << got << " vs " << host_sum(a);
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
    MT_EXPECT_VALUES_ALLCLOSE(got, expected, 1e-9, 1e-9);
  });
  t::register_test("Task3_3", "ReduceLongDimensionOfAView", [tp] {
    // A dimension of 1500 reduced in the middle of a permuted view: the
    // loop over pos, pos + 1024, ... must step with the stride of that
    // dimension, and every output element gets its own block.
    const std::vector<double> a = values(3 * 1500 * 2, 0.5);
    const Tensor x = mt::tensor(a, {3, 1500, 2}, tp->backend).permute({2, 1, 0});  // (2, 1500, 3)
    const Tensor expected = mt::tensor(a, {3, 1500, 2}).permute({2, 1, 0}).sum(1);
    const std::vector<double> got = x.sum(1).to_vector(), want = expected.to_vector();
    MT_EXPECT_VALUES_ALLCLOSE(got, want, 1e-9, 1e-9);
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

// ----------------------------------------------------------------- technique
// The simulator counts each launch's loads and stores of device memory
// (cudasim/traffic.h). Each bound below is what the kernel's contract
// requires, and the reference kernel's measured count is in the comment.

void register_technique_tests(const CudaTarget& target) {
  using t::expect_each_cell_loaded_once;
  using t::expect_each_cell_stored_once;
  using t::grouped;
  const CudaTarget* tp = &target;
  t::register_test("Task3_3", "SumPracticeReadsEachValueOnceInSharedMemory", [tp] {
    // 100 values, 4 blocks of 32 threads. Bounds: a loaded 100 times, each
    // cell once; out stored 4 times, each cell once; no thread loads more
    // than 1 cell; each block stores its 32 values into __shared__ memory and
    // passes a barrier. Reference: 100 loads, 4 stores, at most 1 load per
    // thread, 4 x 63 shared stores, 4 x 6 barriers.
    SKIP_UNLESS_COUNTED();
    const int n = 100, blocks = n / 32 + 1;
    cudasim::TrafficRecorder recorder;
    tp->sum_practice(values(n));
    const cudasim::LaunchTraffic& launch = recorder.only("sum_practice_kernel");
    const std::string lesson =
        "Each thread copies its own a[i] into a __shared__ cache, all wait at __syncthreads(), and the block adds "
        "the cache as a tree; thread 0 writes out[blockIdx.x] once.";
    expect_each_cell_loaded_once(launch, 1, "a", n, lesson);
    expect_each_cell_stored_once(launch, 0, "out", blocks, lesson);
    EXPECT_LE(launch.max_thread_loads, 1u)
        << "your sum_practice_kernel had one thread read " << launch.max_thread_loads
        << " values of a from global memory; each thread should read one (its own). " << lesson;
    EXPECT_TRUE(launch.shared_stores >= 32u * blocks && launch.barriers >= static_cast<std::uint64_t>(blocks))
        << "your sum_practice_kernel made " << launch.shared_stores << " stores to __shared__ memory and passed "
        << launch.barriers << " barriers in " << blocks << " blocks of 32 threads. " << lesson;
  });
  t::register_test("Task3_3", "ReduceReadsEachElementOnceInSharedMemory", [tp] {
    // (2, 3001).sum(1): 2 blocks of 1024 threads. Bounds: a loaded 6,002
    // times, each cell once; out stored twice, each cell once (its start
    // value may be read by every thread); no thread loads more than
    // ceil(3001 / 1024) + 1 = 4 cells; each block stores 1024 partial results
    // into __shared__ memory and passes a barrier. Reference: 6,002 loads of
    // a, 2,048 of out, 4 per thread, 2 x 2,047 shared stores, 2 x 11 barriers.
    SKIP_UNLESS_COUNTED();
    const int length = 3001;
    const Tensor x = mt::tensor(values(2 * length), {2, length}, tp->backend);
    cudasim::TrafficRecorder recorder;
    const Tensor total = x.sum(1);
    const cudasim::LaunchTraffic& launch = recorder.only("reduce_kernel");
    const std::string lesson =
        "Thread pos folds elements pos, pos + 1024, ... into its start value and stores the result in a __shared__ "
        "cache; after __syncthreads() the block combines the cache as a tree, and thread 0 writes the output once.";
    expect_each_cell_loaded_once(launch, 2, "a", 2u * length, lesson);
    expect_each_cell_stored_once(launch, 1, "out", 2, lesson);
    const std::uint64_t per_thread = (length + 1023) / 1024 + 1;
    EXPECT_LE(launch.max_thread_loads, per_thread)
        << "your reduce_kernel had one thread read " << grouped(launch.max_thread_loads)
        << " cells from global memory for a dimension of " << grouped(length) << " and 1,024 threads; shared out, each "
        << "reads at most " << per_thread << " (its elements and the start value). " << lesson;
    EXPECT_TRUE(launch.shared_stores >= 2u * 1024 && launch.barriers >= 2u)
        << "your reduce_kernel made " << launch.shared_stores << " stores to __shared__ memory and passed "
        << launch.barriers << " barriers in 2 blocks of 1,024 threads. " << lesson;
    MT_EXPECT_ALLCLOSE(total.to_vector()[0], host_sum(values(2 * length), 0, length), 1e-9, 1e-9);
  });
  t::register_test("Task3_3", "MapAndZipWriteEachOutputOnce", [tp] {
    // 100 elements, 4 blocks of 32 threads (28 past the end). Bounds: out
    // stored 100 times, each cell once; the input(s) of the same shape read
    // 100 times, each cell once. Reference: exactly that.
    SKIP_UNLESS_COUNTED();
    const Tensor x = mt::tensor(values(100), {100}, tp->backend);
    const Tensor y = mt::tensor(values(100, 0.5), {100}, tp->backend);
    const std::string lesson =
        "Thread i handles output element i alone, and the threads past the end (i >= out.size()) do nothing: "
        "guard with `if (i < out.size())`.";
    {
      cudasim::TrafficRecorder recorder;
      const Tensor negated = -x;
      const cudasim::LaunchTraffic& launch = recorder.only("map_kernel");
      expect_each_cell_stored_once(launch, 1, "out", 100, lesson);
      expect_each_cell_loaded_once(launch, 2, "in", 100, lesson);
    }
    {
      cudasim::TrafficRecorder recorder;
      const Tensor sum = x + y;
      const cudasim::LaunchTraffic& launch = recorder.only("zip_kernel");
      expect_each_cell_stored_once(launch, 1, "out", 100, lesson);
      expect_each_cell_loaded_once(launch, 2, "a", 100, lesson);
      expect_each_cell_loaded_once(launch, 3, "b", 100, lesson);
    }
  });
}

const bool registered = [] {
  for (const CudaTarget* target : mt::cuda_test_targets()) {
    const t::TestNameSuffix suffix("/" + target->name);
    t::register_backend_suites(target->backend, "Task3_3");
    register_practice_tests(*target);
    // The technique: on the simulator, which counts (one schedule suffices).
    if (target->name == "cudasim_forward") register_technique_tests(*target);
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

// Not graded: the program backend "cudasim" runs under the simulator's own
// schedule (cudasim::set_schedule, ScopedSchedule, CUDASIM_ORDER), and the
// test targets under their fixed ones whatever the simulator's is.
TEST(CudaTargets, EachBackendRunsUnderItsSchedule) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no launch records in this build";
  const auto schedules_of = [](const mt::TensorBackend& backend) {
    const Tensor a = mt::tensor(std::vector<double>{1, 2, 3}, {3}, backend);
    const cudasim::TrafficRecorder recorder;
    const Tensor b = -a;
    std::set<std::string> seen;
    for (const cudasim::LaunchTraffic& launch : recorder.launches()) seen.insert(cudasim::to_string(launch.schedule));
    return seen;
  };
  for (const char* schedule : {"reverse", "random:7"}) {
    const cudasim::ScopedSchedule scoped(cudasim::schedule_from_string(schedule));
    EXPECT_EQ(schedules_of(mt::cudasim_backend()), std::set<std::string>{schedule});
    for (const CudaTarget* target : mt::cuda_test_targets()) {
      if (target->name == "cudasim_forward" || target->name == "cudasim_reverse") {
        const std::string fixed = target->name == "cudasim_forward" ? "forward" : "reverse";
        EXPECT_EQ(schedules_of(target->backend), std::set<std::string>{fixed}) << target->name;
      }
    }
  }
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
