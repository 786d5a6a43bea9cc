// module3/cudasim/tests/test_cudasim.cpp
//
// The CUDA simulator's own tests (course infrastructure, not graded): correct
// kernels match host references under every schedule, and each classic kernel
// bug is diagnosed (or, for races, shows up in some schedule).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "bug_kernels.h"
#include "cudasim/cudasim.h"
#include "cudasim/launch.h"
#include "kernels.h"

namespace cudasim_test {
namespace {

using cudasim::KernelError;

/// Device memory holding a copy of a host vector; freed on destruction.
template <class T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(const std::vector<T>& host) : size_(host.size()) {
    EXPECT_EQ(cudaMalloc(&data_, bytes()), cudaSuccess);
    if (size_ > 0) {
      EXPECT_EQ(cudaMemcpy(data_, host.data(), bytes(), cudaMemcpyHostToDevice), cudaSuccess);
    }
  }
  explicit DeviceBuffer(std::size_t size) : DeviceBuffer(std::vector<T>(size)) {}
  ~DeviceBuffer() { cudaFree(data_); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  T* get() const { return data_; }

  /// The buffer's contents, copied back to the host.
  std::vector<T> to_host() const {
    std::vector<T> host(size_);
    if (size_ > 0) {
      EXPECT_EQ(cudaMemcpy(host.data(), data_, bytes(), cudaMemcpyDeviceToHost), cudaSuccess);
    }
    return host;
  }

 private:
  std::size_t bytes() const { return size_ * sizeof(T); }
  std::size_t size_;
  T* data_ = nullptr;
};

/// 0.5, 1.5, 2.5, ... scaled: exactly representable sums, distinct values.
std::vector<double> sample(std::size_t n, double scale = 1.0) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = scale * (static_cast<double>(i % 97) + 0.5);
  return v;
}

/// The host reference of matmul_kernel.
std::vector<double> matmul_reference(const std::vector<double>& a, const std::vector<double>& b, int m, int k, int n) {
  std::vector<double> c(static_cast<std::size_t>(m) * n, 0.0);
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      for (int p = 0; p < k; ++p) c[i * n + j] += a[i * k + p] * b[p * n + j];
    }
  }
  return c;
}

/// Runs matmul kernel K on a (m x k) @ (k x n) problem; returns c.
template <auto K>
std::vector<double> run_matmul(const std::vector<double>& a, const std::vector<double>& b, int m, int k, int n) {
  DeviceBuffer<double> da(a), db(b), dc(static_cast<std::size_t>(m) * n);
  const dim3 grid((n + tile - 1) / tile, (m + tile - 1) / tile);
  cudasim::launch<K>(grid, dim3(tile, tile), dc.get(), da.get(), db.get(), m, k, n);
  return dc.to_host();
}

/// Runs a one-block reduction kernel K over `in`; returns its result.
template <auto K>
double run_sum(const std::vector<double>& in) {
  DeviceBuffer<double> din(in), dout(1);
  cudasim::launch<K>(1, reduce_threads, dout.get(), din.get(), static_cast<int>(in.size()));
  return dout.to_host()[0];
}

/// The message of the KernelError `run` throws (and checks its kind).
template <class Run>
std::string kernel_error_message(KernelError::Kind kind, Run run) {
  try {
    run();
  } catch (const KernelError& error) {
    EXPECT_EQ(cudasim::to_string(error.kind()), cudasim::to_string(kind)) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "expected a cudasim::KernelError (" << cudasim::to_string(kind) << ")";
  return "";
}

std::string site(int line) { return "bug_kernels.h:" + std::to_string(line) + ":"; }

// ---------------------------------------------------------------------------
// Every test of this fixture runs under forward, reverse and a random schedule.

class CudasimScheduleTest : public testing::TestWithParam<std::string> {
 protected:
  cudasim::ScopedSchedule schedule_{cudasim::schedule_from_string(GetParam())};
};

INSTANTIATE_TEST_SUITE_P(Cudasim, CudasimScheduleTest, testing::Values("forward", "reverse", "random:20261124"),
                         [](const testing::TestParamInfo<std::string>& schedule) {
                           return schedule.param.substr(0, schedule.param.find(':'));
                         });

TEST_P(CudasimScheduleTest, MapMatchesHost) {
  const std::vector<double> in = sample(1000);
  DeviceBuffer<double> din(in), dout(in.size());
  cudasim::launch<map_kernel<Negate>>(dim3(4), dim3(256), dout.get(), din.get(), 1000);
  const std::vector<double> out = dout.to_host();
  for (std::size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], -in[i]) << "i = " << i;
}

