// module0/include/minitorch/benchmark.h
//
// The one timing helper of the benchmark programs (bench_ops, timing) and
// their machine-readable output:
//
//   const double s = bench::seconds_per_call([&] { backend.neg_map(a, out); });
//   bench::Case{"map", "fast", n, s}.print();
//   // bench op=map backend=fast n=1000000 seconds=0.000412 rate=2.43e+09
//
// seconds_per_call runs the function untimed (warm-up), then `rounds` rounds,
// each repeating it often enough to last min_seconds / rounds, and returns the
// best round's seconds per call: the best, not the mean, because other
// programs only ever make a run slower.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace minitorch::bench {

struct Timing {
  int warmups = 1;           // untimed calls first
  int rounds = 3;            // the best of these
  double min_seconds = 0.2;  // all rounds together last about this long (at least one call each)
  int max_reps = 1000000;    // calls per round at most
};

/// Seconds per call of fn: warm-up, then the best of `rounds` timed rounds.
inline double seconds_per_call(const std::function<void()>& fn, const Timing& timing = {}) {
  using Clock = std::chrono::steady_clock;
  double once = 0.0;
  for (int w = 0; w < timing.warmups; ++w) {
    const auto start = Clock::now();
    fn();
    once = std::chrono::duration<double>(Clock::now() - start).count();
  }
  const int rounds = std::max(1, timing.rounds);
  const int reps =
      once > 0.0 ? std::clamp(static_cast<int>(timing.min_seconds / rounds / once), 1, timing.max_reps) : 1;
  double best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    const auto start = Clock::now();
    for (int r = 0; r < reps; ++r) fn();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count() / reps);
  }
  return best;
}

/// How many times faster `fast` is than `reference`: both timed in turn,
/// `rounds` times (interleaved, so that a slow moment of the machine hits
/// both), each its best round. What a graded speed-up compares (never an
/// absolute time).
inline double speedup(const std::function<void()>& fast, const std::function<void()>& reference, int rounds = 5,
                      double min_seconds = 0.02) {
  const Timing one{.warmups = 1, .rounds = 1, .min_seconds = min_seconds};
  double fast_best = 1e300, reference_best = 1e300;
  for (int round = 0; round < rounds; ++round) {
    fast_best = std::min(fast_best, seconds_per_call(fast, one));
    reference_best = std::min(reference_best, seconds_per_call(reference, one));
  }
  return reference_best / fast_best;
}

/// One measured case as one line, `bench key=value ...`: op, backend, n
/// (elements or size), seconds (per call), rate (n per second), and any
/// extra fields. Spaces in values become underscores.
struct Case {
  Case(std::string op_, std::string backend_, long long n_, double seconds_,
       std::vector<std::pair<std::string, std::string>> extra_ = {})
      : op(std::move(op_)), backend(std::move(backend_)), n(n_), seconds(seconds_), extra(std::move(extra_)) {}

  std::string op;
  std::string backend;
  long long n = 0;
  double seconds = 0.0;
  std::vector<std::pair<std::string, std::string>> extra;

  std::string line() const {
    const auto word = [](std::string v) {  // one field: no spaces
      std::replace_if(
          v.begin(), v.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; }, '_');
      return v;
    };
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, " n=%lld seconds=%.6g rate=%.6g", n, seconds,
                  seconds > 0.0 ? static_cast<double>(n) / seconds : 0.0);
    std::string text = "bench op=" + word(op) + " backend=" + word(backend) + numbers;
    for (const auto& [key, value] : extra) text += " " + word(key) + "=" + word(value);
    return text;
  }
  void print(std::FILE* to = stdout) const { std::fprintf(to, "%s\n", line().c_str()); }
};

/// Human-readable figures for tables.
inline std::string format_seconds(double seconds) {
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

inline std::string format_rate(double per_second) {
  char text[32];
  if (per_second >= 1e9) {
    std::snprintf(text, sizeof text, "%7.2f G/s", per_second / 1e9);
  } else {
    std::snprintf(text, sizeof text, "%7.1f M/s", per_second / 1e6);
  }
  return text;
}

}  // namespace minitorch::bench
