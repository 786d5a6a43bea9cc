// module4/apps/bench_conv.cpp
//
// The convolution kernels of Tasks 4.1 and 4.2 at the sizes of the course's
// networks, side by side with references measured in the same run:
//
//   loop       the formula as four (six) nested loops over contiguous
//              arrays, one thread: the reference (forward only)
//   fast x1    fast_conv1d / fast_conv2d on one thread
//   fast xN    the same on --threads threads (default: all)
//   torch xN   PyTorch's conv1d / conv2d (CPU, float64, N threads), timed by
//              apps/bench_conv_torch.py in a child `python3` when PyTorch is
//              installed (otherwise one line says so and the column is "-")
//
// Two rows per case: the forward, and the backward (both gradients: the
// input's, a reversed convolution of d_out by the weight, and the weight's, a
// convolution of the input by d_out, as Conv2dFun::backward runs them).
// GFLOP/s (2 flops per multiply-add; the backward counts twice the forward's)
// from seconds per call (best of 3 rounds after a warm-up,
// minitorch/benchmark.h), or one machine-readable line per measurement with
// --lines.
//
//   bench_conv                   sentiment conv1d, both LeNet conv2d layers
//   bench_conv --threads 2 --lines
//   bench_conv --no-torch        without the PyTorch column
//   bench_conv --profile         also each case's forward once with Task 4.4b's
//                                kernels on the CUDA simulator, and the
//                                simulator's profile of those launches (memory
//                                traffic per kernel: module3/README.md)
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cudasim/profile.h"
#include "minitorch/benchmark.h"
#include "minitorch/cli_options.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_conv.h"
#include "minitorch/random.h"
#include "minitorch/tensor_data.h"

#ifndef MINITORCH_BENCH_CONV_TORCH_SCRIPT
#define MINITORCH_BENCH_CONV_TORCH_SCRIPT "module4/apps/bench_conv_torch.py"
#endif

namespace {

namespace mt = minitorch;
namespace bench = minitorch::bench;

struct ConvCase {
  std::string name;
  mt::Shape input;   // (batch, in, [height,] width)
  mt::Shape weight;  // (out, in, [kh,] kw)
};

// What one case measured: seconds per call; 0 where nothing was measured.
struct Timings {
  double loop = 0.0;
  std::array<double, 2> one{};    // fast x1: forward, backward
  std::array<double, 2> many{};   // fast xN
  std::array<double, 2> torch{};  // PyTorch xN
};

mt::TensorData uniform_data(const mt::Shape& shape, mt::Random& rng) {
  std::vector<double> values(static_cast<std::size_t>(mt::shape_size(shape)));
  for (double& v : values) v = rng.uniform(-1.0, 1.0);
  return mt::TensorData(values, shape);
}

// The reference: plain loops over contiguous arrays (anchored left / top-left).
void loop_conv(const ConvCase& c, const double* in, const double* w, double* out) {
  const bool two_d = c.input.size() == 4;
  const int batch = c.input[0], in_ch = c.input[1], out_ch = c.weight[0];
  const int height = two_d ? c.input[2] : 1, width = c.input.back();
  const int kh = two_d ? c.weight[2] : 1, kw = c.weight.back();
  for (int b = 0; b < batch; ++b) {
    for (int o = 0; o < out_ch; ++o) {
      for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
          double sum = 0.0;
          for (int ci = 0; ci < in_ch; ++ci) {
            for (int i = 0; i < kh && y + i < height; ++i) {
              for (int j = 0; j < kw && x + j < width; ++j) {
                sum +=
                    in[((b * in_ch + ci) * height + y + i) * width + x + j] * w[((o * in_ch + ci) * kh + i) * kw + j];
              }
            }
          }
          out[((b * out_ch + o) * height + y) * width + x] = sum;
        }
      }
    }
  }
}

// fast_conv1d or fast_conv2d, by the rank of `input`.
void fast_conv(mt::TensorData& out, const mt::TensorData& input, const mt::TensorData& weight, bool reverse,
               const mt::ParallelOptions& opt) {
  if (input.dims() == 3) {
    mt::fast_conv1d(out.out_view(), input.in_view(), weight.in_view(), reverse, opt);
  } else {
    mt::fast_conv2d(out.out_view(), input.in_view(), weight.in_view(), reverse, opt);
  }
}

// t with dimensions 0 and 1 swapped (a view).
mt::TensorData swap01(const mt::TensorData& t) {
  std::vector<int> order(static_cast<std::size_t>(t.dims()));
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::swap(order[0], order[1]);
  return t.permute(order);
}