TEST_P(CudasimScheduleTest, TreeReductionOf1024ThreadsMatchesHost) {
  for (const std::size_t n : {1ul, 1000ul, 1024ul}) {
    const std::vector<double> in = sample(n);
    EXPECT_EQ(run_sum<sum_rows_kernel>(in), std::accumulate(in.begin(), in.end(), 0.0)) << "n = " << n;
  }
}

TEST_P(CudasimScheduleTest, TreeReductionOfLongRowsMatchesHost) {
  const int rows = 5, n = 3000;
  const std::vector<double> in = sample(static_cast<std::size_t>(rows) * n);
  DeviceBuffer<double> din(in), dout(rows);
  cudasim::launch<sum_rows_kernel>(rows, reduce_threads, dout.get(), din.get(), n);
  const std::vector<double> out = dout.to_host();
  for (int r = 0; r < rows; ++r) {
    EXPECT_EQ(out[r], std::accumulate(in.begin() + r * n, in.begin() + (r + 1) * n, 0.0)) << "row " << r;
  }
}

TEST_P(CudasimScheduleTest, TiledMatmulMatchesHostOnPartialTiles) {
  const int m = 70, k = 45, n = 33;
  const std::vector<double> a = sample(static_cast<std::size_t>(m) * k),
                            b = sample(static_cast<std::size_t>(k) * n, 0.5);
  const std::vector<double> expected = matmul_reference(a, b, m, k, n);
  const std::vector<double> c = run_matmul<matmul_kernel>(a, b, m, k, n);
  for (std::size_t i = 0; i < expected.size(); ++i) ASSERT_DOUBLE_EQ(c[i], expected[i]) << "i = " << i;
}

TEST_P(CudasimScheduleTest, SyncthreadsCountAndOr) {
  DeviceBuffer<int> out(3);
  cudasim::launch<count_kernel>(1, 100, out.get());
  EXPECT_EQ(out.to_host(), (std::vector<int>{50, 1, 1}));
}

TEST_P(CudasimScheduleTest, EveryThreadOf3DGridsRunsOnce) {
  const dim3 grid(3, 2, 2), block(4, 3, 2);
  const int threads = 3 * 2 * 2 * 4 * 3 * 2;
  DeviceBuffer<int> ids(std::vector<int>(threads, -1)), counter(1);
  cudasim::launch<coordinates_kernel>(grid, block, ids.get());
  cudasim::launch<count_threads_kernel>(grid, block, counter.get());
  std::vector<int> expected(threads);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(ids.to_host(), expected);
  EXPECT_EQ(counter.to_host()[0], threads);
}

