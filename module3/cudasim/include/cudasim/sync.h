// module3/cudasim/include/cudasim/sync.h
//
// __syncthreads() and its reducing forms, and the memory fences, for g++.
//
// Every barrier records its call site (file, line and column): threads of a
// block waiting at different __syncthreads() calls are an error, and two calls
// on one line differ only by column. g++ takes the site from
// std::source_location; tools without it (clang 14 with libstdc++ 12) fall back
// to the __builtin_FILE/LINE/COLUMN default arguments.
#pragma once

#include <version>

#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

namespace cudasim::detail {

/// Where a CUDA thread waits: a __syncthreads() call in the kernel's source.
struct BarrierSite {
  const char* file;
  unsigned line;
  unsigned column;
};

/// What a barrier computes over the predicates of the threads it releases.
enum class BarrierReduction { none, count, all, any };

/// Parks the calling CUDA thread at the barrier `site` until every thread of
/// its block has arrived there; returns the `reduction` of the threads'
/// `predicate`s (count: how many are nonzero; all/any: 1 or 0; none: 0).
/// Throws std::logic_error outside a kernel.
int sync_threads(BarrierSite site, BarrierReduction reduction, int predicate);

#if defined(__cpp_lib_source_location)
/// The same with the site as std::source_location, read in the library: the
/// kernel's file then makes no load of it (which the simulator would count as
/// the kernel's memory traffic, cudasim/traffic.h).
int sync_threads(std::source_location site, BarrierReduction reduction, int predicate);
#endif

#if defined(__cpp_lib_source_location)
using SourceLocation = std::source_location;
#define CUDASIM_SITE_PARAMETER ::cudasim::detail::SourceLocation site = ::cudasim::detail::SourceLocation::current()
#define CUDASIM_SITE site
#else
#if defined(__has_builtin) && __has_builtin(__builtin_COLUMN)
#define CUDASIM_BUILTIN_COLUMN __builtin_COLUMN()
#else
#define CUDASIM_BUILTIN_COLUMN 0
#endif
#define CUDASIM_SITE_PARAMETER \
  const char *file = __builtin_FILE(), unsigned line = __builtin_LINE(), unsigned column = CUDASIM_BUILTIN_COLUMN
#define CUDASIM_SITE \
  ::cudasim::detail::BarrierSite { file, line, column }
#endif

}  // namespace cudasim::detail

/// Waits until every thread of the block has reached this call.
inline void __syncthreads(CUDASIM_SITE_PARAMETER) {
  cudasim::detail::sync_threads(CUDASIM_SITE, cudasim::detail::BarrierReduction::none, 0);
}

/// __syncthreads() that returns how many threads passed a nonzero predicate.
inline int __syncthreads_count(int predicate, CUDASIM_SITE_PARAMETER) {
  return cudasim::detail::sync_threads(CUDASIM_SITE, cudasim::detail::BarrierReduction::count, predicate);
}

/// __syncthreads() that returns nonzero iff every thread passed a nonzero predicate.
inline int __syncthreads_and(int predicate, CUDASIM_SITE_PARAMETER) {
  return cudasim::detail::sync_threads(CUDASIM_SITE, cudasim::detail::BarrierReduction::all, predicate);
}

/// __syncthreads() that returns nonzero iff some thread passed a nonzero predicate.
inline int __syncthreads_or(int predicate, CUDASIM_SITE_PARAMETER) {
  return cudasim::detail::sync_threads(CUDASIM_SITE, cudasim::detail::BarrierReduction::any, predicate);
}

#undef CUDASIM_SITE_PARAMETER
#undef CUDASIM_SITE
#undef CUDASIM_BUILTIN_COLUMN

/// Memory fences: no-ops, since the threads of the simulator never run at the
/// same time (a fiber switches only at a barrier or when it returns).
inline void __threadfence() {}
inline void __threadfence_block() {}
inline void __threadfence_system() {}