// Forward and backward seconds per call of the fast kernels on `threads`
// threads. The backward runs the two kernel calls of conv.cpp's conv_backward.
std::array<double, 2> time_fast(const ConvCase& c, const mt::TensorData& input, const mt::TensorData& weight,
                                mt::TensorData& out, int threads) {
  mt::ParallelOptions opt;
  opt.threads = threads;
  const mt::TensorData d_out = out;  // any numbers do
  mt::Shape weight_t = c.weight;
  std::swap(weight_t[0], weight_t[1]);
  mt::TensorData d_weight_t = mt::TensorData::zeros(weight_t), d_input = mt::TensorData::zeros(c.input);
  const mt::TensorData input_t = swap01(input), d_out_t = swap01(d_out), weight_t_view = swap01(weight);
  const double forward = bench::seconds_per_call([&] { fast_conv(out, input, weight, false, opt); });
  const double backward = bench::seconds_per_call([&] {
    fast_conv(d_weight_t, input_t, d_out_t, false, opt);
    fast_conv(d_input, d_out, weight_t_view, true, opt);
  });
  return {forward, backward};
}

// `text` as one word of a POSIX shell command: in single quotes.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return quoted + "'";
}

std::string join_shape(const mt::Shape& shape) {
  std::string text;
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text;
}

// PyTorch's seconds per call, from `python3 script --threads N --case ...`
// (bench_conv_torch.py): fills timings[k].torch and returns its version line,
// or returns why there is no PyTorch column (python3 or torch missing, or the
// script failed). Lines: "torch case=K pass=forward|backward seconds=S".
std::string time_torch(const std::string& python, const std::string& script, const std::vector<ConvCase>& cases,
                       int threads, std::vector<Timings>& timings) {
  std::string command = shell_quote(python) + " " + shell_quote(script) + " --threads " + std::to_string(threads);
  for (const ConvCase& c : cases) command += " --case " + join_shape(c.input) + ":" + join_shape(c.weight);
  command += " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "cannot run " + python + ": no PyTorch column";
  std::string output, version;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = pclose(pipe);
  const int code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 127) return python + " not found: no PyTorch column (apt-get install python3 python3-torch)";
  if (code == 3) return "PyTorch not installed: apt-get install python3-torch";
  std::istringstream lines(output);
  std::string line;
  int found = 0;
  while (std::getline(lines, line)) {
    int k = -1;
    char pass[16] = {};
    double seconds = 0.0;
    char text[64] = {};
    if (std::sscanf(line.c_str(), "torch version=%63s", text) == 1) version = text;
    if (std::sscanf(line.c_str(), "torch case=%d pass=%15s seconds=%lf", &k, pass, &seconds) == 3 && k >= 0 &&
        k < static_cast<int>(timings.size())) {
      timings[static_cast<std::size_t>(k)].torch[std::string(pass) == "forward" ? 0 : 1] = seconds;
      ++found;
    }
  }
  if (code != 0 || found != 2 * static_cast<int>(cases.size())) {
    return "PyTorch column failed (" + command + ", exit status " + std::to_string(code) + "):\n" + output;
  }
  return "PyTorch " + version;
}

// "  12.34" GFLOP/s, or "      -" where nothing was measured.
std::string gflops(double flops, double seconds) {
  char text[32];
  if (seconds > 0.0) {
    std::snprintf(text, sizeof text, "%9.2f", flops / seconds * 1e-9);
  } else {
    std::snprintf(text, sizeof text, "%9s", "-");
  }
  return text;
}

void print_table(const std::vector<ConvCase>& cases, const std::vector<Timings>& timings,
                 const std::vector<double>& flops, int threads) {
  const std::string n = std::to_string(threads);
  // fast/torch: fast xN's GFLOP/s over PyTorch's (above 1: ours is faster).
  std::printf("GFLOP/s (backward: both gradients)\n%-40s %-8s %9s %9s %9s %9s %10s\n", "case", "pass", "loop",
              "fast x1", ("fast x" + n).c_str(), ("torch x" + n).c_str(), "fast/torch");
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Timings& t = timings[k];
    for (int pass = 0; pass < 2; ++pass) {
      const double f = flops[k] * (pass == 0 ? 1.0 : 2.0);
      const std::size_t p = static_cast<std::size_t>(pass);
      char ratio[32] = "         -";
      if (t.torch[p] > 0.0) std::snprintf(ratio, sizeof ratio, "%9.2fx", t.torch[p] / t.many[p]);
      std::printf("%-40s %-8s %s %s %s %s %s\n", pass == 0 ? cases[k].name.c_str() : "",
                  pass == 0 ? "forward" : "backward", gflops(f, pass == 0 ? t.loop : 0.0).c_str(),
                  gflops(f, t.one[p]).c_str(), gflops(f, t.many[p]).c_str(), gflops(f, t.torch[p]).c_str(), ratio);
    }
  }
}