TEST_P(CudasimScheduleTest, EarlyReturnBeforeBarrierIsDiagnosed) {
  const std::string message =
      kernel_error_message(KernelError::Kind::exited_at_barrier, [] { run_sum<bugs::sum_early_return>(sample(1000)); });
  EXPECT_NE(message.find("kernel cudasim_test::bugs::sum_early_return, block (0,0,0): thread (1000,0,0) returned "
                         "while thread (0,0,0) waits at __syncthreads() at "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(site(bugs::early_return_line)), std::string::npos) << message;
  EXPECT_NE(message.find("(24 threads returned"), std::string::npos) << message;
}

TEST_P(CudasimScheduleTest, BarrierInsideABranchIsDiagnosed) {
  const std::string message = kernel_error_message(KernelError::Kind::exited_at_barrier,
                                                   [] { run_sum<bugs::sum_barrier_in_branch>(sample(1024)); });
  EXPECT_NE(message.find("thread (512,0,0) returned while thread (0,0,0) waits"), std::string::npos) << message;
  EXPECT_NE(message.find(site(bugs::barrier_in_branch_line)), std::string::npos) << message;
}

TEST_P(CudasimScheduleTest, TwoBarriersOnOneLineAreDivergent) {
  DeviceBuffer<int> out(64);
  const std::string message = kernel_error_message(
      KernelError::Kind::divergent_barrier, [&] { cudasim::launch<bugs::two_barriers_one_line>(1, 64, out.get()); });
  const std::string line = site(bugs::two_barriers_line);
  const auto first = message.find(line);
  ASSERT_NE(first, std::string::npos) << message;
  const auto second = message.find(line, first + 1);
  ASSERT_NE(second, std::string::npos) << message;
  EXPECT_NE(message.substr(first, message.find_first_of(", .", first + line.size()) - first),
            message.substr(second, message.find_first_of(", .", second + line.size()) - second))
      << "the two sites differ by column: " << message;
}

TEST_P(CudasimScheduleTest, MatmulWithoutZeroPaddingIsWrong) {
  const int m = 40, k = 45, n = 40;
  const std::vector<double> a = sample(static_cast<std::size_t>(m) * k), b = sample(static_cast<std::size_t>(k) * n);
  EXPECT_NE(run_matmul<bugs::matmul_no_padding>(a, b, m, k, n), matmul_reference(a, b, m, k, n));
}

TEST_P(CudasimScheduleTest, KernelExceptionPropagatesWithItsTypeAndUnwindsTheBlock) {
  for (const int thrower : {0, 5, 63}) {
    bugs::live_guards = 0;
    EXPECT_THROW(cudasim::launch<bugs::throw_between_barriers>(2, 64, thrower), bugs::StubError);
    EXPECT_EQ(bugs::live_guards, 0) << "every parked thread is unwound";
  }
  EXPECT_THROW(cudasim::launch<bugs::throw_at_once>(3, 1024, nullptr), bugs::StubError);
  try {
    cudasim::launch<bugs::throw_at_once>(1, 32, nullptr);
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "not implemented: task 3.4");
  }
  // The next launch starts clean.
  const std::vector<double> in = sample(1024);
  EXPECT_EQ(run_sum<sum_rows_kernel>(in), std::accumulate(in.begin(), in.end(), 0.0));
}

// ---------------------------------------------------------------------------

// A missing __syncthreads() is a race the simulator names in every order:
// the kernel, the __shared__ array and cell, both threads, since which barrier.
TEST(CudasimRaceTest, MissingBarrierInTheTreeIsARace) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no race check in this build";
  const std::vector<double> in = sample(1024);
  for (const cudasim::Order order : {cudasim::Order::forward, cudasim::Order::reverse, cudasim::Order::random}) {
    const cudasim::ScopedSchedule schedule({order, 7});
    const std::string message =
        kernel_error_message(KernelError::Kind::shared_race, [&] { run_sum<bugs::sum_no_barrier_in_loop>(in); });
    EXPECT_NE(message.find("kernel cudasim_test::bugs::sum_no_barrier_in_loop, block (0,0,0): thread ("),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("the __shared__ array cache at ["), std::string::npos) << message;
    EXPECT_NE(message.find("since the __syncthreads() at module3/cudasim/tests/bug_kernels.h:"), std::string::npos)
        << message;
    EXPECT_NE(message.find("no __syncthreads() between them?"), std::string::npos) << message;
  }
  {
    const cudasim::ScopedSchedule schedule({cudasim::Order::forward, 0});
    const std::string message =
        kernel_error_message(KernelError::Kind::shared_race, [&] { run_sum<bugs::sum_no_barrier_in_loop>(in); });
    EXPECT_NE(message.find("thread (1,0,0) writes the __shared__ array cache at [1], which thread (0,0,0) read "
                           "since the __syncthreads() at"),
              std::string::npos)
        << message;
  }
}

