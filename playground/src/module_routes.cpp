// playground/src/module_routes.cpp
//
// Module 0's pages: the module sandbox (a module tree with its named
// parameters) and the manual classifier of Task 0.5 (a slider per named
// parameter; the decision surface and the correct count follow).
//
//   POST /api/modules {model}            -> {"tree": Node, "named_parameters": [[path, value]] | null (+ _error)}
//        Node = {"name", "type", "parameters": [{"name", "value"}], "children": [Node]}
//   POST /api/manual {dataset, points, seed, params: {path: value in [-10, 10]}}
//                                        -> {"parameters": [{"name", "value"}], "correct", "total",
//                                            "dataset", "surface": [size*size], "surface_size",
//                                            "hand_set": {path: value} | null (+ _error)}
#include <memory>
#include <string>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "json_fields.h"
#include "minitorch/datasets.h"
#include "minitorch/manual_classifier.h"
#include "minitorch/module.h"
#include "surface.h"
#if MINITORCH_PLAYGROUND_MODULE >= 1
#include "minitorch/scalar_network.h"
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
#include "minitorch/tensor_network.h"
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 3
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#endif

namespace playground {
namespace {

using nlohmann::json;

// The module0 docs' example tree: p1, a.p2, b.c.p3.
class Leaf : public minitorch::Module<Leaf> {
 public:
  Leaf(const std::string& name, double value) { register_parameter(name, value); }
};
class Middle : public minitorch::Module<Middle> {
 public:
  Middle() { register_module("c", std::make_shared<Leaf>("p3", 3.0)); }
};
class MyModule : public minitorch::Module<MyModule> {
 public:
  MyModule() {
    register_parameter("p1", 1.0);
    register_module("a", std::make_shared<Leaf>("p2", 2.0));
    register_module("b", std::make_shared<Middle>());
  }
};

json value_json(double v) { return v; }
#if MINITORCH_PLAYGROUND_MODULE >= 1
json value_json(const minitorch::Scalar& v) { return v.data(); }
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
json value_json(const minitorch::Tensor& v) { return "tensor " + minitorch::shape_to_string(v.shape()); }
#endif

// The tree from own parameters and children (no task needed to draw it).
template <typename T>
json tree_json(const std::string& name, const minitorch::ModuleBase<T>& module) {
  json node = {{"name", name}, {"type", module.type_name()}, {"parameters", json::array()}};
  node["children"] = json::array();
  for (const auto& [pname, p] : module.own_parameters()) {
    node["parameters"].push_back({{"name", pname}, {"value", value_json(p->value)}});
  }
  for (const auto& [cname, child] : module.named_children()) node["children"].push_back(tree_json(cname, *child));
  return node;
}

template <typename T>
json module_answer(const App& app, const minitorch::ModuleBase<T>& module) {
  json out = {{"tree", tree_json("model", module)}, {"printed", module.to_string()}};
  try_part(out, "named_parameters", [&]() -> json {
    app.require_tasks({"0.4"});
    json list = json::array();
    for (const auto& [path, p] : module.named_parameters()) list.push_back({path, value_json(p->value)});
    return list;
  });
  return out;
}

std::vector<std::string> module_choices(int module) {
  std::vector<std::string> out = {"MyModule", "ManualNetwork"};
  if (module >= 1) out.push_back("ScalarNetwork");
  if (module >= 2) out.push_back("TensorNetwork");
  if (module >= 3) out.push_back("FastNetwork");
  return out;
}

void post_modules(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const std::string model = choice_field(body, "model", module_choices(app.options.module), "MyModule");
  json out;
  if (model == "MyModule") out = module_answer(app, MyModule());
  if (model == "ManualNetwork") out = module_answer(app, minitorch::ManualNetwork());
#if MINITORCH_PLAYGROUND_MODULE >= 1
  if (model == "ScalarNetwork") out = module_answer(app, minitorch::ScalarNetwork(2, 0));
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 2
  if (model == "TensorNetwork") out = module_answer(app, minitorch::TensorNetwork(2, 0));
#endif
#if MINITORCH_PLAYGROUND_MODULE >= 3
  if (model == "FastNetwork") out = module_answer(app, minitorch::FastNetwork(2, 0, minitorch::fast_backend()));
#endif
  out["choices"] = module_choices(app.options.module);
  send_json(res, out);
}

// ---------------------------------------------------------------- Manual (Task 0.5)

constexpr int kManualSurface = 30;

void post_manual(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const std::string dataset =
      choice_field(body, "dataset", {"Simple", "Diag", "Split", "Xor", "Circle", "Spiral"}, "Simple");
  const int points = int_field(body, "points", 1, 500, 50);
  const int seed = int_field(body, "seed", 0, 1000000, 0);
  minitorch::ParameterSettings settings;
  if (body.contains("params") && !body["params"].is_null()) {
    if (!body["params"].is_object() || body["params"].size() > 16) {
      throw bad_request("params must be an object {name: value} of at most 16 parameters");
    }
    for (const auto& [name, value] : body["params"].items()) {
      settings.emplace_back(name, number_field(body["params"], name, -10.0, 10.0, 0.0));
    }
  }
  app.require_tasks({"0.1", "0.4"});
  const minitorch::Dataset data = minitorch::make_dataset(dataset, points, static_cast<std::uint64_t>(seed));
  minitorch::ManualNetwork model;
  minitorch::set_parameters(model, settings);  // an unknown name: ValueError, 400
  json out = {{"dataset", dataset_json(data)}, {"surface_size", kManualSurface}, {"parameters", json::array()}};
  for (const auto& [path, p] : model.named_parameters())
    out["parameters"].push_back({{"name", path}, {"value", p->value}});
  out["correct"] = minitorch::count_correct(model, data);
  out["total"] = data.size();
  out["surface"] = surface(kManualSurface, [&](double a, double b) { return model(a, b); });
  try_part(out, "hand_set", [&]() -> json {
    app.require_tasks({"0.5"});
    if (dataset != "Simple" && dataset != "Diag") return nullptr;
    json settings_json = json::object();
    for (const auto& [path, value] : minitorch::hand_set_parameters(dataset == "Simple" ? "simple" : "diag")) {
      settings_json[path] = value;
    }
    return settings_json;
  });
  send_json(res, out);
}

}  // namespace

void add_module_routes(httplib::Server& server, App& app) {
  server.Post("/api/modules",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_modules(app, req, res); }));
  server.Post("/api/manual",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_manual(app, req, res); }));
}

}  // namespace playground
