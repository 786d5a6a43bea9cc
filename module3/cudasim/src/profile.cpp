// module3/cudasim/src/profile.cpp
//
// cudasim/profile.h: per kernel, the sum of its launches' traffic, printed
// as one table.
#include <cinttypes>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

#include "cudasim/profile.h"
#include "diagnostics.h"
#include "profile_table.h"

namespace cudasim {

namespace {

/// One kernel's row.
struct Row {
  std::uint64_t launches = 0;
  std::string grid;  ///< of the first launch, "+" appended when later ones differ
  std::string block;
  LaunchTraffic sum;
  std::uint64_t minimum = 0;
};

/// The rows by kernel, whether profiling is on, and their lock.
struct Profile {
  std::mutex mutex;
  std::map<std::string, Row> rows;
  bool enabled = false;
  bool printed = false;
};

bool environment_enabled() {
  const char* value = std::getenv("CUDASIM_PROFILE");
  return value != nullptr && *value != '\0' && std::string(value) != "0";
}

void print_at_exit();

Profile& profile() {
  static Profile* instance = [] {
    auto* p = new Profile;  // never destroyed: printed at exit
    p->enabled = environment_enabled();
    if (p->enabled) std::atexit(print_at_exit);
    return p;
  }();
  return *instance;
}

void print_at_exit() {
  if (!profile().printed) print_profile(stderr);
}

/// The kernel's name cut to `width` characters.
std::string short_name(const std::string& name, std::size_t width) {
  return name.size() <= width ? name : name.substr(0, width - 3) + "...";
}

void print_row(std::FILE* out, const std::string& kernel, const Row& row) {
  const LaunchTraffic& t = row.sum;
  const double mb = static_cast<double>(t.load_bytes + t.store_bytes) / 1e6;
  const double per_warp =
      t.warp_accesses == 0 ? 0.0 : static_cast<double>(t.segments) / static_cast<double>(t.warp_accesses);
  const double ratio =
      row.minimum == 0 ? 0.0 : static_cast<double>(t.loads + t.stores) / static_cast<double>(row.minimum);
  std::fprintf(out, "%-34s %8s %-13s %-11s %13s %11s %9.2f %8.2f %13s %11s %9s %7.2fx\n",
               short_name(kernel, 34).c_str(), grouped(row.launches).c_str(), row.grid.c_str(), row.block.c_str(),
               grouped(t.loads).c_str(), grouped(t.stores).c_str(), mb, per_warp, grouped(t.shared_loads).c_str(),
               grouped(t.shared_stores).c_str(), grouped(t.barriers).c_str(), ratio);
}

}  // namespace

bool profile_enabled() {
  Profile& p = profile();
  const std::scoped_lock lock(p.mutex);
  return p.enabled;
}

void set_profile_enabled(bool on) {
  Profile& p = profile();
  const std::scoped_lock lock(p.mutex);
  if (on && !p.enabled && !environment_enabled()) std::atexit(print_at_exit);
  p.enabled = on;
}

void print_profile(std::FILE* out) {
  Profile& p = profile();
  const std::scoped_lock lock(p.mutex);
  p.printed = true;
  std::fprintf(out,
               "cudasim profile (global: device memory, in 8-byte cells; seg/warp: distinct 128-byte segments per "
               "warp access;\n  shared: __shared__ loads and stores; x min: global accesses / (distinct cells loaded "
               "+ distinct cells stored))\n");
  std::fprintf(out, "%-34s %8s %-13s %-11s %13s %11s %9s %8s %13s %11s %9s %8s\n", "kernel", "launches", "grid",
               "block", "global loads", "stores", "MB moved", "seg/warp", "shared loads", "stores", "barriers",
               "x min");
  for (const auto& [kernel, row] : p.rows) print_row(out, kernel, row);
  if (p.rows.empty()) std::fprintf(out, "(no kernel launched)\n");
  p.rows.clear();
}

namespace detail {

void add_to_profile(const LaunchTraffic& t) {
  Profile& p = profile();
  const std::scoped_lock lock(p.mutex);
  Row& row = p.rows[std::string(unqualified(t.kernel))];
  const std::string grid = coordinates(t.grid), block = coordinates(t.block);
  if (row.launches++ == 0) {
    row.grid = grid;
    row.block = block;
  } else {
    if (row.grid != grid && !row.grid.ends_with("+")) row.grid += "+";
    if (row.block != block && !row.block.ends_with("+")) row.block += "+";
  }
  LaunchTraffic& s = row.sum;
  s.loads += t.loads;
  s.stores += t.stores;
  s.load_bytes += t.load_bytes;
  s.store_bytes += t.store_bytes;
  s.warp_accesses += t.warp_accesses;
  s.segments += t.segments;
  s.shared_loads += t.shared_loads;
  s.shared_stores += t.shared_stores;
  s.barriers += t.barriers;
  row.minimum += t.minimum_accesses();
}

}  // namespace detail

}  // namespace cudasim
