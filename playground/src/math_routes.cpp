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
#include <string>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "json_fields.h"
#include "math_grid.h"
#include "math_tests.h"
#include "registry.h"

namespace playground {
namespace {

namespace mt = minitorch::testing;
using nlohmann::json;

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

void post_math(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const std::string layer = choice_field(body, "layer", Registry<MathLayer>::names(app.options.module), "operators");
  const std::string name = string_field(body, "name", 64, "add2");
  json out = Registry<MathLayer>::find(layer, app.options.module)->answer(app, name, arity_of(name));
  out["name"] = name;
  out["layer"] = layer;
  send_json(res, out);
}

const Registry<MathLayer>::Add kOperators{
    {0, "operators", [](const App& app, const std::string& name, const std::string& kind) {
       app.require_tasks({"0.1"});
       return operators_answer(name, kind);
     }}};

}  // namespace

void add_math_routes(httplib::Server& server, App& app) {
  server.Get("/api/math/functions",
             guarded([](const httplib::Request&, httplib::Response& res) { send_json(res, functions_json()); }));
  server.Post("/api/math",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_math(app, req, res); }));
}

namespace {
const Registry<Routes>::Add kMathRoutes{{0, "math", add_math_routes}};
}  // namespace

}  // namespace playground
