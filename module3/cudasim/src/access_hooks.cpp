// module3/cudasim/src/access_hooks.cpp
//
// The functions g++'s ThreadSanitizer instrumentation calls before every load
// and store of an instrumented file (-fsanitize=thread at compile time only:
// the program provides the runtime, this file). cudasim_kernel_sources
// (CMakeLists.txt) compiles the files that hold kernels so. Each hook hands
// the access to the counter of the launch running on this OS thread, and
// returns at once outside launches. (ThreadSanitizer's instrumentation and
// not AddressSanitizer's: the latter drops the check of a store to a cell
// the same code just loaded, so `out[i] += x` would count no store.)
//
// Atomic operations in instrumented code arrive here too: each is done with
// the compiler's own atomics (sequentially consistent, the strongest order)
// and counted as the load and/or store it is, never taken for a race.
//
// This file itself is not instrumented, and a build with a sanitizer that
// brings its own runtime leaves it out.
#include <cstddef>
#include <cstdint>

#include "traffic_counter.h"

namespace {

/// One access of `size` bytes at `address`.
inline void on_access(const volatile void* address, std::size_t size, bool store) {
  if (cudasim::detail::TrafficCounter* counter = cudasim::detail::active_counter) {
    counter->access(reinterpret_cast<std::uintptr_t>(address), size, store);
  }
}

template <class T>
T atomic_load(const volatile T* a) {
  const cudasim::detail::AtomicSection atomic;  // not a race (shared_hazards.h)
  on_access(a, sizeof(T), false);
  return __atomic_load_n(a, __ATOMIC_SEQ_CST);
}
template <class T>
void atomic_store(volatile T* a, T v) {
  const cudasim::detail::AtomicSection atomic;
  on_access(a, sizeof(T), true);
  __atomic_store_n(a, v, __ATOMIC_SEQ_CST);
}
/// A read-modify-write: counted as a load and a store.
template <class T>
void count_rmw(volatile T* a) {
  const cudasim::detail::AtomicSection atomic;
  on_access(a, sizeof(T), false);
  on_access(a, sizeof(T), true);
}
template <class T>
bool compare_exchange(volatile T* a, T* expected, T desired) {
  count_rmw(a);
  return __atomic_compare_exchange_n(a, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

}  // namespace

// The hooks' names and signatures are ThreadSanitizer's ABI (reserved
// identifiers, hence the NOLINTs); `morder` arguments are ignored.
extern "C" {

void __tsan_init() {}                                                              // NOLINT
void __tsan_func_entry(void*) {}                                                   // NOLINT
void __tsan_func_exit() {}                                                         // NOLINT
void __tsan_vptr_update(void**, void*) {}                                          // NOLINT
void __tsan_vptr_read(void**) {}                                                   // NOLINT
void __tsan_atomic_thread_fence(int) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }  // NOLINT
void __tsan_atomic_signal_fence(int) { __atomic_signal_fence(__ATOMIC_SEQ_CST); }  // NOLINT

void __tsan_read_range(void* address, std::size_t size) { on_access(address, size, false); }  // NOLINT
void __tsan_write_range(void* address, std::size_t size) { on_access(address, size, true); }  // NOLINT

#define CUDASIM_ACCESS_HOOKS(N)                                                               \
  void __tsan_read##N(void* address) { on_access(address, N, false); }           /* NOLINT */ \
  void __tsan_write##N(void* address) { on_access(address, N, true); }           /* NOLINT */ \
  void __tsan_unaligned_read##N(void* address) { on_access(address, N, false); } /* NOLINT */ \
  void __tsan_unaligned_write##N(void* address) { on_access(address, N, true); } /* NOLINT */
CUDASIM_ACCESS_HOOKS(1)
CUDASIM_ACCESS_HOOKS(2)
CUDASIM_ACCESS_HOOKS(4)
CUDASIM_ACCESS_HOOKS(8)
CUDASIM_ACCESS_HOOKS(16)
#undef CUDASIM_ACCESS_HOOKS

#define CUDASIM_ATOMIC_RMW(BITS, T, NAME, BUILTIN)                       \
  T __tsan_atomic##BITS##_##NAME(volatile T* a, T v, int) { /* NOLINT */ \
    count_rmw(a);                                                        \
    return BUILTIN(a, v, __ATOMIC_SEQ_CST);                              \
  }
#define CUDASIM_ATOMICS(BITS, T)                                                                       \
  T __tsan_atomic##BITS##_load(const volatile T* a, int) { return atomic_load(a); } /* NOLINT */       \
  void __tsan_atomic##BITS##_store(volatile T* a, T v, int) { atomic_store(a, v); } /* NOLINT */       \
  CUDASIM_ATOMIC_RMW(BITS, T, exchange, __atomic_exchange_n)                                           \
  CUDASIM_ATOMIC_RMW(BITS, T, fetch_add, __atomic_fetch_add)                                           \
  CUDASIM_ATOMIC_RMW(BITS, T, fetch_sub, __atomic_fetch_sub)                                           \
  CUDASIM_ATOMIC_RMW(BITS, T, fetch_and, __atomic_fetch_and)                                           \
  CUDASIM_ATOMIC_RMW(BITS, T, fetch_or, __atomic_fetch_or)                                             \
  CUDASIM_ATOMIC_RMW(BITS, T, fetch_xor, __atomic_fetch_xor)                                           \
  CUDASIM_ATOMIC_RMW(BITS, T, fetch_nand, __atomic_fetch_nand)                                         \
  int __tsan_atomic##BITS##_compare_exchange_strong(volatile T* a, T* c, T v, int, int) { /* NOLINT */ \
    return compare_exchange(a, c, v);                                                                  \
  }                                                                                                    \
  int __tsan_atomic##BITS##_compare_exchange_weak(volatile T* a, T* c, T v, int, int) { /* NOLINT */   \
    return compare_exchange(a, c, v);                                                                  \
  }                                                                                                    \
  T __tsan_atomic##BITS##_compare_exchange_val(volatile T* a, T c, T v, int, int) { /* NOLINT */       \
    compare_exchange(a, &c, v);                                                                        \
    return c;                                                                                          \
  }
CUDASIM_ATOMICS(8, std::uint8_t)
CUDASIM_ATOMICS(16, std::uint16_t)
CUDASIM_ATOMICS(32, std::uint32_t)
CUDASIM_ATOMICS(64, std::uint64_t)
#undef CUDASIM_ATOMICS
#undef CUDASIM_ATOMIC_RMW

}  // extern "C"
