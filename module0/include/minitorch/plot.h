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

/// SVG line chart of `values` against their index (a loss curve), epochs
/// counted from 1, on round axis ticks.
std::string line_svg(const std::vector<double>& values, const LossPlotOptions& options = {});

/// One line of a chart: points (x[i], y[i]); non-finite points are left out.
struct Series {
  std::string name;  // in the legend (no legend when every series is unnamed)
  std::vector<double> x;
  std::vector<double> y;
  std::string colour;    // empty: the next of a fixed palette
  bool markers = false;  // a dot at each point
};

struct ChartOptions {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_x = false;  // logarithmic axes (positive values only; others are left out)
  bool log_y = false;
  bool y_from_zero = true;      // linear y axis: include 0
  std::vector<double> x_ticks;  // empty: chosen by nice_ticks (or powers of 10 on a log axis)
  int width = 640;
  int height = 400;
};

/// SVG line chart of several named series, with a legend.
std::string chart_svg(const std::vector<Series>& series, const ChartOptions& options = {});

/// Round tick values covering [lo, hi]: about `target` of them, steps of 1, 2
/// or 5 times a power of ten; the first tick is <= lo and the last >= hi
/// (0, 10, 20, 30, 40 for 0 .. 36.77).
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

/// `text` with &, <, >, " and ' replaced by entities: safe inside SVG/XML
/// text and attribute values.
std::string escape_xml(const std::string& text);

/// Writes `text` to `path`; a failure is a minitorch::Error naming the path and the reason.
void write_file(const std::string& path, const std::string& text);

}  // namespace minitorch::plot
