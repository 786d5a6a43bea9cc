// module0/include/minitorch/random.h
//
// A seeded random number generator that gives the same numbers on every
// machine and compiler (std::uniform_real_distribution does not), so datasets,
// initial weights and training runs are reproducible from a seed.
#pragma once

#include <cstdint>
#include <random>

namespace minitorch {

class Random {
 public:
  explicit Random(std::uint64_t seed = 0) : engine_(seed) {}

  /// Uniform in [0, 1), 53 random bits (Python's random.random()).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// Uniform in [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  /// Uniform integer in [0, n), n > 0 (rejection sampling: no modulo bias).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r = engine_();
    while (r >= limit) r = engine_();
    return r % n;
  }

 private:
  std::mt19937_64 engine_;  // its output sequence is fixed by the C++ standard
};

}  // namespace minitorch