TEST(CudasimRaceTest, MissingBarrierAfterTheCopyIsARace) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no race check in this build";
  const cudasim::ScopedSchedule schedule({cudasim::Order::forward, 0});
  const std::string message = kernel_error_message(KernelError::Kind::shared_race,
                                                   [&] { run_sum<bugs::sum_no_barrier_after_copy>(sample(1024)); });
  EXPECT_NE(message.find("thread (512,0,0) writes the __shared__ array cache at [512], which thread (0,0,0) read "
                         "since the kernel began: no __syncthreads() between them?"),
            std::string::npos)
      << message;
}

// What is not a race: atomics, neighbouring ints of two threads, a correct
// tree reduction and a tiled matmul (in every order).
TEST(CudasimRaceTest, CorrectKernelsAreNotRaces) {
  const DeviceBuffer<int> count(1);
  cudasim::launch<bugs::count_with_shared_atomics>(2, 256, count.get());
  EXPECT_EQ(count.to_host()[0], 256);
  const DeviceBuffer<int> flags(64);
  cudasim::launch<bugs::neighbours_in_an_int_array>(1, 64, flags.get());
  EXPECT_EQ(flags.to_host()[0], 63);
  for (const cudasim::Order order : {cudasim::Order::forward, cudasim::Order::reverse, cudasim::Order::random}) {
    const cudasim::ScopedSchedule schedule({order, 3});
    const std::vector<double> in = sample(1024);
    EXPECT_EQ(run_sum<sum_rows_kernel>(in), std::accumulate(in.begin(), in.end(), 0.0));
    const int n = 64;
    const DeviceBuffer<double> a(sample(n * n)), b(sample(n * n, 0.5));
    const DeviceBuffer<double> c(n * n);
    EXPECT_NO_THROW(cudasim::launch<matmul_kernel>(dim3(2, 2), dim3(32, 32), c.get(), a.get(), b.get(), n, n, n));
  }
}

TEST(CudasimLaunchTest, KernelNameHasTemplateArguments) {
  // g++ may leave out the argument's namespace where it is the template's.
  const std::string_view name = cudasim::kernel_name<map_kernel<Negate>>();
  EXPECT_TRUE(name.starts_with("cudasim_test::map_kernel<") && name.ends_with("Negate>")) << name;
  EXPECT_EQ(cudasim::kernel_name<sum_rows_kernel>(), "cudasim_test::sum_rows_kernel");
}

TEST(CudasimLaunchTest, InvalidConfigurationIsRejectedBeforeRunning) {
  DeviceBuffer<int> counter(1);
  const std::vector<std::pair<dim3, dim3>> bad = {
      {dim3(0), dim3(32)},       {dim3(1), dim3(0)},         {dim3(1), dim3(1025)},         {dim3(1), dim3(32, 33)},
      {dim3(1), dim3(1, 1, 65)}, {dim3(1, 65536), dim3(32)}, {dim3(1, 1, 65536), dim3(32)},
  };
  for (const auto& dims : bad) {
    const std::string message = kernel_error_message(KernelError::Kind::invalid_configuration, [&] {
      cudasim::launch<count_threads_kernel>(dims.first, dims.second, counter.get());
    });
    EXPECT_NE(message.find("kernel cudasim_test::count_threads_kernel: invalid launch configuration grid"),
              std::string::npos)
        << message;
  }
  EXPECT_EQ(counter.to_host()[0], 0) << "no thread ran";
  EXPECT_EQ(cudaGetLastError(), cudaSuccess) << "launch leaves no last error (as under nvcc, where it consumes it)";
  cudasim::launch<count_threads_kernel>(dim3(1, 65535), dim3(1), counter.get());
  cudasim::launch<count_threads_kernel>(dim3(1), dim3(1, 16, 64), counter.get());
  EXPECT_EQ(counter.to_host()[0], 65535 + 1024) << "the largest valid extents";
}

