// playground/src/math_scalar.cpp
//
// The math sandbox's Scalar layer (Module 1): f on Scalars, and f' (or f's
// partial derivatives) by backward. The answers' shapes: math_routes.cpp.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "math_grid.h"
#include "math_tests.h"
#include "minitorch/scalar.h"
#include "registry.h"

namespace playground {
namespace {

namespace mt = minitorch::testing;
using nlohmann::json;

json scalar_answer(const App& app, const std::string& name, const std::string& kind) {
  if (kind == "reduce") throw bad_request("'" + name + "' is a reduction: pick it on the Tensor math sandbox");
  app.require_tasks({"1.2"});
  json out = {{"kind", kind}};
  const std::vector<double> xs = axis(kind == "one" ? kLinePoints : kGridPoints);
  std::vector<double> f, dfdx, dfdy;
  // f on leaves x (and y), then backward: their derivatives are f's partials.
  const auto at = [&](auto&& fn, double xv, std::optional<double> yv) {
    const minitorch::Scalar x(xv, "x");
    const minitorch::Scalar y(yv.value_or(0.0), "y");
    const minitorch::Scalar result = yv ? fn(x, y) : fn(x, x);
    f.push_back(result.data());
    return std::make_tuple(result, x, y);
  };
  std::vector<std::tuple<minitorch::Scalar, minitorch::Scalar, minitorch::Scalar>> graphs;
  if (kind == "one") {
    mt::for_each_one_arg([&](const auto& fn) {
      if (fn.name != name) return;
      for (double x : xs) graphs.push_back(at([&](const auto& a, const auto&) { return fn.variable(a); }, x, {}));
    });
    out["x"] = xs;
    out["f"] = numbers(f);
  } else {
    mt::for_each_two_arg([&](const auto& fn) {
      if (fn.name != name) return;
      for (double y : xs) {
        for (double x : xs) graphs.push_back(at(fn.variable, x, y));
      }
    });
    out["x"] = xs;
    out["y"] = xs;
    out["f"] = rows(f, kGridPoints);
  }
  try_part(out, kind == "one" ? "df" : "dfdx", [&]() -> json {
    app.require_tasks({"1.3", "1.4"});
    for (auto& [result, x, y] : graphs) {
      result.backward();
      dfdx.push_back(x.derivative().value_or(0.0));
      dfdy.push_back(y.derivative().value_or(0.0));
    }
    if (kind == "one") return numbers(dfdx);
    out["dfdy"] = rows(dfdy, kGridPoints);
    return rows(dfdx, kGridPoints);
  });
  return out;
}

const Registry<MathLayer>::Add kScalarLayer{{1, "scalar", scalar_answer}};

}  // namespace
}  // namespace playground
