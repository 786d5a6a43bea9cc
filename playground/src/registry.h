// playground/src/registry.h
//
// How the pages of a module join the server: the file that implements a page,
// a model kind, a math layer or a module example registers it, and CMake
// builds the files of the modules the build has (playground/CMakeLists.txt).
// No file asks which module level it is compiled for; each compiles to the
// same object at every level (scripts/check-layers --levels).
//
//   namespace { const Registry<Routes>::Add kRoutes{{1, "autodiff", add_autodiff_routes}}; }
//
// Entries are added during static initialization (before main) and only read
// after it, by module (within a module, in the order they were added).
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app.h"
#include "training_sessions.h"

namespace minitorch {
class TensorBackend;
}

namespace playground {

template <typename Entry>
class Registry {
 public:
  /// Registers one entry: a namespace-scope constant of the implementing file.
  struct Add {
    explicit Add(Entry entry) { entries().push_back(std::move(entry)); }
  };

  /// The entries of modules 0..module, by module.
  static std::vector<const Entry*> up_to(int module) {
    std::vector<const Entry*> out;
    for (const Entry& entry : entries()) {
      if (entry.module <= module) out.push_back(&entry);
    }
    std::stable_sort(out.begin(), out.end(), [](const Entry* a, const Entry* b) { return a->module < b->module; });
    return out;
  }

  /// The entry called `name` among modules 0..module; nullptr if none.
  static const Entry* find(const std::string& name, int module) {
    for (const Entry* entry : up_to(module)) {
      if (entry->name == name) return entry;
    }
    return nullptr;
  }

  /// The names of up_to(module), in its order.
  static std::vector<std::string> names(int module) {
    std::vector<std::string> out;
    for (const Entry* entry : up_to(module)) out.push_back(entry->name);
    return out;
  }

 private:
  static std::vector<Entry>& entries() {
    static std::vector<Entry> all;  // constructed on first use: safe from any file's static initializer
    return all;
  }
};

/// A page's endpoints (every built page is served; --module hides pages, not routes).
struct Routes {
  int module;
  std::string name;
  void (*add)(httplib::Server& server, App& app);
};

/// A layer of the math sandbox: evaluates the MathTest function `name` of
/// arity `kind` ("one", "two", "reduce") as math_routes.cpp documents.
struct MathLayer {
  int module;
  std::string name;  // "operators", "scalar", "tensor"
  std::function<nlohmann::json(const App& app, const std::string& name, const std::string& kind)> answer;
};

/// A model of the module sandbox: its tree and named parameters (module_tree.h).
struct ModuleExample {
  int module;
  std::string name;  // the class name the page shows
  std::function<nlohmann::json(const App& app)> answer;
};

/// What a Train request starts: the setup the page shows, the session's job,
/// and where the model has a decision surface, how to draw the untrained one
/// (run once the tasks are known to be there: a stub answers 501).
struct TrainPlan {
  nlohmann::json setup;
  TrainingSessions::Job job;
  std::function<std::vector<double>()> initial_surface;  // empty: no surface
};

/// A model the training pages train: one row per kind, with its limits.
struct ModelKind {
  int module;                      // the first module whose pages train it
  std::string name;                // the request's "model"
  bool on_points;                  // trained on a 2-D dataset by the Modules 1-3 training page
  std::vector<const char*> tasks;  // the tasks its training needs (501 while one is a stub)
  nlohmann::json limits;           // the largest request it takes, as /api/info shows it
  /// Checks the request's fields against the limits (400) and plans the session.
  std::function<TrainPlan(const nlohmann::json& body)> plan;
};

/// A tensor backend the fast training page offers.
struct BackendChoice {
  int module;
  std::string name;
  const minitorch::TensorBackend& (*backend)();
  std::function<std::string()> unavailable_reason;  // empty: usable on this machine
};

}  // namespace playground
