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
#include <string>

#include "minitorch/cli_options.h"
#include "minitorch/graph.h"
#include "minitorch/scalar.h"

int main(int argc, char** argv) {
  namespace mt = minitorch;
  using mt::cli::Kind;
  mt::cli::Parser parser("show_expression",
                         "Draws the graph of (x * x) * y + 10 * x to PREFIX.dot and PREFIX.svg and prints the "
                         "derivatives.");
  parser.add({"x", "X", "the value of x", "1", Kind::Double})
      .add({"y", "Y", "the value of y", "1", Kind::Double})
      .add({"out", "PREFIX", "prefix of the graph files", "expression", Kind::String});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const double xv = args.get_double("x"), yv = args.get_double("y");
    const mt::Scalar x(xv, "x"), y(yv, "y");
    const mt::Scalar out = (x * x) * y + 10.0 * x;
    std::printf("out = (x * x) * y + 10 * x = %g at x = %g, y = %g\n", out.data(), xv, yv);

    // Draw first: backward() frees the graph.
    const mt::GraphFiles files = mt::write_graph(mt::to_dot(out), args.get_string("out"));
    std::printf("wrote %s; %s\n", files.dot_path.c_str(), files.message.c_str());

    out.backward();
    std::printf("d out / dx = %g   (calculus: 2xy + 10 = %g)\n", *x.derivative(), 2.0 * xv * yv + 10.0);
    std::printf("d out / dy = %g   (calculus: x^2 = %g)\n", *y.derivative(), xv * xv);
    return 0;
  });
}
