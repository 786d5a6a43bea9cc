// module0/include/minitorch/module.h
//
// Task 0.4: Module and Parameter, the tree that holds a model's parameters.
//
// A model is a tree of modules. Each node owns named Parameters and named
// child modules, both in registration order:
//
//   Network                      named_parameters():
//   ├── p1                         "p1"
//   ├── a: Linear                  "a.weight", "a.bias"
//   └── b: Block                   ...
//       └── c: Linear              "b.c.weight", "b.c.bias"
//
// Why a template on the value type T: parameters hold plain doubles in Module 0,
// Scalars in Module 1 and Tensors from Module 2 on. Making the tree generic in
// T keeps `parameter.value` statically typed (no std::any casts at every use,
// as type erasure would need), lets the optimizer call T's own arithmetic, and
// writes the tree logic once for all three. A model mixes no value types, so
// nothing is lost. Python calls `module(x)` through __call__; here Module<Derived, T>
// forwards operator() to Derived::forward (CRTP, as torch::nn::Cloneable does),
// so calling a module without forward() is a compile error, not a runtime one.
#pragma once

#include <cxxabi.h>

#include <concepts>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch {

namespace detail {
// Values that track gradients (Scalar, Tensor) are switched on when they
// become parameters, and take the parameter's name (shown in graph pictures).
template <typename T>
void prepare_parameter_value(T& value, const std::string& name) {
  if constexpr (requires { value.requires_grad_(true); }) {
    value.requires_grad_(true);
  }
  if constexpr (requires { value.set_name(name); }) {
    if (!name.empty()) value.set_name(name);
  }
}

// "minitorch::Linear" -> "Linear": the class name shown when printing a tree.
std::string demangled_type_name(const std::type_info& type);
}  // namespace detail

/// A value of a model that training updates: a number, a Scalar or a Tensor.
template <typename T>
struct Parameter {
  T value;
  std::string name;

  explicit Parameter(T initial, std::string parameter_name = "")
      : value(std::move(initial)), name(std::move(parameter_name)) {
    detail::prepare_parameter_value(value, name);
  }

  /// Replaces the value (what an optimizer step does), keeping it tracked.
  void update(T new_value) {
    value = std::move(new_value);
    detail::prepare_parameter_value(value, name);
  }
};

/// The tree part of a module: parameters, children, training flag. Models
/// derive from Module<Derived, T> below, not from this class directly.
template <typename T>
class ModuleBase {
 public:
  using Value = T;
  using ParameterPtr = std::shared_ptr<Parameter<T>>;
  using ModulePtr = std::shared_ptr<ModuleBase<T>>;
  using NamedParameter = std::pair<std::string, ParameterPtr>;

  ModuleBase() = default;
  ModuleBase(const ModuleBase&) = delete;  // a module is a node of a tree: share it, do not copy it
  ModuleBase& operator=(const ModuleBase&) = delete;
  virtual ~ModuleBase() = default;

  /// Adds a parameter called `name` holding `value`; returns it so the module
  /// can keep a handle (`weight_ = register_parameter("weight", w);`).
  ParameterPtr register_parameter(const std::string& name, T value) {
    check_new_name(name);
    auto parameter = std::make_shared<Parameter<T>>(std::move(value), name);
    parameters_.emplace_back(name, parameter);
    return parameter;
  }

  /// Adds a child module called `name`; returns it with its own type.
  template <typename M>
  requires std::derived_from<M, ModuleBase<T>> std::shared_ptr<M> register_module(const std::string& name,
                                                                                  std::shared_ptr<M> module) {
    check_new_name(name);
    if (!module) throw ValueError("register_module('" + name + "'): the module is null");
    children_.emplace_back(name, module);
    return module;
  }

  /// True in training mode (the default), false after eval().
  bool is_training() const { return training_; }

  /// Puts this module and every module below it into training mode.
  void train() {
    // BEGIN SOLUTION 0.4
    training_ = true;
    for (const auto& [name, child] : children_) {
      child->train();
    }
    // END SOLUTION
  }

  /// Puts this module and every module below it into evaluation mode.
  void eval() {
    // BEGIN SOLUTION 0.4
    training_ = false;
    for (const auto& [name, child] : children_) {
      child->eval();
    }
    // END SOLUTION
  }

