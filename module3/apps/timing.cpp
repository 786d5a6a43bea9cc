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
//
// It prints seconds (best of --trials after a warm-up) and GFLOP/s
// (2 * batch * n^3 floating point operations per multiply) side by side, and
// draws them in timing.svg (GFLOP/s against n, log scale).
//
//   timing                             sizes 64 128 256 512 1024
//   timing --sizes 128,1024 --threads 1 --trials 5 --out t.svg
//
// The simple backend skips a size when the previous one predicts more than
// --simple-limit seconds (n^3 growth).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"
#include "minitorch/plot.h"
#include "minitorch/random.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

#ifdef MINITORCH_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace {

namespace mt = minitorch;
using Clock = std::chrono::steady_clock;

struct Options {
  std::vector<int> sizes{64, 128, 256, 512, 1024};
  int batch = 2;
  int trials = 3;
  int threads = 0;  // 0: the fast backend's default
  double simple_limit = 20.0;
  std::string out = "timing.svg";
};

void usage() {
  std::cout
      << "usage: timing [--sizes N,N,...] [--batch B] [--trials T] [--threads N] [--simple-limit S] [--out FILE]\n"
         "  --sizes         matrix sizes (default 64,128,256,512,1024)\n"
         "  --batch         matrices per batch (default 2)\n"
         "  --trials        timed runs per size, the best is reported (default 3)\n"
         "  --threads       threads of the fast backend and of OpenBLAS (default: OpenMP's default)\n"
         "  --simple-limit  skip the simple backend where one multiply would take longer (default 20 s)\n"
         "  --out           the chart (default timing.svg)\n";
}

std::vector<int> parse_sizes(const std::string& text) {
  std::vector<int> sizes;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const int n = std::stoi(item);
    if (n < 1) throw mt::ValueError("--sizes: sizes must be >= 1, not " + item);
    sizes.push_back(n);
  }
  if (sizes.empty()) throw mt::ValueError("--sizes: give at least one size");
  return sizes;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw mt::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--sizes") {
      o.sizes = parse_sizes(value());
    } else if (arg == "--batch") {
      o.batch = std::stoi(value());
    } else if (arg == "--trials") {
      o.trials = std::stoi(value());
    } else if (arg == "--threads") {
      o.threads = std::stoi(value());
    } else if (arg == "--simple-limit") {
      o.simple_limit = std::stod(value());
    } else if (arg == "--out") {
      o.out = value();
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw mt::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  if (o.batch < 1 || o.trials < 1) throw mt::ValueError("--batch and --trials must be >= 1");
  return o;
}

