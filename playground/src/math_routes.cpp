// playground/src/math_routes.cpp
//
// The math sandboxes: the course's MathTest tables (module0/tests/support)
// evaluated by the operators of Module 0, by Scalars (Module 1: f and f' by
// backward) or by Tensors (Module 2: f and its gradient).
//
//   GET  /api/math/functions   -> {"one": [names], "two": [names], "reduce": [names]}
//   POST /api/math {layer: "operators"|"scalar"|"tensor", name}
//     one-argument  -> {"kind": "one", "x": [201], "f": [201], "df"?: [201]}         x in [-50, 50]
//     two-argument  -> {"kind": "two", "x": [41], "y": [41], "f": [41][41],           f[i][j] = f(x[j], y[i])
//                       "dfdx"?: .., "dfdy"?: ..}
//     reduction     -> like two-argument, f([x, y]) (operators and tensors only)
//   A missing task answers 501, or (the derivatives only) "df_error" beside the values.
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "json_fields.h"
#include "math_tests.h"
#if MINITORCH_PLAYGROUND_MODULE >= 1
#include "minitorch/scalar.h"
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
#include "minitorch/tensor.h"
#endif

namespace playground {
namespace {

namespace mt = minitorch::testing;
using nlohmann::json;

constexpr int kLinePoints = 201;  // x = -50, -49.5, ..., 50 (plus 1e-5: off the kinks, as the original)
constexpr int kGridPoints = 41;   // x, y = -50, -47.5, ..., 50

std::vector<double> axis(int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(-50.0 + 100.0 * i / (n - 1) + 1e-5);
  return out;
}

// Values as JSON, with the non-finite ones (exp overflow, 1 / 0) as null.
json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(std::isfinite(v) ? json(v) : json(nullptr));
  return out;
}

// A flat row-major grid (y outer, x inner) as rows.
json rows(const std::vector<double>& flat, int n) {
  json out = json::array();
  for (int i = 0; i < n; ++i) {
    out.push_back(numbers(std::vector<double>(flat.begin() + i * n, flat.begin() + (i + 1) * n)));
  }
  return out;
}

std::string arity_of(const std::string& name) {
  std::string found;
  mt::for_each_one_arg([&](const auto& f) { found = f.name == name ? "one" : found; });
  mt::for_each_two_arg([&](const auto& f) { found = f.name == name ? "two" : found; });
  mt::for_each_reduction([&](const auto& f) { found = f.name == name ? "reduce" : found; });
  if (found.empty()) throw bad_request("unknown function '" + name + "' (GET /api/math/functions lists them)");
  return found;
}

json functions_json() {
  json out = {{"one", json::array()}, {"two", json::array()}, {"reduce", json::array()}};
  mt::for_each_one_arg([&](const auto& f) { out["one"].push_back(std::string(f.name)); });
  mt::for_each_two_arg([&](const auto& f) { out["two"].push_back(std::string(f.name)); });
  mt::for_each_reduction([&](const auto& f) { out["reduce"].push_back(std::string(f.name)); });
  return out;
}

// ---------------------------------------------------------------- operators (Module 0)

json operators_answer(const std::string& name, const std::string& kind) {
  json out = {{"kind", kind}};
  const std::vector<double> xs = axis(kind == "one" ? kLinePoints : kGridPoints);
  if (kind == "one") {
    std::vector<double> f;
    mt::for_each_one_arg([&](const auto& fn) {
      if (fn.name == name) {
        for (double x : xs) f.push_back(fn.base(x));
      }
    });
    out["x"] = xs;
    out["f"] = numbers(f);
    return out;
  }
  std::vector<double> f;
  const auto fill = [&](const auto& at) {
    for (double y : xs) {
      for (double x : xs) f.push_back(at(x, y));
    }
  };
  if (kind == "two") {
    mt::for_each_two_arg([&](const auto& fn) {
      if (fn.name == name) fill([&](double x, double y) { return fn.base(x, y); });
    });
  } else {
    mt::for_each_reduction([&](const auto& fn) {
      if (fn.name == name) fill([&](double x, double y) { return fn.base(std::vector<double>{x, y}); });
    });
  }
  out["x"] = xs;
  out["y"] = xs;
  out["f"] = rows(f, kGridPoints);
  return out;
}

#if MINITORCH_PLAYGROUND_MODULE >= 1
// ---------------------------------------------------------------- Scalars (Module 1)

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
#endif

#if MINITORCH_PLAYGROUND_MODULE >= 2
// ---------------------------------------------------------------- Tensors (Module 2)

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
#endif

void post_math(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  std::vector<std::string> layers = {"operators", "scalar", "tensor"};
  layers.resize(static_cast<std::size_t>(std::min(app.options.module, 2) + 1));
  const std::string layer = choice_field(body, "layer", layers, "operators");
  const std::string name = string_field(body, "name", 64, "add2");
  const std::string kind = arity_of(name);
  json out;
  if (layer == "operators") {
    app.require_tasks({"0.1"});
    out = operators_answer(name, kind);
  }
#if MINITORCH_PLAYGROUND_MODULE >= 1
  if (layer == "scalar") out = scalar_answer(app, name, kind);
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
  if (layer == "tensor") out = tensor_answer(app, name, kind);
#endif
  out["name"] = name;
  out["layer"] = layer;
  send_json(res, out);
}

}  // namespace

void add_math_routes(httplib::Server& server, App& app) {
  server.Get("/api/math/functions",
             guarded([](const httplib::Request&, httplib::Response& res) { send_json(res, functions_json()); }));
  server.Post("/api/math",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_math(app, req, res); }));
}

}  // namespace playground
