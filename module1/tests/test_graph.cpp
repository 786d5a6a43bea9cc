// module1/tests/test_graph.cpp
//
// Not graded: computation-graph pictures (Graphviz DOT). Built with the given
// function Add and a stand-in product, so they pass in the student handout too.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "minitorch/graph.h"
#include "minitorch/scalar.h"
#include "minitorch/scalar_functions.h"

namespace sf = minitorch::scalar_functions;
using minitorch::apply;
using minitorch::Scalar;

namespace {

// A product drawn as "Mul" (its backward is irrelevant to the pictures).
struct Product {
  static constexpr std::string_view name = "Mul";
  static double forward(minitorch::ScalarContext& /*ctx*/, double a, double b) { return a * b; }
  static minitorch::LocalDerivatives<2> backward(const minitorch::ScalarContext& /*ctx*/, double /*d*/) {
    return {0.0, 0.0};
  }
};

int count(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// (x * x) * y + 10 * x, the course's default expression.
Scalar course_expression(const Scalar& x, const Scalar& y) {
  return apply<sf::Add>(apply<Product>(apply<Product>(x, x), y), apply<Product>(10.0, x));
}

}  // namespace

TEST(ScalarGraph, OneBoxPerOperationNamedLikeTheOriginal) {
  const Scalar x(1.0, "x"), y(1.0, "y");
  const std::string dot = minitorch::to_dot(course_expression(x, y));
  EXPECT_EQ(dot.rfind("digraph", 0), 0u);
  EXPECT_NE(dot.find("rankdir=LR"), std::string::npos);
  EXPECT_EQ(count(dot, "shape=box"), 4) << dot;
  EXPECT_NE(dot.find("label=\"Add (Op 0)\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"Mul (Op 1)\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"Mul (Op 3)\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("constant 10"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"x = 1\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"y = 1\""), std::string::npos) << dot;
  // x * x: two edges from x into one box, labelled with the positions 0 and 1.
  const std::string x_node = "v" + std::to_string(x.unique_id());
  EXPECT_EQ(count(dot, x_node + " -> op"), 3) << dot;
  EXPECT_EQ(count(dot, x_node + " ["), 1) << "x is drawn once";
  EXPECT_EQ(count(dot, "[label=\"0\"]"), 4);
  EXPECT_EQ(count(dot, "[label=\"1\"]"), 4);
}

TEST(ScalarGraph, LongNamesAreShortened) {
  const Scalar a(1.0, "a_rather_long_parameter_name"), b(2.0, "another_long_parameter_name");
  const std::string dot = minitorch::to_dot(apply<sf::Add>(a, apply<sf::Add>(b, a)));
  EXPECT_NE(dot.find("label=\"v0 = 1\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"v1 = 2\""), std::string::npos) << dot;
  EXPECT_EQ(dot.find("rather_long"), std::string::npos) << dot;
}

TEST(ScalarGraph, DrawsALeafAlone) {
  const std::string dot = minitorch::to_dot(Scalar(3.0, "x"));
  EXPECT_EQ(count(dot, "shape=box"), 0);
  EXPECT_NE(dot.find("label=\"x = 3\""), std::string::npos);
}

TEST(ScalarGraph, WritesDotAndSvg) {
  const auto dir = std::filesystem::temp_directory_path() / ("minitorch_graph_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string prefix = (dir / "expression").string();
  const Scalar x(1.0, "x"), y(1.0, "y");
  const minitorch::GraphFiles files = minitorch::write_graph(minitorch::to_dot(course_expression(x, y)), prefix);
  EXPECT_TRUE(std::filesystem::exists(files.dot_path));
  if (files.svg_path.empty()) {
    EXPECT_NE(files.message.find("graphviz"), std::string::npos) << files.message;
  } else {
    std::ifstream svg(files.svg_path);
    std::stringstream text;
    text << svg.rdbuf();
    EXPECT_NE(text.str().find("<svg"), std::string::npos);
    EXPECT_NE(text.str().find("Mul (Op 1)"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

// Without Graphviz on PATH: no SVG, no exception, and a message saying how to install it.
TEST(ScalarGraph, MissingGraphvizIsNotAnError) {
  const char* old_path = std::getenv("PATH");
  const std::string saved = old_path ? old_path : "";
  ::setenv("PATH", "/nonexistent-minitorch", 1);
  std::string message;
  const bool rendered =
      minitorch::render_dot_to_svg("/nonexistent-minitorch/in.dot", "/nonexistent-minitorch/out.svg", message);
  ::setenv("PATH", saved.c_str(), 1);
  EXPECT_FALSE(rendered);
  EXPECT_NE(message.find("apt-get install graphviz"), std::string::npos) << message;
}
