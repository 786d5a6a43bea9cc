// module3/cudasim/include/cudasim/atomics.h
//
// CUDA's atomic functions for g++. Each returns the old value, as CUDA's do.
// Plain read-modify-write is atomic here: the simulator's threads are fibers
// of one OS thread that switch only at a barrier or when they return, and
// launches are serialised.
#pragma once

namespace cudasim::detail {

/// Nonzero while an atomic operation runs: the race check of the simulator
/// (src/shared_hazards.h) leaves its read-modify-write alone.
inline thread_local int atomic_depth = 0;

/// Marks the accesses of its scope as an atomic's. (The empty asm statements
/// keep the compiler from dropping the count around accesses it cannot see
/// being observed: the race check's hooks are added after optimization.)
struct AtomicSection {
  AtomicSection() {
    ++atomic_depth;
    asm volatile("" ::: "memory");
  }
  ~AtomicSection() {
    asm volatile("" ::: "memory");
    --atomic_depth;
  }
  AtomicSection(const AtomicSection&) = delete;
  AtomicSection& operator=(const AtomicSection&) = delete;
};

}  // namespace cudasim::detail

namespace cudasim::atomics {

/// *address += value; returns the old *address.
template <class T>
inline T atomic_add(T* address, T value) {
  const detail::AtomicSection atomic;
  const T old = *address;
  *address = old + value;
  return old;
}

/// *address = max(*address, value); returns the old *address.
template <class T>
inline T atomic_max(T* address, T value) {
  const detail::AtomicSection atomic;
  const T old = *address;
  *address = old < value ? value : old;
  return old;
}

/// *address = min(*address, value); returns the old *address.
template <class T>
inline T atomic_min(T* address, T value) {
  const detail::AtomicSection atomic;
  const T old = *address;
  *address = value < old ? value : old;
  return old;
}

/// *address = value; returns the old *address.
template <class T>
inline T atomic_exch(T* address, T value) {
  const detail::AtomicSection atomic;
  const T old = *address;
  *address = value;
  return old;
}

/// *address = (*address == compare ? value : *address); returns the old *address.
template <class T>
inline T atomic_cas(T* address, T compare, T value) {
  const detail::AtomicSection atomic;
  const T old = *address;
  *address = old == compare ? value : old;
  return old;
}

}  // namespace cudasim::atomics

inline int atomicAdd(int* a, int v) { return cudasim::atomics::atomic_add(a, v); }
inline unsigned int atomicAdd(unsigned int* a, unsigned int v) { return cudasim::atomics::atomic_add(a, v); }
inline unsigned long long atomicAdd(unsigned long long* a, unsigned long long v) {
  return cudasim::atomics::atomic_add(a, v);
}
inline float atomicAdd(float* a, float v) { return cudasim::atomics::atomic_add(a, v); }
inline double atomicAdd(double* a, double v) { return cudasim::atomics::atomic_add(a, v); }
inline int atomicSub(int* a, int v) { return cudasim::atomics::atomic_add(a, -v); }
inline int atomicMax(int* a, int v) { return cudasim::atomics::atomic_max(a, v); }
inline unsigned int atomicMax(unsigned int* a, unsigned int v) { return cudasim::atomics::atomic_max(a, v); }
inline int atomicMin(int* a, int v) { return cudasim::atomics::atomic_min(a, v); }
inline unsigned int atomicMin(unsigned int* a, unsigned int v) { return cudasim::atomics::atomic_min(a, v); }
inline int atomicExch(int* a, int v) { return cudasim::atomics::atomic_exch(a, v); }
inline unsigned int atomicExch(unsigned int* a, unsigned int v) { return cudasim::atomics::atomic_exch(a, v); }
inline float atomicExch(float* a, float v) { return cudasim::atomics::atomic_exch(a, v); }
inline int atomicCAS(int* a, int c, int v) { return cudasim::atomics::atomic_cas(a, c, v); }
inline unsigned int atomicCAS(unsigned int* a, unsigned int c, unsigned int v) {
  return cudasim::atomics::atomic_cas(a, c, v);
}
inline unsigned long long atomicCAS(unsigned long long* a, unsigned long long c, unsigned long long v) {
  return cudasim::atomics::atomic_cas(a, c, v);
}