TEST(CudasimLaunchTest, HostPointerArgumentIsRejected) {
  std::vector<double> host(10);
  DeviceBuffer<double> device(10);
  const std::string message = kernel_error_message(KernelError::Kind::host_pointer, [&] {
    cudasim::launch<map_kernel<Negate>>(1, 32, device.get(), host.data(), 10);
  });
  EXPECT_NE(message.find("kernel " + std::string(cudasim::kernel_name<map_kernel<Negate>>()) +
                         ": argument 1 (counting from 0) is the host pointer 0x"),
            std::string::npos)
      << message;
  // Null pointers and pointers into (or one past) an allocation are fine.
  cudasim::launch<map_kernel<Negate>>(1, 32, device.get() + 5, device.get() + 5, 5);
  cudasim::launch<map_kernel<Negate>>(1, 32, device.get() + 10, nullptr, 0);
}

/// A struct argument holding a pointer, reported through the ADL hook.
struct View {
  double* storage;
  int size;
};

template <class F>
void cudasim_device_pointers(const View& view, F&& visit) {
  visit(view.storage);
}

__global__ void negate_view(View view) {
  const int i = static_cast<int>(threadIdx.x);
  if (i < view.size) view.storage[i] = -view.storage[i];
}

TEST(CudasimLaunchTest, HostPointerInsideAStructIsRejectedThroughTheHook) {
  static_assert(cudasim::detail::HasDevicePointers<View>);
  std::vector<double> host(8, 1.0);
  const std::string message = kernel_error_message(KernelError::Kind::host_pointer, [&] {
    cudasim::launch<negate_view>(1, 8, View{host.data(), 8});
  });
  EXPECT_NE(message.find("argument 0 (counting from 0) holds the host pointer"), std::string::npos) << message;
  DeviceBuffer<double> device(host);
  cudasim::launch<negate_view>(1, 8, View{device.get(), 8});
  EXPECT_EQ(device.to_host(), std::vector<double>(8, -1.0));
}

__global__ void launch_inside(int* counter) { cudasim::launch<count_threads_kernel>(1, 1, counter); }

TEST(CudasimLaunchTest, LaunchFromInsideAKernelIsRejected) {
  DeviceBuffer<int> counter(1);
  kernel_error_message(KernelError::Kind::launch_failure, [&] { cudasim::launch<launch_inside>(1, 2, counter.get()); });
}

TEST(CudasimLaunchTest, SyncthreadsOutsideAKernelThrows) { EXPECT_THROW(__syncthreads(), std::logic_error); }

// ---------------------------------------------------------------------------

TEST(CudasimScheduleApiTest, ParsesAndPrints) {
  EXPECT_EQ(cudasim::schedule_from_string("forward"), (cudasim::Schedule{cudasim::Order::forward, 0}));
  EXPECT_EQ(cudasim::schedule_from_string("reverse"), (cudasim::Schedule{cudasim::Order::reverse, 0}));
  EXPECT_EQ(cudasim::schedule_from_string("random:18446744073709551615"),
            (cudasim::Schedule{cudasim::Order::random, UINT64_MAX}));
  for (const char* text : {"forward", "reverse", "random:0", "random:42"}) {
    EXPECT_EQ(cudasim::to_string(cudasim::schedule_from_string(text)), text);
  }
}

TEST(CudasimScheduleApiTest, RejectsOtherText) {
  for (const char* text :
       {"", "Forward", "random", "random:", "random:-1", "random:12x", "random:99999999999999999999", "backward"}) {
    try {
      cudasim::schedule_from_string(text);
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find("expected forward, reverse or random:SEED"), std::string::npos)
          << error.what();
    }
  }
}