  /// Every parameter of this module and of all modules below it, with its
  /// dotted path: own parameters first (registration order), then each child's
  /// in registration order, prefixed with "<child name>.", recursively.
  ///   {"p1", p1}, {"a.p2", p2}, {"b.c.p3", p3}
  std::vector<NamedParameter> named_parameters() const {
    std::vector<NamedParameter> out;
    // BEGIN SOLUTION 0.4
    for (const auto& named : parameters_) {
      out.push_back(named);
    }
    for (const auto& [child_name, child] : children_) {
      for (auto& [name, parameter] : child->named_parameters()) {
        out.emplace_back(child_name + "." + name, std::move(parameter));
      }
    }
    // END SOLUTION
    return out;
  }

  /// The parameters of named_parameters(), in the same order, without names.
  std::vector<ParameterPtr> parameters() const {
    std::vector<ParameterPtr> out;
    // BEGIN SOLUTION 0.4
    for (auto& [name, parameter] : named_parameters()) {
      out.push_back(std::move(parameter));
    }
    // END SOLUTION
    return out;
  }

  /// The parameter at a dotted path ("b.c.p3"). An unknown path is a
  /// ValueError that lists the known ones (never a silent null).
  ParameterPtr parameter(std::string_view path) const {
    const auto all = named_parameters();
    for (const auto& [name, p] : all) {
      if (name == path) return p;
    }
    std::string known;
    for (const auto& [name, p] : all) known += (known.empty() ? "" : ", ") + name;
    throw ValueError("no parameter named '" + std::string(path) + "' in " + type_name() +
                     " (its parameters: " + (known.empty() ? "none" : known) + ")");
  }

  /// The direct children, in registration order.
  const std::vector<std::pair<std::string, ModulePtr>>& named_children() const { return children_; }
  std::vector<ModulePtr> children() const {
    std::vector<ModulePtr> out;
    for (const auto& [name, child] : children_) out.push_back(child);
    return out;
  }

  /// The child called `name`; an unknown name is a ValueError.
  ModulePtr child(std::string_view name) const {
    for (const auto& [child_name, c] : children_) {
      if (child_name == name) return c;
    }
    throw ValueError("no child module named '" + std::string(name) + "' in " + type_name());
  }

  /// This module's own parameters (not its children's), in registration order.
  const std::vector<NamedParameter>& own_parameters() const { return parameters_; }

  /// The class name shown when printing ("Linear").
  virtual std::string type_name() const { return "Module"; }

  /// The tree as PyTorch prints it:
  ///   Network(
  ///     (layer1): Linear()
  ///     (layer2): Linear()
  ///   )
  std::string to_string() const {
    if (children_.empty()) return type_name() + "()";
    std::string out = type_name() + "(";
    for (const auto& [name, child] : children_) {
      std::string child_text = child->to_string();
      std::string indented;
      for (char c : child_text) {
        indented += c;
        if (c == '\n') indented += "  ";
      }
      out += "\n  (" + name + "): " + indented;
    }
    return out + "\n)";
  }

 private:
  void check_new_name(const std::string& name) const {
    if (name.empty() || name.find('.') != std::string::npos) {
      throw ValueError("bad member name '" + name + "' in " + type_name() + ": names are non-empty and have no '.'");
    }
    for (const auto& [existing, p] : parameters_) {
      if (existing == name) throw ValueError("'" + name + "' is already a parameter of " + type_name());
    }
    for (const auto& [existing, c] : children_) {
      if (existing == name) throw ValueError("'" + name + "' is already a child module of " + type_name());
    }
  }

  std::vector<NamedParameter> parameters_;
  std::vector<std::pair<std::string, ModulePtr>> children_;
  bool training_ = true;
};

template <typename T>
std::ostream& operator<<(std::ostream& os, const ModuleBase<T>& module) {
  return os << module.to_string();
}

/// Base class of every model: `class Linear : public Module<Linear, Scalar>`.
/// Calling the module, `model(x)`, runs `Derived::forward(x)`.
template <typename Derived, typename T = double>
class Module : public ModuleBase<T> {
 public:
  /// Calls forward with the same arguments and returns what it returns.
  /// (`Self` is always Derived; naming it makes the return type wait until
  /// Derived is complete.)
  template <typename Self = Derived, typename... Args>
  requires requires(Self& self, Args&&... args) { self.forward(std::forward<Args>(args)...); }
  auto operator()(Args&&... args) -> decltype(std::declval<Self&>().forward(std::forward<Args>(args)...)) {
    // BEGIN SOLUTION 0.4
    return static_cast<Self&>(*this).forward(std::forward<Args>(args)...);
    // END SOLUTION
  }

  std::string type_name() const override { return detail::demangled_type_name(typeid(Derived)); }
};

}  // namespace minitorch
