// module2/apps/bench_ops.cpp
//
// Elements per second of the backends' map, zip (same shapes, and with
// broadcasting) and reduce kernels at sizes 10^3 .. 10^7, side by side, next
// to references measured in the same run: a plain C++ loop doing the same
// work on contiguous arrays, and memcpy of the same number of doubles (one
// thread: the memory bandwidth). Then the time of one training epoch on each
// backend. Module 2 measures the simple backend, the baseline of Module 3's
// speed-ups; Module 3 adds the fast one:
//
//   bench_ops                              the simple backend
//   bench_ops --backend simple,fast        both, with the speed-up (Module 3)
//   bench_ops --backend list               the backends this build has
//   bench_ops --backend fast,cuda          the fast backend and the GPU (Module 3)
//   bench_ops --backend cudasim --max-size 1e4   the CUDA simulator (slow)
//   bench_ops --max-size 1e6 --lines       one machine-readable line per case
//   OMP_NUM_THREADS=1 bench_ops --backend fast   the fast backend on one thread
//
// Every figure is the best of 3 rounds after a warm-up (minitorch/benchmark.h);
// outputs are preallocated, so allocation is not timed. "of memcpy" compares
// the last backend's elements/s with memcpy's: a map reads and writes as
// many bytes as memcpy copies, so a memory-bound map on one thread reaches
// about 100% (more with more threads); a zip moves 1.5 times as many bytes.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/benchmark.h"
#include "minitorch/cli_options.h"
#include "minitorch/datasets.h"
#include "minitorch/random.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"
#include "minitorch/tensor_network.h"