TEST(CudasimScheduleApiTest, ScopedScheduleOverridesAndRestores) {
  const cudasim::Schedule before = cudasim::current_schedule();
  {
    const cudasim::ScopedSchedule outer({cudasim::Order::random, 7});
    EXPECT_EQ(cudasim::current_schedule(), (cudasim::Schedule{cudasim::Order::random, 7}));
    {
      const cudasim::ScopedSchedule inner({cudasim::Order::reverse, 0});
      EXPECT_EQ(cudasim::current_schedule().order, cudasim::Order::reverse);
    }
    EXPECT_EQ(cudasim::current_schedule(), (cudasim::Schedule{cudasim::Order::random, 7}));
  }
  EXPECT_EQ(cudasim::current_schedule(), before);
}

// The order in which the threads of one round ran, under `schedule`.
std::vector<int> run_order(const cudasim::Schedule& schedule) {
  const cudasim::ScopedSchedule scoped(schedule);
  const DeviceBuffer<int> order(64), counter(1);
  cudasim::launch<bugs::record_order>(1, 64, order.get(), counter.get());
  return order.to_host();
}

TEST(CudasimScheduleApiTest, RandomScheduleIsReproducible) {
  const std::vector<int> first = run_order({cudasim::Order::random, 99});
  EXPECT_EQ(run_order({cudasim::Order::random, 99}), first);
  EXPECT_NE(run_order({cudasim::Order::random, 100}), first);
  std::vector<int> forward(64);
  std::iota(forward.begin(), forward.end(), 0);
  EXPECT_EQ(run_order({cudasim::Order::forward, 0}), forward);
  EXPECT_NE(first, forward);
  EXPECT_EQ(run_order({cudasim::Order::reverse, 0}), std::vector<int>(forward.rbegin(), forward.rend()));
}

TEST(CudasimSettingsTest, PoliciesParseAndReject) {
  EXPECT_EQ(cudasim::exited_policy_from_string("warn"), cudasim::ExitedPolicy::warn);
  EXPECT_THROW(cudasim::exited_policy_from_string("loud"), std::invalid_argument);
  EXPECT_THROW(cudasim::set_watchdog_seconds(-1), std::invalid_argument);
  const double before = cudasim::watchdog_seconds();
  cudasim::set_watchdog_seconds(3.5);
  EXPECT_EQ(cudasim::watchdog_seconds(), 3.5);
  cudasim::set_watchdog_seconds(before);
}

TEST(CudasimSettingsTest, ExitedWarnPrintsOnceAndReleasesTheWaitingThreads) {
  const cudasim::ExitedPolicy before = cudasim::exited_policy();
  cudasim::set_exited_policy(cudasim::ExitedPolicy::warn);
  const std::vector<double> in = sample(1000);
  testing::internal::CaptureStderr();
  const double sum = run_sum<bugs::sum_early_return>(in);
  const std::string printed = testing::internal::GetCapturedStderr();
  cudasim::set_exited_policy(before);
  EXPECT_EQ(sum, std::accumulate(in.begin(), in.end(), 0.0));
  EXPECT_NE(printed.find("thread (1000,0,0) returned while thread (0,0,0) waits"), std::string::npos) << printed;
  EXPECT_EQ(printed.find("returned while", printed.find("returned while") + 1), std::string::npos)
      << "once per launch: " << printed;
}

// ---------------------------------------------------------------------------

