// playground/src/autodiff_routes.cpp
//
// The autodiff sandbox (Module 1): an expression over Scalars x, y, z and
// the computation graph the library recorded for it, with the course's
// naming: one box per operation "<Function> (Op <n>)", n counted from the
// output backwards (breadth first), each variable by name with its value,
// constants as "constant 10"; then the derivative of the output with
// respect to every variable (chain_rule for the inner ones, backward() for
// the leaves x, y, z).
//
//   POST /api/autodiff {expression, x, y, z}
//     -> {"value", "nodes": [{"id", "label", "kind": leaf|constant|computed|op, "value"?}],
//         "edges": [{"from", "to", "label"}],
//         "derivatives": {node id: d out / d node} | null (+ "derivatives_error")}
//   400: a syntax error (with the column); 501: Scalars not implemented yet (task 1.2).
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app.h"
#include "expression.h"
#include "http_errors.h"
#include "json_fields.h"
#include "minitorch/scalar.h"
#include "registry.h"

namespace playground {
namespace {

using minitorch::Scalar;
using nlohmann::json;

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string node_id(const Scalar& v) { return "v" + std::to_string(v.unique_id()); }

// The graph behind `root`, breadth first from the output (as graph.h's to_dot).
struct Graph {
  json nodes = json::array();
  json edges = json::array();
  std::map<std::uint64_t, Scalar> variables;                    // every non-constant variable by id
  std::map<std::uint64_t, std::vector<std::uint64_t>> parents;  // computed variable -> its inputs
};

Graph collect(const Scalar& root) {
  Graph g;
  std::set<std::uint64_t> drawn;
  std::vector<Scalar> queue{root};
  int op_id = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Scalar v = queue[head];
    if (!drawn.insert(v.unique_id()).second) continue;
    const char* kind = v.is_constant() ? "constant" : v.is_leaf() ? "leaf" : "computed";
    std::string label = v.is_constant() ? "constant " + number_text(v.data()) : v.name();
    if (label.size() > 15) label = "v" + std::to_string(v.unique_id());
    g.nodes.push_back({{"id", node_id(v)}, {"label", label}, {"kind", kind}, {"value", v.data()}});
    if (v.is_constant()) continue;
    g.variables.emplace(v.unique_id(), v);
    if (v.is_leaf()) continue;
    const std::string op = "op" + std::to_string(op_id);
    g.nodes.push_back({{"id", op},
                       {"label", std::string(v.function_name()) + " (Op " + std::to_string(op_id) + ")"},
                       {"kind", "op"}});
    g.edges.push_back({{"from", op}, {"to", node_id(v)}, {"label", ""}});
    ++op_id;
    const std::vector<Scalar> inputs = v.parents();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      g.edges.push_back({{"from", node_id(inputs[i])}, {"to", op}, {"label", std::to_string(i)}});
      if (!inputs[i].is_constant()) g.parents[v.unique_id()].push_back(inputs[i].unique_id());
      queue.push_back(inputs[i]);
    }
  }
  return g;
}

// d root / d v for every variable: each after all the variables that use it
// (reverse post-order of a depth-first walk), pushed to its inputs by chain_rule.
json derivatives(const Graph& g, const Scalar& root) {
  std::vector<std::uint64_t> order;
  std::set<std::uint64_t> seen;
  const auto visit = [&](auto&& self, std::uint64_t id) -> void {
    if (!seen.insert(id).second) return;
    const auto it = g.parents.find(id);
    if (it != g.parents.end()) {
      for (std::uint64_t p : it->second) self(self, p);
    }
    order.push_back(id);
  };
  visit(visit, root.unique_id());
  std::map<std::uint64_t, double> d{{root.unique_id(), 1.0}};
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Scalar& v = g.variables.at(*it);
    if (v.is_leaf()) continue;
    for (const auto& [input, di] : v.chain_rule(d[*it])) {
      if (!input.is_constant()) d[input.unique_id()] += di;
    }
  }
  root.backward();  // the library's backpropagation: the leaves' derivatives
  json out = json::object();
  for (const auto& [id, value] : d) {
    const Scalar& v = g.variables.at(id);
    out["v" + std::to_string(id)] = v.is_leaf() ? v.derivative().value_or(0.0) : value;
  }
  return out;
}

void post_autodiff(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const std::string text = string_field(body, "expression", 500, "(x * x) * y + 10.0 * x");
  const double xv = number_field(body, "x", -1e6, 1e6, 1.0);
  const double yv = number_field(body, "y", -1e6, 1e6, 1.0);
  const double zv = number_field(body, "z", -1e6, 1e6, 1.0);
  std::unique_ptr<Expression> expression;
  try {
    expression = parse_expression(text);
  } catch (const ExpressionError& e) {
    throw bad_request(std::string("the expression does not parse: ") + e.what());
  }
  app.require_tasks({"1.2"});
  const Scalar x(xv, "x"), y(yv, "y"), z(zv, "z");
  const Scalar out = evaluate<Scalar>(*expression, [&](const std::string& name) {
    return name == "x" ? x : name == "y" ? y : z;
  });
  if (out.is_constant() || out.is_leaf()) {
    throw bad_request("the expression has no operation on x, y or z: nothing to differentiate");
  }
  const Graph g = collect(out);
  json answer = {{"expression", text}, {"value", out.data()}, {"nodes", g.nodes}, {"edges", g.edges}};
  try_part(answer, "derivatives", [&]() -> json {
    app.require_tasks({"1.3", "1.4"});
    return derivatives(g, out);
  });
  send_json(res, answer);
}

}  // namespace

void add_autodiff_routes(httplib::Server& server, App& app) {
  server.Post("/api/autodiff",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_autodiff(app, req, res); }));
}

namespace {
const Registry<Routes>::Add kAutodiffRoutes{{1, "autodiff", add_autodiff_routes}};
}  // namespace

}  // namespace playground