namespace {

namespace mt = minitorch;
namespace bench = minitorch::bench;

constexpr int kRow = 1000;  // row length of the broadcast and reduce cases: (n / 1000, 1000)

struct Settings {
  std::vector<const mt::TensorBackend*> backends;
  bench::Timing timing;
  bool lines = false;  // machine-readable lines instead of the table
};

double sink = 0.0;  // keeps the plain loops' results alive

std::vector<double> random_values(int n, std::uint64_t seed) {
  mt::Random rng(seed);
  std::vector<double> values(static_cast<std::size_t>(n));
  for (double& v : values) v = rng.uniform(-1.0, 1.0);
  return values;
}

// The inputs and outputs of every operation, in one backend's memory.
struct Operands {
  mt::TensorData a, b, matrix, vector, transposed;
  mt::TensorData out, out2, out3, row_sums, column_sums;
};

Operands operands_on(const mt::TensorBackend& f, const std::vector<double>& va, const std::vector<double>& vb,
                     const std::vector<double>& vv, int rows, int cols) {
  const int n = rows * cols;
  mt::TensorData matrix = f.from_host(va, {rows, cols});
  mt::TensorData transposed = matrix.permute({1, 0});
  return {f.from_host(va, {n}),
          f.from_host(vb, {n}),
          matrix,
          f.from_host(vv, {cols}),
          transposed,
          f.zeros({n}),
          f.zeros({rows, cols}),
          f.zeros({cols, rows}),
          f.zeros({rows, 1}),
          f.zeros({1, cols})};
}

// One operation: the kernel on a backend (returning its output), and the same work as a plain loop.
struct Op {
  const char* name;  // in the table
  const char* id;    // in the machine-readable line
  std::function<const mt::TensorData&(const mt::TensorBackend&, Operands&)> kernel;
  std::function<void()> loop;
};

// Runs op on `backend` until it is finished: a device backend's kernel
// returns before the device is done, reading one number back waits for it.
void run_finished(const Op& op, const mt::TensorBackend& backend, Operands& operands) {
  const mt::TensorData& out = op.kernel(backend, operands);
  if (backend.device != mt::Device::cpu) sink += backend.get(out, mt::UserIndex(out.shape().size(), 0));
}

void bench_size(const Settings& s, int n) {
  const int rows = std::max(1, n / kRow);
  const int cols = n / rows;
  const std::vector<double> va = random_values(n, 1), vb = random_values(n, 2), vv = random_values(cols, 3);
  std::vector<double> vo(static_cast<std::size_t>(n));
  std::vector<Operands> operands;
  for (const mt::TensorBackend* backend : s.backends) operands.push_back(operands_on(*backend, va, vb, vv, rows, cols));
  const auto u = [](int i) { return static_cast<std::size_t>(i); };

  const double copy_s = bench::seconds_per_call(
      [&] {
        std::memcpy(vo.data(), va.data(), sizeof(double) * u(n));
        sink += vo[1];
      },
      s.timing);
  using B = const mt::TensorBackend&;
  const std::vector<Op> ops = {
      {"map  neg", "map_neg",
       [](B f, Operands& o) -> const mt::TensorData& {
         f.neg_map(o.a, o.out);
         return o.out;
       },
       [&] {
         for (int i = 0; i < n; ++i) vo[u(i)] = -va[u(i)];
       }},
      {"zip  add", "zip_add",
       [](B f, Operands& o) -> const mt::TensorData& {
         f.add_zip(o.a, o.b, o.out);
         return o.out;
       },
       [&] {
         for (int i = 0; i < n; ++i) vo[u(i)] = va[u(i)] + vb[u(i)];
       }},
      {"zip  add (broadcast row)", "zip_add_broadcast",
       [](B f, Operands& o) -> const mt::TensorData& {
         f.add_zip(o.matrix, o.vector, o.out2);
         return o.out2;
       },
       [&] {
         for (int r = 0; r < rows; ++r)
           for (int c = 0; c < cols; ++c) vo[u(r * cols + c)] = va[u(r * cols + c)] + vv[u(c)];
       }},
      {"map  copy (transposed in)", "map_copy_transposed",
       [](B f, Operands& o) -> const mt::TensorData& {
         f.id_map(o.transposed, o.out3);
         return o.out3;
       },
       [&] {
         for (int c = 0; c < cols; ++c)
           for (int r = 0; r < rows; ++r) vo[u(c * rows + r)] = va[u(r * cols + c)];
       }},
      {"reduce sum (rows)", "reduce_sum_rows",
       [](B f, Operands& o) -> const mt::TensorData& {
         f.add_reduce(o.matrix, 1, o.row_sums);
         return o.row_sums;
       },
       [&] {
         for (int r = 0; r < rows; ++r) {
           double sum = 0.0;
           for (int c = 0; c < cols; ++c) sum += va[u(r * cols + c)];
           vo[u(r)] = sum;
         }
       }},
      {"reduce sum (columns)", "reduce_sum_columns",
       [](B f, Operands& o) -> const mt::TensorData& {
         f.add_reduce(o.matrix, 0, o.column_sums);
         return o.column_sums;
       },
       [&] {
         std::fill(vo.begin(), vo.begin() + cols, 0.0);
         for (int r = 0; r < rows; ++r)
           for (int c = 0; c < cols; ++c) vo[u(c)] += va[u(r * cols + c)];
       }},
  };

  if (s.lines) {
    bench::Case{"memcpy", "reference", n, copy_s, {{"threads", "1"}}}.print();
  } else {
    std::printf("%-26s %9d%*s  %s  (%.1f GB/s, 1 thread)\n", "memcpy", n, 13 * static_cast<int>(s.backends.size()), "",
                bench::format_rate(n / copy_s).c_str(), 16.0 * n / copy_s / 1e9);
  }
  for (const Op& op : ops) {
    std::vector<double> seconds;
    for (std::size_t k = 0; k < s.backends.size(); ++k) {
      const mt::TensorBackend& backend = *s.backends[k];
      seconds.push_back(bench::seconds_per_call([&] { run_finished(op, backend, operands[k]); }, s.timing));
      if (s.lines) bench::Case{op.id, backend.name, n, seconds.back()}.print();
    }
    const double loop_s = bench::seconds_per_call(
        [&] {
          op.loop();
          sink += vo[0];
        },
        s.timing);
    if (s.lines) {
      bench::Case{op.id, "plain_loop", n, loop_s}.print();
      continue;
    }
    std::printf("%-26s %9d", op.name, n);
    for (const double t : seconds) std::printf("  %s", bench::format_rate(n / t).c_str());
    std::printf("  %s", bench::format_rate(n / loop_s).c_str());
    if (seconds.size() > 1) std::printf("  %7.1fx", seconds.front() / seconds.back());
    std::printf("  %6.0f%%\n", 100.0 * copy_s / seconds.back());
  }
}

void bench_training(const Settings& s, int epochs) {
  const mt::Dataset data = mt::make_dataset("split", 50, 0);
  if (!s.lines) std::printf("training epoch (split, 50 points, hidden 10, full batch), mean of %d:\n", epochs);
  for (const mt::TensorBackend* backend : s.backends) {
    mt::TensorTrainOptions options;
    options.hidden = 10;
    options.max_epochs = epochs;
    options.backend = backend;
    const mt::TensorTrainResult result = mt::train_tensor(data, options);
    if (s.lines) {
      bench::Case{"train_epoch", backend->name, data.size(), result.seconds_per_epoch, {{"hidden", "10"}}}.print();
    } else {
      std::printf("  %-8s %s per epoch\n", backend->name.c_str(),
                  bench::format_seconds(result.seconds_per_epoch).c_str());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  using mt::cli::Kind;
  mt::cli::Parser parser("bench_ops",
                         "Elements per second of the backends' map, zip and reduce, next to a plain loop "
                         "and memcpy.");
  parser.add({"backend", "NAME,...", "backends to measure; 'list' prints the available ones", "simple", Kind::List})
      .add({"max-size", "N", "largest number of elements, a power of ten", "1e7", Kind::Double, 1000})
      .add({"epochs", "N", "training epochs to average (0: no training)", "50", Kind::Int, 0})
      .add({"min-time", "S", "seconds to spend on each case at least", "0.2", Kind::Double, 0})
      .add({"lines", "", "print one machine-readable line per case instead of the table", "", Kind::Flag});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    std::string names;
    for (const std::string& name : mt::backend_names()) names += (names.empty() ? "" : ", ") + name;
    Settings s;
    for (const std::string& name : args.get_list("backend")) {
      if (name == "list") {
        std::cout << "available backends: " << names << "\n";
        return 0;
      }
      s.backends.push_back(&mt::backend_by_name(name));
    }
    s.timing.min_seconds = args.get_double("min-time");
    s.lines = args.flag("lines");
    if (!s.lines) {
      std::printf("bench_ops: backends %s (available: %s)\n", args.get_string("backend").c_str(), names.c_str());
      std::printf(
          "elements/s = elements of the output (reduce: of the input) per second, best of 3 rounds; plain loop =\n"
          "the same work as a C++ loop over contiguous arrays; of memcpy = the last backend's elements/s over\n"
          "memcpy's (copying the same number of doubles), all measured in this run\n\n");
      std::printf("%-26s %9s", "operation", "elements");
      for (const mt::TensorBackend* backend : s.backends) std::printf("  %11s", (backend->name + "/s").c_str());
      std::printf("  %11s%s  %s\n", "plain loop", s.backends.size() > 1 ? "  speed-up" : "", "of memcpy");
    }
    for (double n = 1e3; n <= args.get_double("max-size") * 1.0001; n *= 10) {
      bench_size(s, static_cast<int>(n));
      if (!s.lines) std::printf("\n");
    }
    if (args.get_int("epochs") > 0) bench_training(s, args.get_int("epochs"));
    if (sink == 12345.678) std::printf(" ");
    return 0;
  });
}