TEST(CudasimRuntimeTest, MemcpyChecksDirectionAndBounds) {
  std::vector<char> host(16);
  char* device = nullptr;
  ASSERT_EQ(cudaMalloc(&device, 16), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(host.data(), device, 16, cudaMemcpyHostToDevice), cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess) << "cudaGetLastError resets it";
  EXPECT_EQ(cudaMemcpy(device, host.data(), 16, cudaMemcpyDeviceToHost), cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpy(device, host.data(), 16, static_cast<cudaMemcpyKind>(7)), cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaPeekAtLastError(), cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaPeekAtLastError(), cudaErrorInvalidMemcpyDirection) << "peek leaves it";
  EXPECT_EQ(cudaMemcpy(device + 8, host.data(), 9, cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemset(device + 1, 0, 16), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(device + 8, host.data(), 8, cudaMemcpyHostToDevice), cudaSuccess);
  EXPECT_EQ(cudaMemset(device, 7, 16), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(host.data(), device, 16, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(host, std::vector<char>(16, 7));
  EXPECT_EQ(cudaFree(device), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(host.data(), device, 16, cudaMemcpyDeviceToHost), cudaErrorInvalidMemcpyDirection)
      << "freed memory is no longer device memory";
  cudaGetLastError();
}

TEST(CudasimRuntimeTest, FreeOfUnknownPointerFails) {
  int local = 0;
  EXPECT_EQ(cudaFree(nullptr), cudaSuccess);
  EXPECT_EQ(cudaFree(&local), cudaErrorInvalidDevicePointer);
  void* device = nullptr;
  ASSERT_EQ(cudaMalloc(&device, 8), cudaSuccess);
  EXPECT_EQ(cudaFree(static_cast<char*>(device) + 1), cudaErrorInvalidDevicePointer);
  EXPECT_EQ(cudaFree(device), cudaSuccess);
  EXPECT_EQ(cudaFree(device), cudaErrorInvalidDevicePointer) << "double free";
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidDevicePointer);
}

TEST(CudasimRuntimeTest, DeviceQueriesAndErrorNames) {
  int count = 0;
  EXPECT_EQ(cudaGetDeviceCount(&count), cudaSuccess);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(cudaSetDevice(0), cudaSuccess);
  EXPECT_EQ(cudaSetDevice(1), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_STREQ(cudaGetErrorName(cudaErrorInvalidConfiguration), "cudaErrorInvalidConfiguration");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorInvalidValue), "invalid argument");
  EXPECT_EQ(static_cast<int>(cudaErrorLaunchFailure), 719);
  EXPECT_EQ(static_cast<int>(cudaErrorNoDevice), 100);
  void* zero = &count;
  EXPECT_EQ(cudaMalloc(&zero, 0), cudaSuccess);
  EXPECT_EQ(zero, nullptr);
  cudaGetLastError();
}

// ---------------------------------------------------------------------------

TEST(CudasimWatchdogDeathTest, SpinningThreadEndsTheProcessWithCode124) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        cudasim::set_watchdog_seconds(1);
        const cudasim::ScopedSchedule schedule({cudasim::Order::forward, 0});
        DeviceBuffer<int> out(1);
        cudasim::launch<bugs::spin_on_flag>(1, 2, out.get());
      },
      testing::ExitedWithCode(124),
      "watchdog: kernel cudasim_test::bugs::spin_on_flag made no progress .*block "
      "\\(0,0,0\\), thread \\(0,0,0\\) is running");
}

/// The map without its bounds guard over 1000 elements in 4 blocks of 256.
void negate_without_guard() {
  const DeviceBuffer<double> in(1000);
  const DeviceBuffer<double> out(1000);
  cudasim::launch<bugs::negate_no_guard>(4, 256, out.get(), in.get(), 1000);
}

// Where the simulator counts, it finds the access in every build; in a build
// with AddressSanitizer (no counting) ASan finds it.
TEST(CudasimBounds, MissingBoundsGuardIsOutOfBounds) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no counting in this build (AddressSanitizer checks instead)";
  try {
    negate_without_guard();
    FAIL() << "no KernelError";
  } catch (const KernelError& e) {
    EXPECT_EQ(e.kind(), KernelError::Kind::out_of_bounds);
    const std::string message = e.what();
    EXPECT_NE(message.find("negate_no_guard"), std::string::npos) << message;
    EXPECT_NE(message.find("block (3,0,0): thread (232,0,0) loads from index 1000"), std::string::npos) << message;
    EXPECT_NE(message.find("argument 1"), std::string::npos) << message;
  }
}

#if defined(__SANITIZE_ADDRESS__)
TEST(CudasimAddressSanitizerDeathTest, MissingBoundsGuardIsAHeapBufferOverflow) {
  if (cudasim::counting_available()) GTEST_SKIP() << "the simulator counts (and checks) in this build";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(negate_without_guard(), "heap-buffer-overflow");
}
#endif

