// module3/cudasim/src/allocations.h
//
// The registry of simulated device memory: every live cudaMalloc range.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace cudasim::detail {

/// The guard zone cudaMalloc leaves on either side of every allocation (and
/// the alignment of its start, as a GPU's 256 bytes): an access there is out
/// of bounds, and harms nothing. None under AddressSanitizer, which then
/// finds such accesses itself (it needs the allocation's exact size).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr std::size_t kGuardBytes = 0;
#else
inline constexpr std::size_t kGuardBytes = 256;
#endif

/// A live allocation: `size` bytes from `begin`.
struct Allocation {
  std::uintptr_t begin;
  std::size_t size;
};

/// `size` bytes with kGuardBytes on either side (zeroed), the start aligned
/// to 256 bytes when there are guards; nullptr if memory runs out.
void* allocate_guarded(std::size_t size);

/// Frees what allocate_guarded returned.
void free_guarded(void* pointer);

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
