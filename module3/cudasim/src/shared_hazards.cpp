// module3/cudasim/src/shared_hazards.cpp
#include "shared_hazards.h"

#include <algorithm>

namespace cudasim::detail {

namespace {

constexpr std::size_t kMaxTableBytes = std::size_t{256} << 20;  // larger static storage: not checked
constexpr std::size_t kMaxTables = 8;  // a program has a few writable segments; more are not checked

}  // namespace

std::uint32_t& SharedHazards::last_epoch() {
  thread_local std::uint32_t number = 0;
  return number;
}

std::vector<SharedHazards::Table>& SharedHazards::tables() {
  thread_local std::vector<Table> all = [] {
    std::vector<Table> v;
    v.reserve(kMaxTables);  // never reallocated: table_ pointers stay valid
    return v;
  }();
  return all;
}

bool SharedHazards::find_table(const StaticStorage& range) {
  std::vector<Table>& all = tables();
  auto found = std::find_if(all.begin(), all.end(), [&](const Table& t) { return t.begin == range.begin; });
  if (found != all.end()) {
    table_ = &*found;
    return true;
  }
  const std::size_t cells = (range.end - range.begin) / kCellBytes + 1;
  if (cells * sizeof(Cell) > kMaxTableBytes || all.size() == kMaxTables) return false;
  all.push_back(Table{range.begin, std::vector<Cell>(cells)});
  table_ = &all.back();
  return true;
}

SharedHazard SharedHazards::access_seen(Cell& cell, std::uint16_t me, bool store) {
  if (cell.writer != 0 && cell.writer != me) return {true, cell.writer - 1u, true};
  if (store) {
    const std::uint16_t other = cell.reader != 0 && cell.reader != me ? cell.reader : cell.other_reader;
    if (other != 0 && other != me) return {true, other - 1u, false};
    cell.writer = me;
  } else if (cell.reader == 0) {
    cell.reader = me;
  } else if (cell.reader != me && cell.other_reader == 0) {
    cell.other_reader = me;
  }
  return {};
}

}  // namespace cudasim::detail
