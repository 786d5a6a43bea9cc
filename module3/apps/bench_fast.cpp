// module3/apps/bench_fast.cpp
//
// The fast backend's map, zip and reduce against the simple backend's, at
// sizes 10^3 .. 10^7, next to the memory bandwidth of this machine measured in
// the same run (memcpy of the same number of doubles, one thread):
//
//   bench_fast                       2 threads (OpenMP's default), sizes up to 10^7
//   bench_fast --threads 1 --max-size 1e6
//
// Elements/s counts the elements of the output (reduce: of the input) per
// second. "of memcpy" compares with memcpy's elements/s: a map reads and
// writes as many bytes as memcpy copies, so a memory-bound map on one thread
// reaches about 100% (more with more threads, when one thread cannot use all
// of the bandwidth); a zip moves 1.5 times as many bytes. Outputs are
// preallocated: allocation is not timed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"
#include "minitorch/random.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

namespace {

namespace mt = minitorch;
using Clock = std::chrono::steady_clock;

constexpr int kRow = 1000;  // row length of the broadcast and reduce cases: (n / 1000, 1000)

struct Options {
  double max_size = 1e7;
  int threads = 0;
  double min_seconds = 0.2;  // time each case for at least this long
};

void usage() {
  std::cout << "usage: bench_fast [--max-size N] [--threads N] [--min-time S]\n"
               "  --max-size  largest number of elements, a power of ten (default 1e7)\n"
               "  --threads   threads of the fast backend (default: OpenMP's default)\n"
               "  --min-time  seconds to spend on each case at least (default 0.2)\n";
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw mt::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--max-size") {
      o.max_size = std::stod(value());
    } else if (arg == "--threads") {
      o.threads = std::stoi(value());
    } else if (arg == "--min-time") {
      o.min_seconds = std::stod(value());
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw mt::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  return o;
}

// Seconds per call: the best of 3 rounds after a warm-up, each round
// repeating fn for about min_seconds / 3.
double seconds_per_call(double min_seconds, const std::function<void()>& fn) {
  const auto start = Clock::now();
  fn();
  const double once = std::max(1e-9, std::chrono::duration<double>(Clock::now() - start).count());
  const int reps = std::clamp(static_cast<int>(min_seconds / 3 / once), 1, 1000000);
  double best = 1e300;
  for (int round = 0; round < 3; ++round) {
    const auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) fn();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count() / reps);
  }
  return best;
}

std::string rate(double per_second) {
  char text[32];
  std::snprintf(text, sizeof text, "%8.3f G/s", per_second / 1e9);
  return text;
}

mt::TensorData random_data(const mt::Shape& shape, std::uint64_t seed) {
  mt::Random rng(seed);
  std::vector<double> values(static_cast<std::size_t>(mt::shape_size(shape)));
  for (double& v : values) v = rng.uniform(-1.0, 1.0);
  return mt::TensorData(values, shape);
}

void row(const char* name, int n, double simple_s, double fast_s, double memcpy_s) {
  std::printf("%-26s %9d  %s  %s  %7.1fx  %6.0f%%\n", name, n, rate(n / simple_s).c_str(), rate(n / fast_s).c_str(),
              simple_s / fast_s, 100.0 * memcpy_s / fast_s);
}

void bench_size(int n, double min_seconds) {
  const mt::TensorBackend& simple = mt::simple_backend();
  const mt::TensorBackend& fast = mt::fast_backend();
  const int rows = std::max(1, n / kRow);
  const mt::TensorData a = random_data({n}, 1), b = random_data({n}, 2);
  mt::TensorData out = fast.zeros({n});

  std::vector<double> src(a.data(), a.data() + n), dst(static_cast<std::size_t>(n));
  const double copy_s = seconds_per_call(min_seconds, [&] {
    std::memcpy(dst.data(), src.data(), sizeof(double) * static_cast<std::size_t>(n));
    src[0] += dst[1];  // keep the copies alive
  });
  std::printf("%-26s %9d  %12s  %s  %8s  %7s   (%.1f GB/s)\n", "memcpy (1 thread)", n, "", rate(n / copy_s).c_str(), "",
              "", 16.0 * n / copy_s / 1e9);

  const auto both = [&](const char* name, const std::function<void(const mt::TensorBackend&)>& op) {
    const double s = seconds_per_call(min_seconds, [&] { op(simple); });
    const double f = seconds_per_call(min_seconds, [&] { op(fast); });
    row(name, n, s, f, copy_s);
  };
  both("map  neg", [&](const mt::TensorBackend& backend) { backend.neg_map(a, out); });
  both("zip  add", [&](const mt::TensorBackend& backend) { backend.add_zip(a, b, out); });
  const mt::TensorData matrix(a.storage(), {rows, n / rows});
  const mt::TensorData vector = random_data({n / rows}, 3);
  mt::TensorData out2 = fast.zeros({rows, n / rows});
  both("zip  add (broadcast row)", [&](const mt::TensorBackend& backend) { backend.add_zip(matrix, vector, out2); });
  const mt::TensorData transposed = matrix.permute({1, 0});
  mt::TensorData out3 = fast.zeros(transposed.shape());
  both("map  copy (transposed in)", [&](const mt::TensorBackend& backend) { backend.id_map(transposed, out3); });
  mt::TensorData sums = fast.zeros({rows, 1});
  both("reduce sum (rows)", [&](const mt::TensorBackend& backend) { backend.add_reduce(matrix, 1, sums); });
  mt::TensorData column_sums = fast.zeros({1, n / rows});
  both("reduce sum (columns)", [&](const mt::TensorBackend& backend) { backend.add_reduce(matrix, 0, column_sums); });
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    if (o.threads > 0) mt::set_fast_threads(o.threads);
    std::printf("bench_fast: simple backend (1 thread) vs fast backend (%d thread%s, OpenMP %s)\n", mt::fast_threads(),
                mt::fast_threads() == 1 ? "" : "s", mt::has_openmp() ? "on" : "off");
    std::printf(
        "elements/s: output elements (reduce: input elements) per second, best of 3 rounds;\n"
        "of memcpy: fast elements/s over memcpy's (copying the same number of doubles) in this run\n\n");
    std::printf("%-26s %9s  %12s  %12s  %8s  %7s\n", "operation", "elements", "simple", "fast", "speed-up",
                "of memcpy");
    for (double n = 1e3; n <= o.max_size * 1.0001; n *= 10) {
      bench_size(static_cast<int>(n), o.min_seconds);
      std::printf("\n");
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
