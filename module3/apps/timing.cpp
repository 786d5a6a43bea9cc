// module3/apps/timing.cpp
//
// The course's matrix multiply timing (project/timing.py): a batch of 2
// square matrices times another, sizes 64 .. 1024, for
//
//   simple    Module 2's backend: a plain triple loop, one thread
//   fast      Task 3.2: blocked, register-tiled, OpenMP threads
//   OpenBLAS  cblas_dgemm on the same numbers, one call per batch entry, with
//             the same number of threads as fast (and with its own default
//             thread count when that differs), measured in the same run
//   cuda      Task 3.4's tiled kernel on the GPU, and cuBLAS's
//   cuBLAS    cublasDgemmStridedBatched on the same device memory, when a GPU
//             answers (the build has nvcc's backend)
//   cudasim   with --cudasim: Task 3.4's kernel on the CPU simulator (slow:
//             each CUDA thread is a fiber; for curiosity, at small sizes);
//             --profile adds the simulator's profile of each size's launches
//             (global loads and stores, segments per warp access, shared
//             memory, barriers: module3/README.md explains how to read it)
//
// It prints seconds per call (the best of --trials rounds of ~20 ms after a
// warm-up, minitorch/benchmark.h)
// and GFLOP/s (2 * batch * n^3 floating point operations per multiply) side
// by side, or with --lines one machine-readable line per case, and draws
// them in timing.svg (GFLOP/s against n, log scale, plot.h's chart_svg).
//
//   timing                             sizes 64 128 256 512 1024
//   timing --sizes 128,1024 --threads 1 --trials 5 --out t.svg
//
// The simple backend skips a size when the previous one predicts more than
// --simple-limit seconds (n^3 growth).
//
// First it measures the machine's float64 peak on as many threads as fast
// uses: independent FMA chains in the widest vectors the CPU has (AVX-512,
// AVX2 with FMA, or SSE2's multiply and add), and prints each result's share
// of it (the "peak" columns).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cudasim/profile.h"
#include "minitorch/benchmark.h"
#include "minitorch/cli_options.h"
#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"
#include "minitorch/gemm_kernel.h"
#include "minitorch/plot.h"
#include "minitorch/random.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

#ifdef MINITORCH_HAVE_OPENBLAS
#include <cblas.h>
#endif
#include "minitorch/cuda_backend.h"
#ifdef MINITORCH_HAVE_CUBLAS
#include <cublas_v2.h>
#include <cuda_runtime.h>
#endif

namespace {

namespace mt = minitorch;
namespace bench = minitorch::bench;

// Lets the threads of the previous implementation go to sleep (OpenMP and
// OpenBLAS threads spin for a while after their work), so that they do not
// steal cores from the next one.
void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }

mt::TensorData random_batch(int batch, int n, std::uint64_t seed) {
  mt::Random rng(seed);
  std::vector<double> values(static_cast<std::size_t>(batch) * n * n);
  for (double& v : values) v = rng.uniform();
  return mt::TensorData(values, {batch, n, n});
}

// ------------------------------------------------------------- the peak

