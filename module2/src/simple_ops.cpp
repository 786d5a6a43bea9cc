// module2/src/simple_ops.cpp
//
// The simple backend: Task 2.3's kernels (tensor_ops.h) in the backend
// table. This is the one file that includes tensor_ops.h, so an edit of the
// kernels rebuilds this file only.
#include <memory>

#include "minitorch/make_backend.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_ops.h"

#ifdef MINITORCH_WITH_MATMUL
#include "minitorch/matmul.h"
#endif

namespace minitorch {

#ifdef MINITORCH_WITH_MATMUL
// Module 3 is built: the simple backend gains the triple-loop matrix multiply
// (the reference the fast and CUDA ones are checked against). Module 2's
// simple backend has none, so Task 2.5's Linear is written with broadcasting.
namespace {
struct SimpleOpsWithMatmul : SimpleOps {
  void matrix_multiply(OutView out, InView a, InView b) const { simple_matrix_multiply(out, a, b); }
};
}  // namespace
using SimpleBackendOps = SimpleOpsWithMatmul;
#else
using SimpleBackendOps = SimpleOps;
#endif

const TensorBackend& simple_backend() {
  static const TensorBackend backend = make_backend("simple", Device::cpu, std::make_shared<const SimpleBackendOps>());
  return backend;
}

}  // namespace minitorch
