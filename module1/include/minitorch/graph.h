// module1/include/minitorch/graph.h
//
// Pictures of computation graphs (the course's "Autodiff Sandbox"): Graphviz
// DOT text for the graph behind any variable, rendered to SVG by Graphviz's
// `dot` program when it is installed.
//
//   x ──0──▶ ┌────────────┐
//   x ──1──▶ │ Mul (Op 2) │──▶ 3 ──0──▶ ┌────────────┐
//            └────────────┘             │ Mul (Op 1) │──▶ ...
//   y ───────────────────────────1────▶ └────────────┘
//
// As in the original: one box per operation, named "<function> (Op <n>)" with
// n counted from the output backwards; an edge from each input to the box,
// labelled with the input's position; an edge from the box to its result.
// Variables are shown by name (names longer than 15 characters as v0, v1,
// ...), constants as "constant 10"; each variable with its value ("x = 1").
#pragma once

#include <concepts>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "minitorch/autodiff.h"

namespace minitorch {

/// A variable that can be drawn: a Variable with a name and, when computed,
/// the name of the function that made it. (Scalar; Module 2's Tensor.)
template <typename V>
concept DrawableVariable = Variable<V> && requires(const V v) {
  { v.name() } -> std::convertible_to<std::string>;
  { v.function_name() } -> std::convertible_to<std::string_view>;
};

namespace detail {

template <typename V>
concept HasNumericData = requires(const V v) {
  { v.data() } -> std::convertible_to<double>;
};

std::string dot_escape(std::string_view text);

// Gives names longer than 15 characters the short names v0, v1, ... (as the original).
class DotNames {
 public:
  std::string shown(const std::string& name);

 private:
  std::unordered_map<std::string, int> long_names_;
};

template <typename V>
std::string dot_label(const V& v, DotNames& names) {
  if (v.is_constant()) return "constant " + v.name();
  std::string label = names.shown(v.name());
  if constexpr (HasNumericData<V>) {
    char buf[48];
    std::snprintf(buf, sizeof buf, " = %.4g", static_cast<double>(v.data()));
    label += buf;
  }
  return label;
}

}  // namespace detail

/// The graph behind `root` as Graphviz DOT text (left to right). Throws the
/// variable's error when the graph was already freed by backward(): draw
/// before calling backward().
template <DrawableVariable V>
std::string to_dot(const V& root) {
  std::ostringstream out;
  out << "digraph computation {\n"
      << "  rankdir=LR;\n"
      << "  node [fontname=\"Helvetica\", fontsize=12];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  detail::DotNames names;
  std::unordered_set<std::uint64_t> drawn;
  std::vector<V> queue{root};  // breadth first from the output, as the original
  int op_id = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const V v = queue[head];
    if (!drawn.insert(v.unique_id()).second) continue;
    const std::string node = "v" + std::to_string(v.unique_id());
    const char* style = v.is_constant() ? "shape=plaintext"
                        : v.is_leaf()   ? "shape=ellipse, style=filled, fillcolor=\"#cde4f7\""
                                        : "shape=ellipse";
    out << "  " << node << " [label=\"" << detail::dot_escape(detail::dot_label(v, names)) << "\", " << style << "];\n";
    if (v.is_constant() || v.is_leaf()) continue;
    const std::string op = "op" + std::to_string(op_id);
    out << "  " << op << " [label=\"" << detail::dot_escape(v.function_name()) << " (Op " << op_id
        << ")\", shape=box, penwidth=3];\n"
        << "  " << op << " -> " << node << ";\n";
    ++op_id;
    const std::vector<V> inputs = v.parents();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      out << "  v" << inputs[i].unique_id() << " -> " << op << " [label=\"" << i << "\"];\n";
      queue.push_back(inputs[i]);
    }
  }
  out << "}\n";
  return out.str();
}

struct GraphFiles {
  std::string dot_path;
  std::string svg_path;  // empty when no SVG was made
  std::string message;   // what happened, for the user (how to install Graphviz when it is missing)
};

/// Runs Graphviz (`dot -Tsvg dot_path -o svg_path`). Returns false, with the
/// reason in `message`, when `dot` is not installed or fails; never throws
/// for that.
bool render_dot_to_svg(const std::string& dot_path, const std::string& svg_path, std::string& message);

/// Writes `dot` to <prefix>.dot and renders <prefix>.svg when Graphviz is installed.
GraphFiles write_graph(const std::string& dot, const std::string& prefix);

}  // namespace minitorch
