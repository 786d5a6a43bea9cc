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
#include "module_tree.h"
#include "registry.h"
#include "surface.h"

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

json number_json(double v) { return v; }

const Registry<ModuleExample>::Add kMyModule{
    {0, "MyModule", [](const App& app) { return module_answer(app, MyModule(), number_json); }}};
const Registry<ModuleExample>::Add kManualNetwork{
    {0, "ManualNetwork", [](const App& app) { return module_answer(app, minitorch::ManualNetwork(), number_json); }}};

void post_modules(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const std::vector<std::string> choices = Registry<ModuleExample>::names(app.options.module);
  const std::string model = choice_field(body, "model", choices, "MyModule");
  json out = Registry<ModuleExample>::find(model, app.options.module)->answer(app);
  out["choices"] = choices;
  send_json(res, out);
}

// ---------------------------------------------------------------- Manual (Task 0.5)

constexpr int kManualSurface = 30;

void post_manual(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const std::string dataset = choice_field(body, "dataset", dataset_choices(), "Simple");
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

namespace {
const Registry<Routes>::Add kModuleRoutes{{0, "modules", add_module_routes}};
}  // namespace

}  // namespace playground
