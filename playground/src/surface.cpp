// playground/src/surface.cpp
#include "surface.h"

namespace playground {

const std::vector<std::string>& dataset_choices() {
  static const std::vector<std::string> names = {"Simple", "Diag", "Split", "Xor", "Circle", "Spiral"};
  return names;
}

nlohmann::json dataset_json(const minitorch::Dataset& data) {
  nlohmann::json points = nlohmann::json::array();
  for (const auto& x : data.X) points.push_back({x[0], x[1]});
  return {{"name", data.name}, {"X", points}, {"y", data.y}};
}

std::vector<std::array<double, 2>> surface_points(int size) {
  std::vector<std::array<double, 2>> out;
  out.reserve(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
  for (int r = 0; r < size; ++r) {
    for (int c = 0; c < size; ++c) out.push_back({(c + 0.5) / size, (r + 0.5) / size});
  }
  return out;
}

std::vector<double> surface(int size, const std::function<double(double, double)>& predict) {
  std::vector<double> out;
  for (const auto& [x1, x2] : surface_points(size)) out.push_back(predict(x1, x2));
  return out;
}

}  // namespace playground