void print_lines(const std::vector<ConvCase>& cases, const std::vector<Timings>& timings,
                 const std::vector<long long>& sizes, int threads) {
  const std::string n = std::to_string(threads);
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Timings& t = timings[k];
    const std::string& name = cases[k].name;
    bench::Case{name, "loop", sizes[k], t.loop, {{"pass", "forward"}}}.print();
    for (std::size_t p = 0; p < 2; ++p) {
      const std::string pass = p == 0 ? "forward" : "backward";
      bench::Case{name, "fast", sizes[k], t.one[p], {{"threads", "1"}, {"pass", pass}}}.print();
      bench::Case{name, "fast", sizes[k], t.many[p], {{"threads", n}, {"pass", pass}}}.print();
      if (t.torch[p] > 0.0) bench::Case{name, "torch", sizes[k], t.torch[p], {{"threads", n}, {"pass", pass}}}.print();
    }
  }
}

/// --profile: each case's forward once with Task 4.4b's kernels on the CUDA
/// simulator (slow: each CUDA thread is a fiber), then the simulator's profile.
void profile_on_simulator(const std::vector<ConvCase>& cases, mt::Random& rng) {
  const mt::TensorBackend& sim = mt::cudasim_backend();
  cudasim::set_profile_enabled(true);
  for (const ConvCase& c : cases) {
    mt::Shape out_shape = c.input;
    out_shape[1] = c.weight[0];
    const mt::TensorData host_input = uniform_data(c.input, rng), host_weight = uniform_data(c.weight, rng);
    const mt::TensorData input =
        sim.from_host(std::vector<double>(host_input.data(), host_input.data() + host_input.size()), c.input);
    const mt::TensorData weight =
        sim.from_host(std::vector<double>(host_weight.data(), host_weight.data() + host_weight.size()), c.weight);
    mt::TensorData out = sim.zeros(out_shape);
    if (c.input.size() == 4) {
      sim.conv2d(input, weight, false, out);
    } else {
      sim.conv1d(input, weight, false, out);
    }
  }
  std::printf("\nThe CUDA simulator, each case's forward once (Task 4.4b's kernels):\n");
  cudasim::print_profile(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  mt::cli::Parser parser("bench_conv", "Times the fast convolution kernels against a plain loop and PyTorch.");
  parser.add({"threads", "N", "threads of the parallel columns (0: the default)", "0", mt::cli::Kind::Int, 0})
      .add({"lines", "", "one machine-readable line per measurement instead of the table", "", mt::cli::Kind::Flag})
      .add({"no-torch", "", "no PyTorch column", "", mt::cli::Kind::Flag})
      .add({"python", "PATH", "the Python that runs the PyTorch column", "python3", mt::cli::Kind::String})
      .add({"profile", "", "also run each forward on the CUDA simulator and print its profile (memory traffic)", "",
            mt::cli::Kind::Flag})
      .add({"torch-script", "PATH", "the script that times PyTorch", MINITORCH_BENCH_CONV_TORCH_SCRIPT,
            mt::cli::Kind::String});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const int threads = args.get_int("threads") > 0 ? args.get_int("threads") : mt::fast_threads();
    const std::vector<ConvCase> cases{
        {"conv1d sentiment (10,50,60)x(100,50,3)", {10, 50, 60}, {100, 50, 3}},
        {"conv2d LeNet 1 (16,1,28,28)x(4,1,3,3)", {16, 1, 28, 28}, {4, 1, 3, 3}},
        {"conv2d LeNet 2 (16,4,28,28)x(8,4,3,3)", {16, 4, 28, 28}, {8, 4, 3, 3}},
    };
    std::vector<Timings> timings(cases.size());
    std::vector<double> flops;
    std::vector<long long> sizes;
    mt::Random rng(4);
    for (std::size_t k = 0; k < cases.size(); ++k) {
      const ConvCase& c = cases[k];
      const mt::TensorData input = uniform_data(c.input, rng), weight = uniform_data(c.weight, rng);
      mt::Shape out_shape = c.input;
      out_shape[1] = c.weight[0];
      mt::TensorData out = mt::TensorData::zeros(out_shape);
      flops.push_back(2.0 * out.size() * mt::shape_size(c.weight) / c.weight[0]);
      sizes.push_back(out.size());
      timings[k].loop = bench::seconds_per_call([&] { loop_conv(c, input.data(), weight.data(), out.data()); });
      timings[k].one = time_fast(c, input, weight, out, 1);
      timings[k].many = time_fast(c, input, weight, out, threads);
    }
    if (!args.flag("no-torch")) {
      const std::string torch =
          time_torch(args.get_string("python"), args.get_string("torch-script"), cases, threads, timings);
      std::printf("%s\n", torch.c_str());
    }
    if (args.flag("lines")) {
      print_lines(cases, timings, sizes, threads);
    } else {
      print_table(cases, timings, flops, threads);
    }
    if (args.flag("profile")) profile_on_simulator(cases, rng);
    return 0;
  });
}
