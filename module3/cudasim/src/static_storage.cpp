// module3/cudasim/src/static_storage.cpp
#include "static_storage.h"

#include <link.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace cudasim::detail {

namespace {

using Range = std::pair<std::uintptr_t, std::uintptr_t>;  // [first, second)

/// The object's RELRO range (read-only after relocation: .data.rel.ro, the
/// GOT), or an empty one.
Range relro_of(const dl_phdr_info* info) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& header = info->dlpi_phdr[i];
    if (header.p_type == PT_GNU_RELRO) {
      const std::uintptr_t begin = info->dlpi_addr + header.p_vaddr;
      return {begin, begin + header.p_memsz};
    }
  }
  return {0, 0};
}

/// Adds the writable PT_LOAD segments of one loaded object, less its RELRO
/// part (constants such as std::source_location's live there), to `data`
/// (a vector<Range>).
int add_writable_segments(dl_phdr_info* info, std::size_t, void* data) {
  auto* ranges = static_cast<std::vector<Range>*>(data);
  const Range relro = relro_of(info);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& header = info->dlpi_phdr[i];
    if (header.p_type != PT_LOAD || (header.p_flags & PF_W) == 0) continue;
    std::uintptr_t begin = info->dlpi_addr + header.p_vaddr;
    const std::uintptr_t end = begin + header.p_memsz;
    if (relro.first <= begin && begin < relro.second) begin = relro.second;  // RELRO leads the segment
    if (begin < end) ranges->emplace_back(begin, end);
  }
  return 0;
}

/// The writable segments, sorted, found once.
const std::vector<Range>& writable_segments() {
  static const std::vector<Range>* ranges = [] {
    auto* found = new std::vector<Range>;  // never destroyed: launches may run during exit
    dl_iterate_phdr(add_writable_segments, found);
    std::sort(found->begin(), found->end());
    return found;
  }();
  return *ranges;
}

}  // namespace

StaticStorage classify_static_storage(std::uintptr_t address) {
  const std::vector<Range>& ranges = writable_segments();
  auto next = std::upper_bound(ranges.begin(), ranges.end(), Range{address, ~std::uintptr_t{0}});
  if (next != ranges.begin() && address < std::prev(next)->second) {
    return {true, std::prev(next)->first, std::prev(next)->second};
  }
  const std::uintptr_t begin = next == ranges.begin() ? 0 : std::prev(next)->second;
  const std::uintptr_t end = next == ranges.end() ? ~std::uintptr_t{0} : next->first;
  return {false, begin, end};
}

}  // namespace cudasim::detail
