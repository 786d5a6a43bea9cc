// module2/apps/bench_ops.cpp
//
// The baseline that Module 3's speed-ups are measured against: elements per
// second of the backend's map, zip (same shapes, and with broadcasting) and
// reduce kernels at sizes 10^3 .. 10^7, next to a plain C++ loop doing the same
// work on contiguous arrays in the same run, and the time of one training
// epoch.
//
//   bench_ops                      the simple backend
//   bench_ops --backend list       the backends this build has
//   bench_ops --backend fast       (Module 3)
//   bench_ops --max-size 1e6       stop at 10^6 elements
//
// Kernels run on preallocated outputs (allocation is not timed). Sizes above
// 10^5 run fewer repetitions; the whole program takes well under a minute.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_network.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace mt = minitorch;

constexpr int kRow = 1000;  // row length of the broadcast and reduce cases: (n / 1000, 1000)

struct Options {
  std::string backend = "simple";
  double max_size = 1e7;
  int epochs = 50;
};

void usage() {
  std::cout << "usage: bench_ops [--backend NAME|list] [--max-size N] [--epochs N]\n"
               "  --backend   backend to measure (default simple); 'list' prints the available ones\n"
               "  --max-size  largest number of elements, a power of ten (default 1e7)\n"
               "  --epochs    training epochs to average (default 50)\n";
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw mt::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--backend") {
      o.backend = value();
    } else if (arg == "--max-size") {
      o.max_size = std::stod(value());
    } else if (arg == "--epochs") {
      o.epochs = std::stoi(value());
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw mt::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  return o;
}

// Seconds per call of fn, over `reps` calls after one untimed warm-up call.
double time_per_call(int reps, const std::function<void()>& fn) {
  fn();
  const auto start = Clock::now();
  for (int r = 0; r < reps; ++r) fn();
  return std::chrono::duration<double>(Clock::now() - start).count() / reps;
}

int repetitions(int n) { return std::clamp(static_cast<int>(3e7 / n), 3, 3000); }

std::string rate(double elements_per_second) {
  char text[32];
  if (elements_per_second >= 1e9) {
    std::snprintf(text, sizeof text, "%7.2f G/s", elements_per_second / 1e9);
  } else {
    std::snprintf(text, sizeof text, "%7.1f M/s", elements_per_second / 1e6);
  }
  return text;
}

std::string duration(double seconds) {
  char text[32];
  if (seconds >= 1.0) {
    std::snprintf(text, sizeof text, "%8.3f s ", seconds);
  } else if (seconds >= 1e-3) {
    std::snprintf(text, sizeof text, "%8.3f ms", seconds * 1e3);
  } else {
    std::snprintf(text, sizeof text, "%8.3f us", seconds * 1e6);
  }
  return text;
}

std::vector<double> random_values(int n, std::uint64_t seed) {
  mt::Random rng(seed);
  std::vector<double> values(static_cast<std::size_t>(n));
  for (double& v : values) v = rng.uniform(-1.0, 1.0);
  return values;
}

double sink = 0.0;  // keeps the plain loops' results alive

void row(const char* name, int n, int reps, double kernel_seconds, double loop_seconds) {
  std::printf("%-26s %9d %6d %s %s   %s\n", name, n, reps, duration(kernel_seconds).c_str(),
              rate(n / kernel_seconds).c_str(), rate(n / loop_seconds).c_str());
}

