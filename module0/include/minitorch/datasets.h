// module0/include/minitorch/datasets.h
//
// The six 2-D binary classification datasets of the course. Points lie in the
// unit square; the label says which side of a boundary a point is on:
//
//   Simple  y = 1 iff x1 < 0.5                      (a vertical line)
//   Diag    y = 1 iff x1 + x2 < 0.5                 (a diagonal line)
//   Split   y = 1 iff x1 < 0.2 or x1 > 0.8          (two bands: needs a hidden layer)
//   Xor     y = 1 iff exactly one of x1, x2 is < 0.5 (four quadrants)
//   Circle  y = 1 iff (x1-.5)^2 + (x2-.5)^2 > 0.1   (outside a circle)
//   Spiral  two interleaved spiral arms, one per class (deterministic)
//
// Every random dataset takes a seed, so a run can be reproduced exactly.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minitorch {

/// N labelled points (the original course calls this `Graph`).
struct Dataset {
  std::string name;
  std::vector<std::array<double, 2>> X;  // X[i] = {x1, x2}
  std::vector<int> y;                    // y[i] in {0, 1}

  int size() const { return static_cast<int>(X.size()); }
};

Dataset simple(int n, std::uint64_t seed);
Dataset diag(int n, std::uint64_t seed);
Dataset split(int n, std::uint64_t seed);
Dataset xor_dataset(int n, std::uint64_t seed);  // `xor` is a C++ keyword
Dataset circle(int n, std::uint64_t seed);
/// Deterministic; has 2 * (n / 2) points (an odd n loses one), as the original.
Dataset spiral(int n, std::uint64_t seed = 0);

/// "simple", "diag", "split", "xor", "circle", "spiral" (any letter case).
const std::vector<std::string>& dataset_names();

/// The dataset called `name` (see dataset_names()); an unknown name or n < 1
/// is a ValueError.
Dataset make_dataset(std::string_view name, int n, std::uint64_t seed);

}  // namespace minitorch
