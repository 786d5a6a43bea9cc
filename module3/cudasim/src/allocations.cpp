// module3/cudasim/src/allocations.cpp
#include "allocations.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

namespace cudasim::detail {

namespace {

/// The live allocations by start address, and their lock.
struct Registry {
  std::mutex mutex;
  std::map<std::uintptr_t, std::size_t> sizes;
};

Registry& registry() {
  static Registry* instance = new Registry;  // never destroyed: cudaFree may run during exit
  return *instance;
}

std::uintptr_t address(const volatile void* pointer) { return reinterpret_cast<std::uintptr_t>(pointer); }

}  // namespace

void* allocate_guarded(std::size_t size) {
  if constexpr (kGuardBytes == 0) {
    return std::malloc(size);
  } else {
    const std::size_t total = (size + 2 * kGuardBytes + kGuardBytes - 1) / kGuardBytes * kGuardBytes;
    auto* memory = static_cast<unsigned char*>(std::aligned_alloc(kGuardBytes, total));
    if (memory == nullptr) return nullptr;
    std::memset(memory, 0, kGuardBytes);
    std::memset(memory + kGuardBytes + size, 0, total - kGuardBytes - size);
    return memory + kGuardBytes;
  }
}

void free_guarded(void* pointer) {
  if constexpr (kGuardBytes == 0) {
    std::free(pointer);
  } else {
    std::free(static_cast<unsigned char*>(pointer) - kGuardBytes);
  }
}

void register_allocation(void* begin, std::size_t size) {
  Registry& r = registry();
  const std::scoped_lock lock(r.mutex);
  r.sizes[address(begin)] = size;
}

bool unregister_allocation(const void* begin) {
  Registry& r = registry();
  const std::scoped_lock lock(r.mutex);
  return r.sizes.erase(address(begin)) == 1;
}

std::optional<Allocation> find_allocation(const volatile void* pointer) {
  Registry& r = registry();
  const std::scoped_lock lock(r.mutex);
  auto next = r.sizes.upper_bound(address(pointer));
  if (next == r.sizes.begin()) return std::nullopt;
  const auto [begin, size] = *std::prev(next);
  if (address(pointer) - begin > size) return std::nullopt;
  return Allocation{begin, size};
}

bool is_device_range(const void* pointer, std::size_t count) {
  const auto allocation = find_allocation(pointer);
  return allocation && address(pointer) - allocation->begin + count <= allocation->size;
}

}  // namespace cudasim::detail