double time_once(const std::function<void()>& fn) {
  const auto start = Clock::now();
  fn();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The best of `trials` timed calls after one untimed warm-up call.
double best_time(int trials, const std::function<void()>& fn) {
  fn();
  double best = 1e300;
  for (int t = 0; t < trials; ++t) best = std::min(best, time_once(fn));
  return best;
}

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

// One multiply on a backend, output allocated as a Tensor operation would.
mt::TensorData multiply(const mt::TensorBackend& backend, const mt::TensorData& a, const mt::TensorData& b) {
  mt::TensorData out = backend.zeros({a.shape()[0], a.shape()[1], b.shape()[2]});
  backend.matrix_multiply(a, b, out);
  return out;
}

double max_difference(const mt::TensorData& x, const mt::TensorData& y) {
  double worst = 0.0;
  for (int i = 0; i < x.size(); ++i) worst = std::max(worst, std::fabs(x.data()[i] - y.data()[i]));
  return worst;
}

struct Series {
  std::string name;
  std::string color;
  std::map<int, double> gflops;  // size -> GFLOP/s
};

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// A line chart of GFLOP/s against n, both axes logarithmic.
std::string chart_svg(const std::vector<Series>& series, const std::vector<int>& sizes, const std::string& title) {
  constexpr double W = 640, H = 420, L = 70, R = 170, T = 40, B = 50;
  double lo = 1e300, hi = 0;
  for (const Series& s : series) {
    for (const auto& [n, g] : s.gflops) {
      lo = std::min(lo, g);
      hi = std::max(hi, g);
    }
  }
  if (hi <= 0) return "<svg xmlns='http://www.w3.org/2000/svg'/>\n";
  const double y0 = std::floor(std::log10(lo)), y1 = std::ceil(std::log10(hi)) + (lo == hi ? 1 : 0);
  const double x0 = std::log2(sizes.front()), x1 = std::log2(sizes.back()) + (sizes.size() == 1 ? 1 : 0);
  const auto px = [&](double n) { return L + (std::log2(n) - x0) / (x1 - x0) * (W - L - R); };
  const auto py = [&](double g) { return H - B - (std::log10(g) - y0) / (y1 - y0) * (H - T - B); };
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << W << "' height='" << H
      << "' font-family='sans-serif' font-size='12'>\n<rect width='100%' height='100%' fill='white'/>\n"
      << "<text x='" << W / 2 << "' y='22' text-anchor='middle' font-size='15'>" << title << "</text>\n";
  for (double e = y0; e <= y1; ++e) {
    const double y = py(std::pow(10.0, e));
    svg << "<line x1='" << L << "' x2='" << W - R << "' y1='" << y << "' y2='" << y << "' stroke='#ddd'/>"
        << "<text x='" << L - 6 << "' y='" << y + 4 << "' text-anchor='end'>" << format("%g", std::pow(10.0, e))
        << "</text>\n";
  }
  for (int n : sizes) {
    svg << "<line x1='" << px(n) << "' x2='" << px(n) << "' y1='" << T << "' y2='" << H - B << "' stroke='#eee'/>"
        << "<text x='" << px(n) << "' y='" << H - B + 18 << "' text-anchor='middle'>" << n << "</text>\n";
  }
  svg << "<text x='" << (L + W - R) / 2 << "' y='" << H - 12
      << "' text-anchor='middle'>n (batch of n x n times n x n)</text>\n"
      << "<text x='18' y='" << (T + H - B) / 2 << "' text-anchor='middle' transform='rotate(-90 18 " << (T + H - B) / 2
      << ")'>GFLOP/s (log scale)</text>\n";
  int row = 0;
  for (const Series& s : series) {
    if (s.gflops.empty()) continue;
    svg << "<polyline fill='none' stroke='" << s.color << "' stroke-width='2.5' points='";
    for (const auto& [n, g] : s.gflops) svg << px(n) << "," << py(g) << " ";
    svg << "'/>\n";
    for (const auto& [n, g] : s.gflops) {
      svg << "<circle cx='" << px(n) << "' cy='" << py(g) << "' r='3.5' fill='" << s.color << "'/>\n";
    }
    const double ly = T + 20 + 22 * row++;
    svg << "<line x1='" << W - R + 15 << "' x2='" << W - R + 40 << "' y1='" << ly << "' y2='" << ly << "' stroke='"
        << s.color << "' stroke-width='2.5'/><text x='" << W - R + 46 << "' y='" << ly + 4 << "'>" << s.name
        << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

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
  try {
    const Options o = parse(argc, argv);
    if (o.threads > 0) mt::set_fast_threads(o.threads);
    const int threads = mt::fast_threads();
    const mt::TensorBackend& simple = mt::simple_backend();
    const mt::TensorBackend& fast = mt::fast_backend();

    std::printf("Matrix multiply timing: batch %d of n x n @ n x n, float64, best of %d (after a warm-up)\n", o.batch,
                o.trials);
    std::printf("fast backend: %d thread%s (OpenMP %s)\n", threads, threads == 1 ? "" : "s",
                mt::has_openmp() ? "on" : "not found: serial");
    std::vector<Series> series{{"simple", "#888888", {}}, {"fast", "#d62728", {}}};
#ifdef MINITORCH_HAVE_OPENBLAS
    const int blas_default = openblas_get_num_threads();
    const bool show_default = blas_default != threads;
    std::printf("OpenBLAS %s, core %s: %d thread%s (as fast)%s\n", openblas_get_config(), openblas_get_corename(),
                threads, threads == 1 ? "" : "s",
                show_default ? (", and its default " + std::to_string(blas_default)).c_str() : "");
    series.push_back({"OpenBLAS (" + std::to_string(threads) + " thr)", "#1f77b4", {}});
    if (show_default) series.push_back({"OpenBLAS (" + std::to_string(blas_default) + " thr)", "#17becf", {}});
#else
    std::printf("OpenBLAS: not found at build time, no OpenBLAS column (sudo apt-get install libopenblas-dev)\n");
    const bool show_default = false;
#endif
    std::printf("\n%6s  %-20s  %-20s  %-20s%s  %s\n", "n", "simple   s  GFLOP/s", "fast     s  GFLOP/s",
                "OpenBLAS s  GFLOP/s", show_default ? "  OpenBLAS(default)   " : "", "fast/OpenBLAS");

    bool simple_available = true;
    double simple_previous = 0.0;
    int simple_previous_n = 0;
    for (int n : o.sizes) {
      const double flops = 2.0 * o.batch * n * static_cast<double>(n) * n;
      const mt::TensorData a = random_batch(o.batch, n, 1), b = random_batch(o.batch, n, 2);
      const auto cell = [&](double seconds) {
        return format("%9.5f", seconds) + format(" %9.2f", flops / seconds / 1e9);
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
          simple_cell = cell(s);
          series[0].gflops[n] = flops / s / 1e9;
        } catch (const mt::Error& e) {
          std::printf("(simple backend: %s)\n", e.what());
          simple_available = false;
          simple_cell = "n/a";
        }
        settle();
      }
      mt::TensorData fast_out = multiply(fast, a, b);
      const double f = best_time(o.trials, [&] { fast_out = multiply(fast, a, b); });
      series[1].gflops[n] = flops / f / 1e9;
      std::string blas_cell = "-", default_cell, ratio = "-";
      settle();
#ifdef MINITORCH_HAVE_OPENBLAS
      mt::TensorData blas_out = mt::TensorData::zeros({o.batch, n, n});
      openblas_set_num_threads(threads);
      const double g = best_time(o.trials, [&] { openblas_multiply(a, b, blas_out); });
      series[2].gflops[n] = flops / g / 1e9;
      blas_cell = cell(g);
      ratio = format("%5.0f%%", 100.0 * g / f);
      const double diff = max_difference(fast_out, blas_out);
      if (diff > 1e-9 * n) ratio += format("  (results differ by %g!)", diff);
      if (show_default) {
        settle();
        openblas_set_num_threads(blas_default);
        const double h = best_time(o.trials, [&] { openblas_multiply(a, b, blas_out); });
        series[3].gflops[n] = flops / h / 1e9;
        default_cell = "  " + cell(h);
      }
      settle();
#endif
      std::printf("%6d  %-20s  %-20s  %-20s%s  %s\n", n, simple_cell.c_str(), cell(f).c_str(), blas_cell.c_str(),
                  default_cell.c_str(), ratio.c_str());
      std::fflush(stdout);
    }
    mt::plot::write_file(o.out, chart_svg(series, o.sizes,
                                          "Batched matmul, float64, " + std::to_string(threads) + " thread" +
                                              (threads == 1 ? "" : "s")));
    std::printf("\nwrote %s\n", o.out.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
