// module0/include/minitorch/plot.h
//
// Pictures a person would rather look at than read, as standalone SVG files:
// a dataset with a model's decision surface, and a loss curve. No plotting
// library needed; open the files in any browser.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "minitorch/datasets.h"

namespace minitorch::plot {

/// A model's output in [0, 1] (the probability of class 1) at many points at
/// once; batch evaluation suits tensor models.
using BatchClassifier = std::function<std::vector<double>(const std::vector<std::array<double, 2>>&)>;
/// The same for a model that takes one point at a time.
using PointClassifier = std::function<double(double x1, double x2)>;

struct DecisionPlotOptions {
  std::string title;
  int grid = 50;      // cells per side of the shaded decision surface
  int size_px = 480;  // side of the square plot area
};

/// SVG of the dataset (class 0: blue circles, class 1: red crosses) over the
/// model's output, shaded blue (0) to red (1), with the 0.5 boundary drawn.
std::string decision_svg(const Dataset& data, const BatchClassifier& model, const DecisionPlotOptions& options = {});
std::string decision_svg(const Dataset& data, const PointClassifier& model, const DecisionPlotOptions& options = {});
/// The dataset alone.
std::string dataset_svg(const Dataset& data, const DecisionPlotOptions& options = {});

struct LossPlotOptions {
  std::string title;
  std::string x_label = "epoch";
  std::string y_label = "loss";
};

/// SVG line chart of `values` against their index (a loss curve).
std::string line_svg(const std::vector<double>& values, const LossPlotOptions& options = {});

/// Writes `text` to `path`; a failure is a minitorch::Error naming the path and the reason.
void write_file(const std::string& path, const std::string& text);

}  // namespace minitorch::plot
