// module3/apps/parallel_check.cpp
//
// Task 3.1's parallel diagnostics (the original's project/parallel_check.py,
// which prints Numba's parallel diagnostics): which loops of your fast
// kernels run in parallel, on how many threads, and which path each
// operation takes. Put its output in your README (task 3.1h).
//
//   parallel_check                   the cases below at the default size
//   parallel_check --threads 4       with 4 threads
//   parallel_check --size 256        smaller tensors (size x size)
//
// For map, zip and reduce it runs your kernel (fast_ops.h) with the element
// function of Task 3.1's tests that records which OpenMP thread calls it
// (ThreadProbe, fast_kernels.h: compiled with the kernels), so "threads" is what
// actually ran, not what was asked for; "layout" says whether out and the
// inputs are stride-aligned (same shape, same strides, dense: the storage
// walk applies) or need index arithmetic (the general path); "check" compares
// the result with Module 2's simple kernels. For the matrix multiply, whose
// kernel takes no element function, it times one thread against all of them.
// The original's cases, tensors of 10 elements, come last: below the grain
// size they run serially, as they should.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/benchmark.h"
#include "minitorch/cli_options.h"
#include "minitorch/elementwise.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_kernels.h"
#include "minitorch/fast_ops.h"
#include "minitorch/tensor_data.h"
#include "minitorch/tensor_ops.h"

namespace {

namespace mt = minitorch;
using mt::Shape;
using mt::TensorData;

TensorData random_tensor(const Shape& shape, unsigned seed) {
  int size = 1;
  for (int s : shape) size *= s;
  std::vector<double> values(static_cast<std::size_t>(size));
  unsigned x = seed * 2654435761u + 1;
  for (double& v : values) {
    x = x * 1664525u + 1013904223u;
    v = static_cast<double>(x >> 8) / static_cast<double>(1u << 24) * 4.0 - 2.0;
  }
  return TensorData(values, shape);
}

std::string shape_text(const TensorData& t) {
  return mt::shape_to_string(t.shape()) + (t.is_contiguous() ? "" : " permuted");
}

bool same(const TensorData& x, const TensorData& y) {
  return x.size() == y.size() &&
         std::memcmp(x.data(), y.data(), sizeof(double) * static_cast<std::size_t>(x.size())) == 0;
}

struct Row {
  std::string op, operands, layout, threads, check;
};

std::string threads_text(const mt::ThreadRecord& record, int available) {
  const int seen = record.threads_seen();
  return std::to_string(seen) + " of " + std::to_string(available) + (seen > 1 ? " (parallel)" : " (serial)");
}

std::string layout_text(bool aligned) {
  return aligned ? "stride-aligned: storage walk" : "general: index per row run";
}

Row check_map(const TensorData& in, const Shape& out_shape, const mt::ParallelOptions& opt, int available) {
  mt::ThreadRecord record;
  TensorData fast = TensorData::zeros(out_shape), simple = TensorData::zeros(out_shape);
  mt::fast_map(mt::ThreadProbe{&record}, fast.out_view(), in.in_view(), opt);  // the identity
  mt::tensor_map(mt::elementwise::Id{}, simple.out_view(), in.in_view());
  const bool aligned = mt::detail::aligned(fast.out_view(), in.in_view());
  return {"map id", shape_text(in) + " -> " + shape_text(fast), layout_text(aligned), threads_text(record, available),
          same(fast, simple) ? "same as simple" : "DIFFERS from simple"};
}

Row check_zip(const TensorData& a, const TensorData& b, const Shape& out_shape, const mt::ParallelOptions& opt,
              int available) {
  mt::ThreadRecord record;
  TensorData fast = TensorData::zeros(out_shape), simple = TensorData::zeros(out_shape);
  mt::fast_zip(mt::ThreadProbe{&record}, fast.out_view(), a.in_view(), b.in_view(), opt);  // x + y
  mt::tensor_zip(mt::elementwise::Add{}, simple.out_view(), a.in_view(), b.in_view());
  const bool aligned =
      mt::detail::aligned(fast.out_view(), a.in_view()) && mt::detail::aligned(fast.out_view(), b.in_view());
  return {"zip add", shape_text(a) + " + " + shape_text(b), layout_text(aligned), threads_text(record, available),
          same(fast, simple) ? "same as simple" : "DIFFERS from simple"};
}

Row check_reduce(const TensorData& a, int dim, const mt::ParallelOptions& opt, int available) {
  mt::ThreadRecord record;
  Shape shape = a.shape();
  shape[static_cast<std::size_t>(dim)] = 1;
  TensorData fast = TensorData::zeros(shape), simple = TensorData::zeros(shape);
  mt::fast_reduce(mt::ThreadProbe{&record}, fast.out_view(), a.in_view(), dim, opt);  // x + y
  mt::tensor_reduce(mt::elementwise::Add{}, simple.out_view(), a.in_view(), dim);
  return {"reduce sum", shape_text(a) + " over dim " + std::to_string(dim), "one output element per thread loop",
          threads_text(record, available), same(fast, simple) ? "same as simple" : "DIFFERS from simple"};
}

Row check_matmul(int batch, int n, const mt::ParallelOptions& opt, int available, bool time_it) {
  const TensorData a = random_tensor({batch, n, n}, 7), b = random_tensor({batch, n, n}, 8);
  TensorData out = TensorData::zeros({batch, n, n}), one = TensorData::zeros({batch, n, n});
  mt::ParallelOptions serial = opt;
  serial.threads = 1;
  std::string timing = "not timed";
  if (time_it) {
    mt::bench::Timing t;
    t.min_seconds = 0.3;
    const double s1 = mt::bench::seconds_per_call(
        [&] { mt::fast_matrix_multiply(one.out_view(), a.in_view(), b.in_view(), serial); }, t);
    const double sn = mt::bench::seconds_per_call(
        [&] { mt::fast_matrix_multiply(out.out_view(), a.in_view(), b.in_view(), opt); }, t);
    char text[160];
    std::snprintf(text, sizeof text, "%d threads %.4f s, 1 thread %.4f s: speed-up %.2fx", available, sn, s1, s1 / sn);
    timing = text;
  } else {
    mt::fast_matrix_multiply(one.out_view(), a.in_view(), b.in_view(), serial);
    mt::fast_matrix_multiply(out.out_view(), a.in_view(), b.in_view(), opt);
  }
  const std::string shape = "(" + std::to_string(batch) + "," + std::to_string(n) + "," + std::to_string(n) + ")";
  return {"matmul", shape + " @ " + shape, "row blocks of out, packed panels", timing,
          same(out, one) ? "same on 1 and all threads" : "DIFFERS between 1 and all threads"};
}

void print(const std::vector<Row>& rows) {
  std::size_t w_op = 2, w_operands = 8, w_layout = 4, w_threads = 7;
  for (const Row& r : rows) {
    w_op = std::max(w_op, r.op.size());
    w_operands = std::max(w_operands, r.operands.size());
    w_layout = std::max(w_layout, r.layout.size());
    w_threads = std::max(w_threads, r.threads.size());
  }
  const auto line = [&](const std::string& a, const std::string& b, const std::string& c, const std::string& d,
                        const std::string& e) {
    std::printf("%-*s  %-*s  %-*s  %-*s  %s\n", static_cast<int>(w_op), a.c_str(), static_cast<int>(w_operands),
                b.c_str(), static_cast<int>(w_layout), c.c_str(), static_cast<int>(w_threads), d.c_str(), e.c_str());
  };
  line("op", "operands", "path", "threads", "check");
  for (const Row& r : rows) line(r.op, r.operands, r.layout, r.threads, r.check);
}

}  // namespace

