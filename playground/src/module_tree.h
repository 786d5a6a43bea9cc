// playground/src/module_tree.h
//
// The module sandbox's answer for one model (module_routes.cpp documents it):
// its tree from own parameters and children (no task needed to draw it), its
// printed form, and its named parameters (Task 0.4). Each model kind's file
// registers its network as a ModuleExample with how to show a parameter's value.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "http_errors.h"
#include "minitorch/module.h"

namespace playground {

/// The tree of `module` called `name`; value_json(parameter value) -> JSON.
template <typename T, typename ValueJson>
nlohmann::json tree_json(const std::string& name, const minitorch::ModuleBase<T>& module, const ValueJson& value_json) {
  nlohmann::json node = {{"name", name}, {"type", module.type_name()}, {"parameters", nlohmann::json::array()}};
  node["children"] = nlohmann::json::array();
  for (const auto& [pname, p] : module.own_parameters()) {
    node["parameters"].push_back({{"name", pname}, {"value", value_json(p->value)}});
  }
  for (const auto& [cname, child] : module.named_children()) {
    node["children"].push_back(tree_json(cname, *child, value_json));
  }
  return node;
}

/// {"tree", "printed", "named_parameters" (or its _error while Task 0.4 is a stub)}.
template <typename T, typename ValueJson>
nlohmann::json module_answer(const App& app, const minitorch::ModuleBase<T>& module, const ValueJson& value_json) {
  nlohmann::json out = {{"tree", tree_json("model", module, value_json)}, {"printed", module.to_string()}};
  try_part(out, "named_parameters", [&]() -> nlohmann::json {
    app.require_tasks({"0.4"});
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [path, p] : module.named_parameters()) list.push_back({path, value_json(p->value)});
    return list;
  });
  return out;
}

}  // namespace playground
