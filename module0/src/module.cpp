// module0/src/module.cpp
#include "minitorch/module.h"

namespace minitorch::detail {

std::string demangled_type_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> raw(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  std::string name = (status == 0 && raw) ? raw.get() : type.name();
  // Drop namespaces (and the anonymous-namespace marker) before the template arguments.
  const auto template_start = name.find('<');
  const auto last_colon = name.rfind("::", template_start);
  if (last_colon != std::string::npos) name = name.substr(last_colon + 2);
  return name;
}

}  // namespace minitorch::detail
