// module0/tests/test_datasets.cpp
//
// Task 0.5 (the hand-set classifier) and the datasets and pictures it uses.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/manual_classifier.h"
#include "minitorch/plot.h"

using minitorch::Dataset;

namespace {
int count_occurrences(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}
}  // namespace

// ---------------------------------------------------------------- Task 0.5

TEST(Task0_5, HandSetParametersClassifySimplePerfectly) {
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    minitorch::ManualNetwork model;
    minitorch::set_parameters(model, minitorch::hand_set_parameters("simple"));
    const Dataset data = minitorch::simple(100, seed);
    EXPECT_EQ(minitorch::count_correct(model, data), 100) << "simple, seed " << seed;
  }
}

TEST(Task0_5, HandSetParametersClassifyDiagPerfectly) {
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    minitorch::ManualNetwork model;
    minitorch::set_parameters(model, minitorch::hand_set_parameters("diag"));
    const Dataset data = minitorch::diag(100, seed);
    EXPECT_EQ(minitorch::count_correct(model, data), 100) << "diag, seed " << seed;
  }
}

TEST(Task0_5, OnlySimpleAndDiagHaveHandSetParameters) {
  EXPECT_EQ(minitorch::hand_set_parameters("simple").size(), 3u);
  EXPECT_THROW(minitorch::hand_set_parameters("xor"), minitorch::ValueError);
}

// ---------------------------------------------------------------- not graded

TEST(Datasets, LabelsFollowTheirRules) {
  for (const auto& name : minitorch::dataset_names()) {
    const Dataset data = minitorch::make_dataset(name, 60, 7);
    ASSERT_EQ(data.X.size(), data.y.size()) << name;
    EXPECT_EQ(data.size(), 60) << name;
    for (int i = 0; i < data.size(); ++i) {
      const double x1 = data.X[i][0], x2 = data.X[i][1];
      int expected = data.y[i];
      if (name == "simple") expected = x1 < 0.5;
      if (name == "diag") expected = x1 + x2 < 0.5;
      if (name == "split") expected = x1 < 0.2 || x1 > 0.8;
      if (name == "xor") expected = (x1 < 0.5 && x2 > 0.5) || (x1 > 0.5 && x2 < 0.5);
      if (name == "circle") expected = (x1 - 0.5) * (x1 - 0.5) + (x2 - 0.5) * (x2 - 0.5) > 0.1;
      EXPECT_EQ(data.y[i], expected) << name << " point " << i;
    }
  }
}

TEST(Datasets, SeedsReproduce) {
  const Dataset a = minitorch::make_dataset("Xor", 20, 3);
  const Dataset b = minitorch::make_dataset("xor", 20, 3);
  const Dataset c = minitorch::make_dataset("xor", 20, 4);
  EXPECT_EQ(a.X, b.X);
  EXPECT_NE(a.X, c.X);
}

TEST(Datasets, SpiralMatchesTheOriginal) {
  const Dataset data = minitorch::spiral(50);
  ASSERT_EQ(data.size(), 50);
  // First class-0 point: t = 10 * 5 / 25 = 2.
  EXPECT_NEAR(data.X[0][0], 2.0 * std::cos(2.0) / 20.0 + 0.5, 1e-12);
  EXPECT_NEAR(data.X[0][1], 2.0 * std::sin(2.0) / 20.0 + 0.5, 1e-12);
  EXPECT_EQ(data.y[0], 0);
  EXPECT_EQ(data.y[49], 1);
  EXPECT_EQ(minitorch::spiral(51).size(), 50);  // odd n loses one point, as the original
}

TEST(Datasets, BadArgumentsAreErrors) {
  EXPECT_THROW(minitorch::make_dataset("moons", 10, 0), minitorch::ValueError);
  EXPECT_THROW(minitorch::make_dataset("simple", 0, 0), minitorch::ValueError);
}

TEST(Plot, DecisionSvgDrawsEveryPointAndTheBoundary) {
  const Dataset data = minitorch::simple(30, 1);
  minitorch::plot::DecisionPlotOptions options;
  options.title = "simple <test>";
  options.grid = 10;
  const std::string svg = minitorch::plot::decision_svg(
      data, minitorch::plot::PointClassifier([](double x1, double) { return x1 < 0.5 ? 0.9 : 0.1; }), options);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_NE(svg.find("simple &lt;test&gt;"), std::string::npos);
  int class0 = 0;
  for (int y : data.y) class0 += y == 0;
  EXPECT_EQ(count_occurrences(svg, "r=\"6\""), class0);
  EXPECT_EQ(count_occurrences(svg, "<rect x="), 10 * 10 + 1);  // cells + frame
  EXPECT_NE(svg.find("stroke=\"#222\" stroke-width=\"2\" d=\"M"), std::string::npos) << "boundary line missing";
}

TEST(Plot, LineSvgAndFileErrors) {
  const std::string svg = minitorch::plot::line_svg({3.0, 2.0, 1.0, NAN}, {"loss", "epoch", "loss"});
  EXPECT_NE(svg.find("<polyline"), std::string::npos);
  EXPECT_THROW(minitorch::plot::write_file("/nonexistent-dir/x.svg", svg), minitorch::Error);
}

TEST(ManualNetwork, HasTheOriginalParameterNames) {
  minitorch::ManualNetwork model;
  minitorch::ModuleBase<double>& tree = model;
  EXPECT_NO_THROW(tree.parameter("linear.weight_0_0"));
  EXPECT_NO_THROW(tree.parameter("linear.weight_1_0"));
  EXPECT_NO_THROW(tree.parameter("linear.bias_0"));
  EXPECT_THROW(minitorch::set_parameters(model, {{"linear.weight_9_9", 1.0}}), minitorch::ValueError);
}
