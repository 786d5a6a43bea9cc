// module4/apps/bench_conv.cpp
//
// The convolution kernels of Tasks 4.1 and 4.2 at the sizes of the course's
// networks, side by side with a plain loop measured in the same run:
//
//   loop       the formula as four (six) nested loops over contiguous
//              arrays, one thread: the reference
//   fast x1    fast_conv1d / fast_conv2d on one thread
//   fast xN    the same on --threads threads (default: all)
//
// Seconds per call (best of 3 rounds after a warm-up, minitorch/benchmark.h)
// and GFLOP/s (2 multiply-add operations per term of every output element),
// or one machine-readable line per case with --lines.
//
//   bench_conv                   sentiment conv1d, both LeNet conv2d layers
//   bench_conv --threads 2 --lines
#include <cstdio>
#include <string>
#include <vector>

#include "minitorch/benchmark.h"
#include "minitorch/cli_options.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_conv.h"
#include "minitorch/random.h"
#include "minitorch/tensor_data.h"

namespace {

namespace mt = minitorch;
namespace bench = minitorch::bench;

struct ConvCase {
  std::string name;
  mt::Shape input;   // (batch, in, [height,] width)
  mt::Shape weight;  // (out, in, [kh,] kw)
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

}  // namespace

int main(int argc, char** argv) {
  mt::cli::Parser parser("bench_conv", "Times the fast convolution kernels against a plain loop.");
  parser.add({"threads", "N", "threads of the parallel column (0: the default)", "0", mt::cli::Kind::Int, 0});
  parser.add({"lines", "", "one machine-readable line per case instead of the table", "", mt::cli::Kind::Flag});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const int threads = args.get_int("threads") > 0 ? args.get_int("threads") : mt::fast_threads();
    const bool lines = args.flag("lines");
    const std::vector<ConvCase> cases{
        {"conv1d sentiment (10,50,60)x(100,50,3)", {10, 50, 60}, {100, 50, 3}},
        {"conv2d LeNet 1 (16,1,28,28)x(4,1,3,3)", {16, 1, 28, 28}, {4, 1, 3, 3}},
        {"conv2d LeNet 2 (16,4,28,28)x(8,4,3,3)", {16, 4, 28, 28}, {8, 4, 3, 3}},
    };
    if (!lines) {
      std::printf("%-40s %11s %9s %11s %9s %11s %9s\n", "case", "loop s", "GFLOP/s", "fast x1 s", "GFLOP/s",
                  ("fast x" + std::to_string(threads) + " s").c_str(), "GFLOP/s");
    }
    mt::Random rng(4);
    for (const ConvCase& c : cases) {
      const mt::TensorData input = uniform_data(c.input, rng), weight = uniform_data(c.weight, rng);
      mt::Shape out_shape = c.input;
      out_shape[1] = c.weight[0];
      mt::TensorData out = mt::TensorData::zeros(out_shape);
      const double flops = 2.0 * out.size() * mt::shape_size(c.weight) / c.weight[0];
      const auto fast = [&](int n) {
        mt::ParallelOptions opt;
        opt.threads = n;
        return bench::seconds_per_call([&] {
          if (c.input.size() == 3) {
            mt::fast_conv1d(out.out_view(), input.in_view(), weight.in_view(), false, opt);
          } else {
            mt::fast_conv2d(out.out_view(), input.in_view(), weight.in_view(), false, opt);
          }
        });
      };
      const double loop = bench::seconds_per_call([&] { loop_conv(c, input.data(), weight.data(), out.data()); });
      const double one = fast(1), many = fast(threads);
      if (lines) {
        bench::Case{c.name, "loop", out.size(), loop}.print();
        bench::Case{c.name, "fast", out.size(), one, {{"threads", "1"}}}.print();
        bench::Case{c.name, "fast", out.size(), many, {{"threads", std::to_string(threads)}}}.print();
      } else {
        std::printf("%-40s %11.6f %9.2f %11.6f %9.2f %11.6f %9.2f\n", c.name.c_str(), loop, flops / loop * 1e-9, one,
                    flops / one * 1e-9, many, flops / many * 1e-9);
      }
    }
    return 0;
  });
}