int main(int argc, char** argv) {
  using mt::cli::Kind;
  mt::cli::Parser parser("parallel_check",
                         "Task 3.1's parallel diagnostics: which loops of the fast kernels run in parallel, on how "
                         "many threads, and which path each operation takes.");
  parser.add({"threads", "N", "threads of the fast kernels (0: OpenMP's default)", "0", Kind::Int, 0})
      .add({"size", "N", "the tensors are N x N (N*N elements; the grain is 32768)", "512", Kind::Int, 2})
      .add({"no-timing", "", "do not time the matrix multiply (quicker)", "", Kind::Flag});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    if (args.get_int("threads") > 0) mt::set_fast_threads(args.get_int("threads"));
    const mt::ParallelOptions opt;  // the fast backend's defaults
    const int available = opt.thread_count();
    const int n = args.get_int("size");
    const char* env = std::getenv("OMP_NUM_THREADS");
    std::printf("parallel_check: the fast backend's kernels (Tasks 3.1 and 3.2)\n");
    std::printf(
        "OpenMP: %s; threads: %d (OMP_NUM_THREADS %s); grain: %d elements (smaller loops run serially); "
        "chunk: %d elements\n\n",
        mt::has_openmp() ? "yes" : "no (built without it: everything runs serially)", available, env ? env : "unset",
        opt.grain, opt.chunk);

    const TensorData a = random_tensor({n, n}, 1), b = random_tensor({n, n}, 2);
    const TensorData at = a.permute({1, 0});  // transposed: not contiguous
    const TensorData row = random_tensor({1, n}, 3), col = random_tensor({n, 1}, 4);
    std::vector<Row> rows;
    rows.push_back(check_map(a, a.shape(), opt, available));
    rows.push_back(check_map(at, a.shape(), opt, available));
    rows.push_back(check_map(row, a.shape(), opt, available));
    rows.push_back(check_zip(a, b, a.shape(), opt, available));
    rows.push_back(check_zip(at, b, a.shape(), opt, available));
    rows.push_back(check_zip(col, row, a.shape(), opt, available));
    rows.push_back(check_reduce(a, 0, opt, available));
    rows.push_back(check_reduce(a, 1, opt, available));
    rows.push_back(check_reduce(at, 1, opt, available));
    rows.push_back(check_matmul(4, std::min(n, 256), opt, available, !args.flag("no-timing")));
    print(rows);

    std::printf("\nThe original's cases (10 elements: below the grain, serial by design):\n");
    const TensorData small = random_tensor({10}, 5), small_b = random_tensor({10}, 6);
    std::vector<Row> tiny;
    tiny.push_back(check_map(small, small.shape(), opt, available));
    tiny.push_back(check_zip(small, small_b, small.shape(), opt, available));
    tiny.push_back(check_reduce(small, 0, opt, available));
    print(tiny);
    std::printf(
        "\nA map or zip of %d elements (more than the grain) on more than one thread should show \"%d of %d "
        "(parallel)\".\n",
        n * n, available, available);
    return 0;
  });
}
