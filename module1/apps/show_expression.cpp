// module1/apps/show_expression.cpp
//
// The course's "Autodiff Sandbox": draws the computation graph of
//
//   out = (x * x) * y + 10 * x
//
// and prints the derivatives backpropagation finds for x and y, next to the
// ones calculus gives (d/dx = 2xy + 10, d/dy = x^2).
//
//   show_expression                     x = y = 1, writes expression.dot / expression.svg
//   show_expression --x 2 --y -3 --out pictures/expr
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "minitorch/errors.h"
#include "minitorch/graph.h"
#include "minitorch/scalar.h"

namespace {

struct Options {
  double x = 1.0;
  double y = 1.0;
  std::string out = "expression";
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw minitorch::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--x") {
      o.x = std::stod(value());
    } else if (arg == "--y") {
      o.y = std::stod(value());
    } else if (arg == "--out") {
      o.out = value();
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: show_expression [--x X] [--y Y] [--out PREFIX]\n"
                   "Draws the graph of (x * x) * y + 10 * x to PREFIX.dot and PREFIX.svg (default expression)\n"
                   "and prints the derivatives.\n";
      std::exit(0);
    } else {
      throw minitorch::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const minitorch::Scalar x(o.x, "x"), y(o.y, "y");
    const minitorch::Scalar out = (x * x) * y + 10.0 * x;
    std::printf("out = (x * x) * y + 10 * x = %g at x = %g, y = %g\n", out.data(), o.x, o.y);

    // Draw first: backward() frees the graph.
    const minitorch::GraphFiles files = minitorch::write_graph(minitorch::to_dot(out), o.out);
    std::printf("wrote %s; %s\n", files.dot_path.c_str(), files.message.c_str());

    out.backward();
    std::printf("d out / dx = %g   (calculus: 2xy + 10 = %g)\n", *x.derivative(), 2.0 * o.x * o.y + 10.0);
    std::printf("d out / dy = %g   (calculus: x^2 = %g)\n", *y.derivative(), o.x * o.x);
    return 0;
  } catch (const minitorch::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