// Chains independent vector FMA chains (Width doubles each), `rounds` steps
// each: 2 * Width * Chains * rounds floating point operations. Inlined into
// a function compiled for the instruction set, which vectorises it.
template <int Width, int Chains>
[[gnu::always_inline]] inline double fma_chains(long rounds, double m, double c) {
  typedef double Vector __attribute__((vector_size(Width * sizeof(double))));
  Vector acc[Chains];
  for (int i = 0; i < Chains; ++i) acc[i] = Vector{} + (1.0 + i * 1e-3);
  for (long r = 0; r < rounds; ++r) {
#pragma GCC unroll 16
    for (int i = 0; i < Chains; ++i) acc[i] = acc[i] * m + c;
  }
  double sum = 0.0;
  for (int i = 0; i < Chains; ++i) {
    for (int j = 0; j < Width; ++j) sum += acc[i][j];
  }
  return sum;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define MT_PEAK_X86 1
__attribute__((target("avx512f"))) double fma_avx512(long rounds, double m, double c) {
  return fma_chains<8, 16>(rounds, m, c);
}
__attribute__((target("avx2,fma"))) double fma_avx2(long rounds, double m, double c) {
  return fma_chains<4, 12>(rounds, m, c);
}
#endif
double fma_portable(long rounds, double m, double c) { return fma_chains<2, 12>(rounds, m, c); }

// The widest loop this CPU runs: the function, the doubles per round, its name.
struct PeakLoop {
  double (*run)(long, double, double);
  int doubles;
  const char* name;
};
PeakLoop peak_loop() {
#ifdef MT_PEAK_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return {fma_avx512, 8 * 16, "AVX-512 FMA"};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return {fma_avx2, 4 * 12, "AVX2 FMA"};
#endif
  return {fma_portable, 2 * 12, "SSE2 multiply-add"};
}

// GFLOP/s of `threads` threads each running the loop at once, the best of
// `trials` (each some 0.1 s on one core).
double measure_peak(const PeakLoop& loop, int threads, int trials) {
  const long rounds = 50'000'000 / loop.doubles * 8;
  volatile double m = 0.999999, c = 1e-6;  // unknown to the compiler
  std::vector<double> sums(static_cast<std::size_t>(threads));
  const double seconds = bench::seconds_per_call(
      [&] {
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) workers.emplace_back([&, t] { sums[t] = loop.run(rounds, m, c); });
        for (std::thread& w : workers) w.join();
      },
      {.warmups = 1, .rounds = trials, .min_seconds = 0.0});
  return 2.0 * loop.doubles * static_cast<double>(rounds) * threads / seconds / 1e9;
}

// ------------------------------------------------------------- the multiplies

// One multiply on a backend, output allocated as a Tensor operation would.
mt::TensorData multiply(const mt::TensorBackend& backend, const mt::TensorData& a, const mt::TensorData& b) {
  // As MatMul does: the multiply writes every element, no zero-fill first.
  mt::TensorData out = backend.output({a.shape()[0], a.shape()[1], b.shape()[2]});
  backend.matrix_multiply(a, b, out);
  return out;
}

double max_difference(const mt::TensorData& x, const mt::TensorData& y) {
  double worst = 0.0;
  for (int i = 0; i < x.size(); ++i) worst = std::max(worst, std::fabs(x.data()[i] - y.data()[i]));
  return worst;
}

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// After one untimed warm-up call, the best of `trials` timed rounds, each
// repeating the call for about 20 ms (n = 64 is some 40 us: one call alone
// is mostly the timer and the machine's hiccups; a 0.1 s call runs once);
// and one timed call without a warm-up, for the slow cases.
double best_time(int trials, const std::function<void()>& fn) {
  return bench::seconds_per_call(fn, {.warmups = 1, .rounds = trials, .min_seconds = 0.02 * trials});
}
double time_once(const std::function<void()>& fn) {
  return bench::seconds_per_call(fn, {.warmups = 0, .rounds = 1, .min_seconds = 0.0});
}

// One multiply on a device backend, finished: reading one number back waits
// for the kernel (launches return before the GPU is done).
mt::TensorData multiply_and_wait(const mt::TensorBackend& backend, const mt::TensorData& a, const mt::TensorData& b) {
  mt::TensorData out = multiply(backend, a, b);
  backend.get(out, {0, 0, 0});
  return out;
}

#ifdef MINITORCH_HAVE_CUBLAS
// The same batch multiply with cuBLAS on device memory (a, b, out on the cuda
// backend). cuBLAS is column-major: row-major out = a @ b is column-major
// out^T = b^T @ a^T, so b goes first.
class Cublas {
 public:
  Cublas() {
    if (cublasCreate(&handle_) != CUBLAS_STATUS_SUCCESS) throw mt::Error("cublasCreate failed");
  }
  ~Cublas() { cublasDestroy(handle_); }
  Cublas(const Cublas&) = delete;
  Cublas& operator=(const Cublas&) = delete;
  void multiply(const mt::TensorData& a, const mt::TensorData& b, mt::TensorData& out) const {
    const int batch = a.shape()[0], n = a.shape()[1], k = a.shape()[2], m = b.shape()[2];
    const double one = 1.0, zero = 0.0;
    const cublasStatus_t status = cublasDgemmStridedBatched(
        handle_, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &one, b.data(), m, static_cast<long long>(k) * m, a.data(), k,
        static_cast<long long>(n) * k, &zero, out.data(), m, static_cast<long long>(n) * m, batch);
    if (status != CUBLAS_STATUS_SUCCESS) throw mt::Error("cublasDgemmStridedBatched failed");
    if (cudaDeviceSynchronize() != cudaSuccess) throw mt::Error("cudaDeviceSynchronize after cuBLAS failed");
  }

