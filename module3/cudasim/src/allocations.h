// module3/cudasim/src/allocations.h
//
// The registry of simulated device memory: every live cudaMalloc range.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace cudasim::detail {

/// A live allocation: `size` bytes from `begin`.
struct Allocation {
  std::uintptr_t begin;
  std::size_t size;
};

/// Records a new allocation.
void register_allocation(void* begin, std::size_t size);

/// Forgets the allocation that starts at `begin`; false if there is none.
bool unregister_allocation(const void* begin);

/// The allocation that holds `pointer`, counting one past its end as inside
/// (an empty range at the end of a buffer); nullopt for host memory.
std::optional<Allocation> find_allocation(const volatile void* pointer);

/// [pointer, pointer + count) lies inside one allocation.
bool is_device_range(const void* pointer, std::size_t count);

}  // namespace cudasim::detail
