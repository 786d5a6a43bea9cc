// module3/include/minitorch/fast_backend.h
//
// The fast CPU backend as programs and tests see it: its options, its
// default instance and a way to make others. The kernels themselves (Tasks
// 3.1 and 3.2) are in fast_ops.h.
#pragma once

#include <string>

#include "minitorch/tensor_backend.h"

namespace minitorch {

/// How the fast kernels split work. Each backend instance has its own
/// (tests lower grain and chunk to push tiny tensors through the parallel
/// code; two models trained at once do not share them).
struct ParallelOptions {
  /// Loops over fewer output elements than this run serially (matrix
  /// multiply: fewer than 8 * grain multiply-adds).
  int grain = 1 << 15;
  /// Output elements per work item of the general (non-aligned) path.
  int chunk = 1 << 12;
  /// Threads of the parallel loops; 0: fast_threads() when the kernel runs.
  int threads = 0;

  /// The threads a kernel uses now (>= 1).
  int thread_count() const;
};

/// The fast backend ("fast") with the default options.
const TensorBackend& fast_backend();
/// A new fast backend with its own options and storage pool, with what later
/// modules of the build add to it (extend_fast_backend). It must outlive the
/// tensors made on it.
TensorBackend make_fast_backend(ParallelOptions options, std::string name = "fast");
/// Fills the optional operations that later modules give a fast backend made
/// with `options` (from Module 4 on: conv1d and conv2d). Defined by the
/// highest module of the build (its src/backends.cpp; see tensor_backend.h).
void extend_fast_backend(TensorBackend& fast, const ParallelOptions& options);

/// The number of threads the fast kernels use by default (1 without OpenMP).
int fast_threads();
/// Sets the default number of threads of the fast kernels (n >= 1; ignored
/// without OpenMP): the process-wide OpenMP setting.
void set_fast_threads(int n);
/// True when this build has OpenMP.
bool has_openmp();

}  // namespace minitorch
