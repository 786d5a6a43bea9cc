// playground/src/surface.h
//
// The pictures' data: a dataset's points and a model's decision surface.
// The surface is the model's probability of class 1 at the centres of a
// size x size grid over the unit square, row-major with row 0 at x2 = 0:
//
//   grid[r * size + c] = p(x1 = (c + 0.5) / size, x2 = (r + 0.5) / size)
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "minitorch/datasets.h"

namespace playground {

/// {"name", "X": [[x1, x2], ...], "y": [0|1, ...]}.
/// The datasets' names as the pages show them (minitorch::make_dataset's names).
const std::vector<std::string>& dataset_choices();

nlohmann::json dataset_json(const minitorch::Dataset& data);

/// The grid's points in the order described above.
std::vector<std::array<double, 2>> surface_points(int size);

/// The surface of a model that takes one point at a time.
std::vector<double> surface(int size, const std::function<double(double, double)>& predict);

}  // namespace playground
