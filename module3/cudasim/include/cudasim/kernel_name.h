// module3/cudasim/include/cudasim/kernel_name.h
//
// cudasim::kernel_name<Kernel>(): the name of a kernel given as a template
// argument, for diagnostics, e.g. "map_kernel<minitorch::elementwise::Neg>".
// Taken from __PRETTY_FUNCTION__ (g++, and nvcc's host compiler): no RTTI, no
// demangling, no registry.
#pragma once

#include <string_view>

namespace cudasim {

namespace detail {

/// The text after "Kernel = " in `pretty` up to the next ';' or the closing
/// ']', without a leading '&'; `pretty` itself if it has no such text.
constexpr std::string_view template_argument_text(std::string_view pretty) {
  constexpr std::string_view key = "Kernel = ";
  const auto start = pretty.find(key);
  if (start == std::string_view::npos) return pretty;
  std::string_view rest = pretty.substr(start + key.size());
  auto end = rest.find(';');
  if (end == std::string_view::npos) end = rest.rfind(']');
  rest = rest.substr(0, end);
  if (!rest.empty() && rest.front() == '&') rest.remove_prefix(1);
  return rest;
}

}  // namespace detail

/// The kernel's name with its template arguments (static storage).
template <auto Kernel>
constexpr std::string_view kernel_name() {
  return detail::template_argument_text(__PRETTY_FUNCTION__);
}

}  // namespace cudasim
