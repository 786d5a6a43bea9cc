// module3/cudasim/bench/cudasim_bench.cpp
//
// cudasim_bench: per-launch times of the simulator on the kernels the course
// cares about (not a test; nothing is asserted):
//
//   reduce   one block of 1024 threads, 11 barriers (tree reduction)
//   matmul   64x64 @ 64x64 with 32x32 tiles: 4 blocks of 1024 threads, 4 barriers each
//   map      65536 elements, 256 blocks of 256 threads, no barrier
//
//   cudasim_bench [LAUNCHES]      (default 100; the best of 5 repetitions is printed,
//                                  wall time and the launching thread's CPU time)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cudasim/cudasim.h"
#include "cudasim/launch.h"
#include "kernels.h"

namespace {

/// Device memory for `n` values, filled with 1.0.
double* device_ones(std::size_t n) {
  double* device = nullptr;
  const std::vector<double> host(n, 1.0);
  if (cudaMalloc(&device, n * sizeof(double)) != cudaSuccess ||
      cudaMemcpy(device, host.data(), n * sizeof(double), cudaMemcpyHostToDevice) != cudaSuccess) {
    std::fprintf(stderr, "cudasim_bench: cudaMalloc/cudaMemcpy failed\n");
    std::exit(1);
  }
  return device;
}

/// The calling thread's CPU time in ms (on a shared machine, wall time also
/// counts other processes).
double cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// Per-launch times in ms.
struct Times {
  double wall = 1e300;
  double cpu = 1e300;
};

/// The best (over 5 repetitions) wall and CPU time per launch of `launch_once`.
template <class Launch>
Times best_per_launch(int launches, Launch launch_once) {
  Times best;
  for (int repetition = 0; repetition < 5; ++repetition) {
    const double cpu_start = cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < launches; ++i) launch_once();
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    best.wall = std::min(best.wall, elapsed.count() / launches);
    best.cpu = std::min(best.cpu, (cpu_ms() - cpu_start) / launches);
  }
  return best;
}

/// "  NAME: W ms (cpu C ms)".
void print(const char* name, const Times& times) {
  std::printf("   %s %.3f ms (cpu %.3f)", name, times.wall, times.cpu);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cudasim_test;
  const int launches = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100;
  const int n = 64;
  double* in = device_ones(reduce_threads);
  double* out = device_ones(1);
  double* a = device_ones(n * n);
  double* b = device_ones(n * n);
  double* c = device_ones(n * n);
  double* x = device_ones(65536);
  double* y = device_ones(65536);
  std::printf("cudasim_bench: %d launches per measurement, best of 5\n", launches);
  for (const char* order : {"forward", "reverse", "random:1"}) {
    const cudasim::ScopedSchedule schedule(cudasim::schedule_from_string(order));
    const Times reduce = best_per_launch(
        launches, [&] { cudasim::launch<sum_rows_kernel>(1, reduce_threads, out, in, reduce_threads); });
    const Times matmul = best_per_launch(launches, [&] {
      cudasim::launch<matmul_kernel>(dim3(n / tile, n / tile), dim3(tile, tile), c, a, b, n, n, n);
    });
    const Times map = best_per_launch(launches, [&] { cudasim::launch<map_kernel<Negate>>(256, 256, y, x, 65536); });
    std::printf("  %-9s", order);
    print("reduce 1x1024 threads:", reduce);
    print("matmul 64x64 (4x1024 threads):", matmul);
    print("map 64Ki:", map);
    std::printf("\n");
  }
  for (double* p : {in, out, a, b, c, x, y}) cudaFree(p);
  return 0;
}