// The traffic of a guarded map: each cell of in loaded once, each of out
// stored once, whole warps reading 256 contiguous bytes (2 segments).
TEST(CudasimTraffic, MapTouchesEachCellOnce) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no counting in this build";
  const DeviceBuffer<double> in(sample(1000));
  const DeviceBuffer<double> out(1000);
  cudasim::TrafficRecorder recorder;
  cudasim::launch<map_kernel<Negate>>(4, 256, out.get(), in.get(), 1000);
  const cudasim::LaunchTraffic& t = recorder.only("map_kernel");
  EXPECT_EQ(t.loads, 1000u);
  EXPECT_EQ(t.stores, 1000u);
  EXPECT_EQ(t.load_bytes, 8000u);
  ASSERT_NE(t.argument(1), nullptr);
  EXPECT_EQ(t.argument(1)->cells_loaded, 1000u);
  EXPECT_EQ(t.argument(1)->max_cell_loads, 1u);
  EXPECT_EQ(t.argument(0)->cells_stored, 1000u);
  EXPECT_EQ(t.argument(0)->loads, 0u);
  EXPECT_EQ(t.minimum_accesses(), 2000u);
  EXPECT_EQ(t.max_thread_loads, 1u);
  EXPECT_EQ(t.barriers, 0u);
  // 1000 elements: 31 full warps and one of 8 threads, each a load and a store.
  EXPECT_EQ(t.warp_accesses, 64u);
  EXPECT_EQ(t.segments, 31u * 2 * 2 + 2);
}

// A cell stored twice: the first such cell and both of its writers.
TEST(CudasimTraffic, RepeatedStoreNamesBothWriters) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no counting in this build";
  const DeviceBuffer<double> out(5);
  cudasim::TrafficRecorder recorder;
  cudasim::launch<bugs::store_wrapped>(2, 4, out.get(), 5);
  const cudasim::BufferTraffic& t = *recorder.only("store_wrapped").argument(0);
  EXPECT_EQ(t.stores, 8u);
  EXPECT_EQ(t.cells_stored, 5u);
  EXPECT_EQ(t.max_cell_stores, 2u);
  ASSERT_TRUE(t.repeated);
  EXPECT_EQ(t.repeated_cell, 0u);
  EXPECT_EQ(t.first_block.x, 0u);
  EXPECT_EQ(t.first_thread.x, 0u);
  EXPECT_EQ(t.second_block.x, 1u);
  EXPECT_EQ(t.second_thread.x, 1u);  // i = 5
}

// The tiled matmul of kernels.h: shared loads and stores and barriers counted.
TEST(CudasimTraffic, TiledMatmulCountsSharedMemoryAndBarriers) {
  if (!cudasim::counting_available()) GTEST_SKIP() << "no counting in this build";
  const int n = 64;
  const DeviceBuffer<double> a(sample(n * n)), b(sample(n * n, 0.5));
  const DeviceBuffer<double> c(n * n);
  cudasim::TrafficRecorder recorder;
  cudasim::launch<matmul_kernel>(dim3(2, 2), dim3(32, 32), c.get(), a.get(), b.get(), n, n, n);
  const cudasim::LaunchTraffic& t = recorder.only("matmul_kernel");
  EXPECT_EQ(t.stores, static_cast<std::uint64_t>(n * n));
  EXPECT_EQ(t.loads, static_cast<std::uint64_t>(2 * n * n * n / 32));  // each cell once per tile of the other side
  EXPECT_EQ(t.barriers, 4u * 2 * 2);                                   // 4 blocks, 2 tiles, 2 barriers each
  EXPECT_GT(t.shared_loads, t.shared_stores);
  EXPECT_GE(t.shared_stores, static_cast<std::uint64_t>(2 * n * n * 2));  // a and b tiles, each block
}

}  // namespace
}  // namespace cudasim_test
