// module0/src/datasets.cpp
#include "minitorch/datasets.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

#include "minitorch/errors.h"
#include "minitorch/random.h"

namespace minitorch {

namespace {

using Label = std::function<int(double, double)>;

// n uniform points in [0, 1)^2 labelled by `label`.
Dataset labelled_points(const char* name, int n, std::uint64_t seed, const Label& label) {
  if (n < 1)
    throw ValueError(std::string(name) + ": the number of points must be at least 1, got " + std::to_string(n));
  Random rng(seed);
  Dataset data{name, {}, {}};
  data.X.reserve(n);
  data.y.reserve(n);
  for (int i = 0; i < n; ++i) {
    const double x1 = rng.uniform();
    const double x2 = rng.uniform();
    data.X.push_back({x1, x2});
    data.y.push_back(label(x1, x2));
  }
  return data;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

Dataset simple(int n, std::uint64_t seed) {
  return labelled_points("simple", n, seed, [](double x1, double) { return x1 < 0.5 ? 1 : 0; });
}

Dataset diag(int n, std::uint64_t seed) {
  return labelled_points("diag", n, seed, [](double x1, double x2) { return x1 + x2 < 0.5 ? 1 : 0; });
}

Dataset split(int n, std::uint64_t seed) {
  return labelled_points("split", n, seed, [](double x1, double) { return (x1 < 0.2 || x1 > 0.8) ? 1 : 0; });
}

Dataset xor_dataset(int n, std::uint64_t seed) {
  return labelled_points(
      "xor", n, seed, [](double x1, double x2) { return ((x1 < 0.5 && x2 > 0.5) || (x1 > 0.5 && x2 < 0.5)) ? 1 : 0; });
}

Dataset circle(int n, std::uint64_t seed) {
  return labelled_points("circle", n, seed, [](double x1, double x2) {
    const double a = x1 - 0.5;
    const double b = x2 - 0.5;
    return a * a + b * b > 0.1 ? 1 : 0;
  });
}

Dataset spiral(int n, std::uint64_t /*seed*/) {
  if (n < 2) throw ValueError("spiral: the number of points must be at least 2, got " + std::to_string(n));
  const auto x = [](double t) { return t * std::cos(t) / 20.0; };
  const auto y = [](double t) { return t * std::sin(t) / 20.0; };
  const int half = n / 2;
  Dataset data{"spiral", {}, {}};
  for (int i = 5; i < 5 + half; ++i) {
    const double t = 10.0 * (static_cast<double>(i) / half);
    data.X.push_back({x(t) + 0.5, y(t) + 0.5});
    data.y.push_back(0);
  }
  for (int i = 5; i < 5 + half; ++i) {
    const double t = -10.0 * (static_cast<double>(i) / half);
    data.X.push_back({y(t) + 0.5, x(t) + 0.5});
    data.y.push_back(1);
  }
  return data;
}

const std::vector<std::string>& dataset_names() {
  static const std::vector<std::string> names = {"simple", "diag", "split", "xor", "circle", "spiral"};
  return names;
}

Dataset make_dataset(std::string_view name, int n, std::uint64_t seed) {
  const std::string key = lower(name);
  if (key == "simple") return simple(n, seed);
  if (key == "diag") return diag(n, seed);
  if (key == "split") return split(n, seed);
  if (key == "xor") return xor_dataset(n, seed);
  if (key == "circle") return circle(n, seed);
  if (key == "spiral") return spiral(n, seed);
  std::string known;
  for (const auto& k : dataset_names()) known += (known.empty() ? "" : ", ") + k;
  throw ValueError("unknown dataset '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace minitorch
