// playground/src/math_tensor.cpp
//
// The math sandbox's Tensor layer (Module 2): f on a tensor of every sample
// point at once, and its gradient by backward of the sum. The answers'
// shapes: math_routes.cpp.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "math_grid.h"
#include "math_tests.h"
#include "minitorch/tensor.h"
#include "registry.h"

namespace playground {
namespace {

namespace mt = minitorch::testing;
using nlohmann::json;

minitorch::Tensor leaf(const std::vector<double>& values) {
  minitorch::Tensor t = minitorch::tensor(values, {static_cast<int>(values.size())});
  t.requires_grad_(true);
  return t;
}

std::vector<double> grad_of(const minitorch::Tensor& t) {
  const auto g = t.grad();
  return g ? g->to_vector() : std::vector<double>(static_cast<std::size_t>(t.size()), 0.0);
}

json tensor_answer(const App& app, const std::string& name, const std::string& kind) {
  app.require_tasks({"2.1", "2.2", "2.3"});
  json out = {{"kind", kind}};
  if (kind == "one") {
    const std::vector<double> xs = axis(kLinePoints);
    const minitorch::Tensor x = leaf(xs);  // all points at once: one tensor of shape (201,)
    std::optional<minitorch::Tensor> result;
    mt::for_each_one_arg([&](const auto& fn) {
      if (fn.name == name) result = fn.variable(x);
    });
    out["x"] = xs;
    out["f"] = numbers(result->to_vector());
    try_part(out, "df", [&]() -> json {
      app.require_tasks({"2.4"});
      result->sum().backward();  // elementwise f: d sum(f(x)) / dx_i = f'(x_i)
      return numbers(grad_of(x));
    });
    return out;
  }
  // Two arguments: one element per grid point; a reduction: (N, 2) reduced over dimension 1.
  const std::vector<double> axis_values = axis(kGridPoints);
  std::vector<double> xs, ys;
  for (double y : axis_values) {
    for (double x : axis_values) {
      xs.push_back(x);
      ys.push_back(y);
    }
  }
  out["x"] = axis_values;
  out["y"] = axis_values;
  if (kind == "two") {
    const minitorch::Tensor x = leaf(xs), y = leaf(ys);
    std::optional<minitorch::Tensor> result;
    mt::for_each_two_arg([&](const auto& fn) {
      if (fn.name == name) result = fn.variable(x, y);
    });
    out["f"] = rows(result->to_vector(), kGridPoints);
    try_part(out, "dfdx", [&]() -> json {
      app.require_tasks({"2.4"});
      result->sum().backward();
      out["dfdy"] = rows(grad_of(y), kGridPoints);
      return rows(grad_of(x), kGridPoints);
    });
    return out;
  }
  std::vector<double> pairs;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    pairs.push_back(xs[i]);
    pairs.push_back(ys[i]);
  }
  // (2, N): the tables' reductions reduce dimension 0 (or everything, mean_full_red: then per point by hand).
  const minitorch::Tensor columns = minitorch::tensor(pairs, {static_cast<int>(xs.size()), 2}).permute({1, 0});
  std::vector<double> f;
  mt::for_each_reduction([&](const auto& fn) {
    if (fn.name != name) return;
    if (name == "mean_full_red") {
      for (std::size_t i = 0; i < xs.size(); ++i)
        f.push_back(fn.variable(minitorch::tensor(std::vector<double>{xs[i], ys[i]}, {2})).item());
    } else {
      f = fn.variable(columns).to_vector();
    }
  });
  out["f"] = rows(f, kGridPoints);
  return out;
}

const Registry<MathLayer>::Add kTensorLayer{{2, "tensor", tensor_answer}};

}  // namespace
}  // namespace playground
