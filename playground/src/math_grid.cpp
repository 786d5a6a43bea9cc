// playground/src/math_grid.cpp
#include "math_grid.h"

#include <cmath>

namespace playground {

std::vector<double> axis(int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(-50.0 + 100.0 * i / (n - 1) + 1e-5);
  return out;
}

nlohmann::json numbers(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
  return out;
}

nlohmann::json rows(const std::vector<double>& flat, int n) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    out.push_back(numbers(std::vector<double>(flat.begin() + i * n, flat.begin() + (i + 1) * n)));
  }
  return out;
}

}  // namespace playground
