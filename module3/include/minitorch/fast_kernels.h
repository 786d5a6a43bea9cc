// module3/include/minitorch/fast_kernels.h
//
// The fast CPU kernels (Tasks 3.1 and 3.2) as the backend and the tests call
// them: declarations only. Their bodies are in fast_ops.h (the task's file),
// which only fast_ops.cpp includes; it compiles each kernel once for every
// element function of elementwise.h (the backend's finite set) and for
// ThreadProbe below. So an edit of fast_ops.h recompiles one file, and the
// element function still inlines into each kernel's loop.
#pragma once

#include <atomic>
#include <cstdint>

#include "minitorch/elementwise.h"
#include "minitorch/fast_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {

/// Task 3.1: parallel tensor_map (fast_ops.h has the contract).
template <typename Fn>
void fast_map(Fn fn, OutView out, InView in, const ParallelOptions& opt);
/// Task 3.1: parallel tensor_zip.
template <typename Fn>
void fast_zip(Fn fn, OutView out, InView a, InView b, const ParallelOptions& opt);
/// Task 3.1: parallel tensor_reduce (out holds the start value).
template <typename Fn>
void fast_reduce(Fn fn, OutView out, InView a, int reduce_dim, const ParallelOptions& opt);
/// Task 3.2: batched, broadcasting matrix multiply.
void fast_matrix_multiply(OutView out, InView a, InView b, const ParallelOptions& opt);

/// Which threads called a ThreadProbe: bit t of `seen` for OpenMP thread t
/// (threads 64 and up share bit 63).
struct ThreadRecord {
  std::atomic<std::uint64_t> seen{0};
  /// A probe call that finds fewer than `wait_for` threads seen waits (up
  /// to `patience_ms`; once one wait runs out, no call waits again) for more to arrive:
  /// a parallel loop whose first thread would otherwise finish every chunk
  /// before the second one starts still shows both.
  int wait_for = 1;
  int patience_ms = 2000;
  std::atomic<bool> gave_up{false};

  /// How many different threads were seen.
  int threads_seen() const;
};

/// An element function that records which OpenMP threads call it: the
/// identity (x; for two arguments, x + y) that marks the calling thread in
/// its ThreadRecord. What proves that a kernel runs in parallel (Task 3.1's
/// tests).
struct ThreadProbe {
  ThreadRecord* record;
  double operator()(double x) const;
  double operator()(double x, double y) const;
};

// The instantiations fast_ops.cpp compiles: every element function of the
// backend table for map and zip, the reductions the table has, and the probe.
// clang-format off
#define MINITORCH_FAST_MAP_FUNCTIONS(X) \
  X(elementwise::Neg) X(elementwise::Sigmoid) X(elementwise::Relu) X(elementwise::Log) \
  X(elementwise::Exp) X(elementwise::Id) X(elementwise::Inv) X(ThreadProbe)
#define MINITORCH_FAST_ZIP_FUNCTIONS(X) \
  X(elementwise::Add) X(elementwise::Mul) X(elementwise::Max) X(elementwise::Lt) X(elementwise::Eq) \
  X(elementwise::IsClose) X(elementwise::ReluBack) X(elementwise::LogBack) X(elementwise::InvBack) X(ThreadProbe)
#define MINITORCH_FAST_REDUCE_FUNCTIONS(X) \
  X(elementwise::Add) X(elementwise::Mul) X(elementwise::Max) X(ThreadProbe)

#define MINITORCH_FAST_EXTERN_MAP(Fn) extern template void fast_map<Fn>(Fn, OutView, InView, const ParallelOptions&);
#define MINITORCH_FAST_EXTERN_ZIP(Fn) extern template void fast_zip<Fn>(Fn, OutView, InView, InView, const ParallelOptions&);
#define MINITORCH_FAST_EXTERN_REDUCE(Fn) extern template void fast_reduce<Fn>(Fn, OutView, InView, int, const ParallelOptions&);
MINITORCH_FAST_MAP_FUNCTIONS(MINITORCH_FAST_EXTERN_MAP)
MINITORCH_FAST_ZIP_FUNCTIONS(MINITORCH_FAST_EXTERN_ZIP)
MINITORCH_FAST_REDUCE_FUNCTIONS(MINITORCH_FAST_EXTERN_REDUCE)
#undef MINITORCH_FAST_EXTERN_MAP
#undef MINITORCH_FAST_EXTERN_ZIP
#undef MINITORCH_FAST_EXTERN_REDUCE
// clang-format on

}  // namespace minitorch