void bench_size(const mt::TensorBackend& f, int n) {
  const int reps = repetitions(n);
  const int rows = std::max(1, n / kRow);
  const int m = rows * kRow < n ? n : rows * kRow;  // n itself (sizes are multiples of 1000)
  const mt::TensorData a(random_values(m, 1), {m});
  const mt::TensorData b(random_values(m, 2), {m});
  mt::TensorData out = f.zeros({m});

  // map: out = -a
  const double map_s = time_per_call(reps, [&] { f.neg_map(a, out); });
  std::vector<double> va(a.data(), a.data() + m), vb(b.data(), b.data() + m), vo(static_cast<std::size_t>(m));
  const double map_loop = time_per_call(reps, [&] {
    for (int i = 0; i < m; ++i) vo[static_cast<std::size_t>(i)] = -va[static_cast<std::size_t>(i)];
    sink += vo[0];
  });
  row("map  neg", m, reps, map_s, map_loop);

  // zip, same shapes: out = a + b
  const double zip_s = time_per_call(reps, [&] { f.add_zip(a, b, out); });
  const double zip_loop = time_per_call(reps, [&] {
    for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i) vo[i] = va[i] + vb[i];
    sink += vo[0];
  });
  row("zip  add", m, reps, zip_s, zip_loop);

  // zip with broadcasting: (rows, 1000) + (1000,)
  const mt::TensorData matrix(a.storage(), {rows, kRow});
  const mt::TensorData vector(random_values(kRow, 3), {kRow});
  mt::TensorData out2 = f.zeros({rows, kRow});
  const double bzip_s = time_per_call(reps, [&] { f.add_zip(matrix, vector, out2); });
  std::vector<double> vv(vector.data(), vector.data() + kRow);
  const double bzip_loop = time_per_call(reps, [&] {
    for (std::size_t r = 0; r < static_cast<std::size_t>(rows); ++r) {
      for (std::size_t c = 0; c < kRow; ++c) vo[r * kRow + c] = va[r * kRow + c] + vv[c];
    }
    sink += vo[0];
  });
  row("zip  add (broadcast row)", m, reps, bzip_s, bzip_loop);

  // reduce: (rows, 1000) summed over dimension 1 -> (rows, 1)
  mt::TensorData sums = f.zeros({rows, 1});
  const double reduce_s = time_per_call(reps, [&] { f.add_reduce(matrix, 1, sums); });
  const double reduce_loop = time_per_call(reps, [&] {
    for (std::size_t r = 0; r < static_cast<std::size_t>(rows); ++r) {
      double s = 0.0;
      for (std::size_t c = 0; c < kRow; ++c) s += va[r * kRow + c];
      vo[r] = s;
    }
    sink += vo[0];
  });
  row("reduce sum (rows of 1000)", m, reps, reduce_s, reduce_loop);

  // map on a permuted (transposed) input: the index arithmetic the kernels exist for
  const mt::TensorData transposed = matrix.permute({1, 0});
  mt::TensorData out3 = f.zeros({kRow, rows});
  const double tmap_s = time_per_call(reps, [&] { f.id_map(transposed, out3); });
  const double tmap_loop = time_per_call(reps, [&] {
    for (std::size_t c = 0; c < kRow; ++c) {
      for (std::size_t r = 0; r < static_cast<std::size_t>(rows); ++r) vo[c * rows + r] = va[r * kRow + c];
    }
    sink += vo[0];
  });
  row("map  copy (transposed in)", m, reps, tmap_s, tmap_loop);
}

void bench_training(const mt::TensorBackend& f, int epochs) {
  const mt::Dataset data = mt::make_dataset("split", 50, 0);
  mt::TensorTrainOptions options;
  options.hidden = 10;
  options.max_epochs = epochs;
  options.backend = &f;
  const mt::TensorTrainResult result = mt::train_tensor(data, options);
  std::printf("\ntraining epoch (split, 50 points, hidden 10, full batch): %s per epoch (mean of %d)\n",
              duration(result.seconds_per_epoch).c_str(), epochs);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    std::string names;
    for (const std::string& name : mt::backend_names()) names += (names.empty() ? "" : ", ") + name;
    if (o.backend == "list") {
      std::cout << "available backends: " << names << "\n";
      return 0;
    }
    const mt::TensorBackend& f = mt::backend_by_name(o.backend);
    std::printf("bench_ops: backend %s (available: %s)\n", f.name.c_str(), names.c_str());
    std::printf(
        "elements/s = elements of the output (reduce: of the input) per second; plain loop = the same work\n"
        "as a hand-written C++ loop over contiguous arrays, measured in this run\n\n");
    std::printf("%-26s %9s %6s %11s %12s   %s\n", "operation", "elements", "reps", "time/rep", "elements/s",
                "plain loop");
    for (double n = 1e3; n <= o.max_size * 1.0001; n *= 10) {
      bench_size(f, static_cast<int>(n));
      std::printf("\n");
    }
    bench_training(f, o.epochs);
    if (sink == 12345.678) std::printf(" ");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
