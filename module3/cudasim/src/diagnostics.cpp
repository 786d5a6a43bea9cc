// module3/cudasim/src/diagnostics.cpp
#include "diagnostics.h"

#include <string_view>

namespace cudasim::detail {

std::string_view unqualified(std::string_view kernel) {
  const std::string_view head = kernel.substr(0, kernel.find('<'));
  const std::size_t colons = head.rfind("::");
  return colons == std::string_view::npos ? kernel : kernel.substr(colons + 2);
}

std::string coordinates(uint3 v) {
  return "(" + std::to_string(v.x) + "," + std::to_string(v.y) + "," + std::to_string(v.z) + ")";
}

std::string site_text(const BarrierSite& site) {
  // A build directory compiles with relative paths ("../../module3/..."; g++ 12
  // does not apply -fmacro-prefix-map to std::source_location): drop the "../".
  std::string_view file = site.file;
  while (file.starts_with("../") || file.starts_with("./")) file.remove_prefix(file.starts_with("./") ? 2 : 3);
  std::string text = std::string(file) + ":" + std::to_string(site.line);
  if (site.column != 0) text += ":" + std::to_string(site.column);
  return text;
}

std::string block_prefix(const LaunchInfo& info, uint3 block) {
  return "cudasim: kernel " + std::string(info.kernel) + ", block " + coordinates(block) + ": ";
}

uint3 thread_coordinates(unsigned linear, dim3 block) {
  return {linear % block.x, linear / block.x % block.y, linear / (block.x * block.y)};
}

uint3 block_coordinates(unsigned long long linear, dim3 grid) {
  const unsigned long long plane = static_cast<unsigned long long>(grid.x) * grid.y;
  return {static_cast<unsigned>(linear % grid.x), static_cast<unsigned>(linear / grid.x % grid.y),
          static_cast<unsigned>(linear / plane)};
}

}  // namespace cudasim::detail