 private:
  cublasHandle_t handle_{};
};
#endif

#ifdef MINITORCH_HAVE_OPENBLAS
// The same batch multiply with OpenBLAS, one dgemm per batch entry.
void openblas_multiply(const mt::TensorData& a, const mt::TensorData& b, mt::TensorData& out) {
  const int batch = a.shape()[0], n = a.shape()[1], k = a.shape()[2], m = b.shape()[2];
  for (int i = 0; i < batch; ++i) {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, m, k, 1.0, a.data() + i * n * k, k, b.data() + i * k * m,
                m, 0.0, out.data() + i * n * m, m);
  }
}
#endif

}  // namespace

int main(int argc, char** argv) {
  using mt::cli::Kind;
  mt::cli::Parser parser("timing", "Batched matrix multiply: simple vs fast vs OpenBLAS, seconds and GFLOP/s.");
  parser.add({"sizes", "N,N,...", "matrix sizes", "64,128,256,512,1024", Kind::List})
      .add({"batch", "B", "matrices per batch", "2", Kind::Int, 1})
      .add({"trials", "T", "timed rounds per size (each ~20 ms, at least one call), the best is reported", "3",
            Kind::Int, 1})
      .add({"threads", "N", "threads of the fast backend and of OpenBLAS (0: OpenMP's default)", "0", Kind::Int, 0})
      .add({"simple-limit", "S", "skip the simple backend where one multiply would take longer (seconds)", "20",
            Kind::Double, 0})
      .add({"out", "FILE", "the chart", "timing.svg", Kind::String})
      .add({"cudasim", "", "add Task 3.4's kernel on the CUDA simulator (slow: keep --sizes small)", "", Kind::Flag})
      .add({"profile", "", "with --cudasim: print the simulator's profile of each size (memory traffic per kernel)", "",
            Kind::Flag})
      .add({"lines", "", "print one machine-readable line per case instead of the table", "", Kind::Flag});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    struct {
      std::vector<int> sizes;
      int batch, trials, threads;
      double simple_limit;
      std::string out;
      bool lines, cudasim;
    } const o{args.get_int_list("sizes"),      args.get_int("batch"),  args.get_int("trials"), args.get_int("threads"),
              args.get_double("simple-limit"), args.get_string("out"), args.flag("lines"),     args.flag("cudasim")};
    for (const int n : o.sizes) {
      if (n < 1) throw mt::cli::UsageError("--sizes expects sizes >= 1, got " + std::to_string(n));
    }
    const bool profile = args.flag("profile");
    if (profile && !o.cudasim) throw mt::cli::UsageError("--profile profiles the simulator: add --cudasim");
    if (profile) cudasim::set_profile_enabled(true);
    if (o.threads > 0) mt::set_fast_threads(o.threads);
    const int threads = mt::fast_threads();
    const mt::TensorBackend& simple = mt::simple_backend();
    const mt::TensorBackend& fast = mt::fast_backend();

    std::printf("Matrix multiply timing: batch %d of n x n @ n x n, float64, best of %d (after a warm-up)\n", o.batch,
                o.trials);
    std::printf("fast backend: %d thread%s (OpenMP %s)\n", threads, threads == 1 ? "" : "s",
                mt::has_openmp() ? "on" : "not found: serial");
    // GFLOP/s against n, one series per implementation; `ids` name them in the machine-readable lines.
    std::vector<mt::plot::Series> series{{"simple", {}, {}, "#888888", true}, {"fast", {}, {}, "#d62728", true}};
    std::vector<std::string> ids{"simple", "fast"};
#ifdef MINITORCH_HAVE_OPENBLAS
    const int blas_default = openblas_get_num_threads();
    const bool show_default = blas_default != threads;
    std::printf("OpenBLAS %s, core %s: %d thread%s (as fast)%s\n", openblas_get_config(), openblas_get_corename(),
                threads, threads == 1 ? "" : "s",
                show_default ? (", and its default " + std::to_string(blas_default)).c_str() : "");
    series.push_back({"OpenBLAS (" + std::to_string(threads) + " thr)", {}, {}, "#1f77b4", true});
    ids.push_back("openblas_" + std::to_string(threads) + "_threads");
    if (show_default) {
      series.push_back({"OpenBLAS (" + std::to_string(blas_default) + " thr)", {}, {}, "#17becf", true});
      ids.push_back("openblas_" + std::to_string(blas_default) + "_threads");
    }
#else
    std::printf("OpenBLAS: not found at build time, no OpenBLAS column (sudo apt-get install libopenblas-dev)\n");
    const bool show_default = false;
#endif
    // The GPU columns (Task 3.4's kernel and cuBLAS), and the simulator's.
    const std::string gpu_missing = mt::cuda_gpu_unavailable_reason();
    const bool gpu = gpu_missing.empty();
    std::size_t cuda_series = 0, cudasim_series = 0;
    if (gpu) {
      cuda_series = series.size();
      series.push_back({"cuda (Task 3.4)", {}, {}, "#2ca02c", true});
      ids.push_back("cuda");
#ifdef MINITORCH_HAVE_CUBLAS
      series.push_back({"cuBLAS", {}, {}, "#9467bd", true});
      ids.push_back("cublas");
#endif
    } else {
      std::printf("CUDA: no GPU column (%s)\n", gpu_missing.c_str());
    }
    if (o.cudasim) {
      cudasim_series = series.size();
      series.push_back({"cudasim (CPU simulator)", {}, {}, "#8c564b", true});
      ids.push_back("cudasim");
    }
    const PeakLoop loop = peak_loop();
    const double peak = measure_peak(loop, threads, std::max(20, o.trials));
    const double core_peak = threads == 1 ? peak : measure_peak(loop, 1, std::max(20, o.trials));
    std::printf("peak (%s loop): %.1f GFLOP/s on %d thread%s, %.1f on one; 'peak' columns: share of the first\n",
                loop.name, peak, threads, threads == 1 ? "" : "s", core_peak);
    const std::string kernel(mt::gemm_kernel_name()), wide_kernel(mt::gemm_wide_kernel_name());
    std::printf("fast's micro-kernel: %s; wide micro-kernel: %s\n", kernel.c_str(), wide_kernel.c_str());
    if (o.lines) {
      bench::Case{"peak",
                  "fma_loop",
                  threads,
                  0.0,
                  {{"gflops", format("%.4g", peak)},
                   {"core_gflops", format("%.4g", core_peak)},
                   {"loop", loop.name},
                   {"kernel", kernel},
                   {"wide_kernel", wide_kernel}}}
          .print();
    }
    settle();
    std::string extra_header;
    if (gpu) extra_header += "  cuda     s  GFLOP/s peak  cuBLAS   s  GFLOP/s peak  cuda/cuBLAS";
    if (o.cudasim) extra_header += "  cudasim  s  GFLOP/s peak";
    if (!o.lines) {
      std::printf("\n%6s  %-24s  %-24s  %-24s%s  %s%s\n", "n", "simple   s  GFLOP/s peak", "fast     s  GFLOP/s peak",
                  "OpenBLAS s  GFLOP/s peak", show_default ? "  OpenBLAS(default)       " : "", "fast/OpenBLAS",
                  extra_header.c_str());
    }

    bool simple_available = true;
    double simple_previous = 0.0;
    int simple_previous_n = 0;
    for (int n : o.sizes) {
      const double flops = 2.0 * o.batch * n * static_cast<double>(n) * n;
      const mt::TensorData a = random_batch(o.batch, n, 1), b = random_batch(o.batch, n, 2);
      // Records one measurement (series k) and returns its table cell.
      const auto record = [&](std::size_t k, double seconds) {
        const double gflops = flops / seconds / 1e9;
        series[k].x.push_back(n);
        series[k].y.push_back(gflops);
        if (o.lines) {
          bench::Case{"matmul",
                      ids[k],
                      n,
                      seconds,
                      {{"batch", std::to_string(o.batch)},
                       {"gflops", format("%.4g", gflops)},
                       {"peak_share", format("%.3f", gflops / peak)}}}
              .print();
        }
        return format("%9.5f", seconds) + format(" %8.2f", gflops) + format(" %3.0f%%", 100.0 * gflops / peak);
      };
      std::string simple_cell = "skipped";
      const double predicted = simple_previous * std::pow(static_cast<double>(n) / std::max(1, simple_previous_n), 3);
      if (simple_available && (simple_previous_n == 0 || predicted <= o.simple_limit)) {
        try {
          // Slow sizes are timed once, without a warm-up.
          const double s = predicted > 1.0 ? time_once([&] { multiply(simple, a, b); })
                                           : best_time(o.trials, [&] { multiply(simple, a, b); });
          simple_previous = s;
          simple_previous_n = n;
          simple_cell = record(0, s);
        } catch (const mt::Error& e) {
          std::printf("(simple backend: %s)\n", e.what());
          simple_available = false;
          simple_cell = "n/a";
        }
        settle();
      }
      mt::TensorData fast_out = multiply(fast, a, b);
      const double f = best_time(o.trials, [&] { fast_out = multiply(fast, a, b); });
      const std::string fast_cell = record(1, f);
      std::string blas_cell = "-", default_cell, ratio = "-";
      settle();
#ifdef MINITORCH_HAVE_OPENBLAS
      mt::TensorData blas_out = mt::TensorData::zeros({o.batch, n, n});
      openblas_set_num_threads(threads);
      const double g = best_time(o.trials, [&] { openblas_multiply(a, b, blas_out); });
      blas_cell = record(2, g);
      ratio = format("%5.0f%%", 100.0 * g / f);
      const double diff = max_difference(fast_out, blas_out);
      if (diff > 1e-9 * n) ratio += format("  (results differ by %g!)", diff);
      if (show_default) {
        settle();
        openblas_set_num_threads(blas_default);
        const double h = best_time(o.trials, [&] { openblas_multiply(a, b, blas_out); });
        default_cell = "  " + record(3, h);
      }
      settle();
#endif
      std::string extra_cells;
      if (gpu) {
        const mt::TensorBackend& cuda = mt::cuda_backend();
        const mt::TensorData da = cuda.from_host(simple.to_host(a), a.shape());
        const mt::TensorData db = cuda.from_host(simple.to_host(b), b.shape());
        const double c = best_time(o.trials, [&] { multiply_and_wait(cuda, da, db); });
        extra_cells += "  " + record(cuda_series, c);
#ifdef MINITORCH_HAVE_CUBLAS
        const Cublas cublas;
        mt::TensorData blas_device = cuda.zeros({o.batch, n, n});
        const double cb = best_time(o.trials, [&] { cublas.multiply(da, db, blas_device); });
        extra_cells += "  " + record(cuda_series + 1, cb) + format("  %9.0f%%", 100.0 * cb / c);
#else
        extra_cells += "  (cuBLAS not found at build time)";
#endif
      }
      if (o.cudasim) {
        const mt::TensorBackend& sim = mt::cudasim_backend();
        const mt::TensorData sa = sim.from_host(simple.to_host(a), a.shape()),
                             sb = sim.from_host(simple.to_host(b), b.shape());
        extra_cells += "  " + record(cudasim_series, time_once([&] { multiply_and_wait(sim, sa, sb); }));
      }
      if (!o.lines) {
        std::printf("%6d  %-24s  %-24s  %-24s%s  %s%s\n", n, simple_cell.c_str(), fast_cell.c_str(), blas_cell.c_str(),
                    default_cell.c_str(), ratio.c_str(), extra_cells.c_str());
      }
      if (profile) {
        std::printf("\n  the simulator's launches for n = %d:\n", n);
        cudasim::print_profile(stdout);
        std::printf("\n");
      }
      std::fflush(stdout);
    }
    mt::plot::ChartOptions chart;
    chart.title = "Batched matmul, float64, " + std::to_string(threads) + " thread" + (threads == 1 ? "" : "s");
    chart.x_label = "n (batch of n x n times n x n)";
    chart.y_label = "GFLOP/s";
    chart.log_x = chart.log_y = true;
    chart.x_ticks.assign(o.sizes.begin(), o.sizes.end());
    mt::plot::write_file(o.out, mt::plot::chart_svg(series, chart));
    std::printf("\nwrote %s\n", o.out.c_str());
    return 0;
  });
}
