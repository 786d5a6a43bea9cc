// module3/cudasim/src/static_storage.h
//
// Where the program's static storage lies: the writable segments (.data,
// .bss, not the RELRO part) of the executable and of every shared object
// loaded at the first call. The simulator's `__shared__` is `static`, so a kernel's accesses to
// static storage are its shared-memory accesses (traffic_counter.h).
#pragma once

#include <cstdint>

namespace cudasim::detail {

/// The answer for one address, and the range [begin, end) of addresses that
/// share it (a segment, or the gap between two), for callers to remember.
struct StaticStorage {
  bool is_static;
  std::uintptr_t begin;
  std::uintptr_t end;
};

/// Whether `address` lies in a writable segment of a loaded object.
StaticStorage classify_static_storage(std::uintptr_t address);

}  // namespace cudasim::detail
