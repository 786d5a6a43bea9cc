// module3/tests/test_fast_tensor.cpp
//
// Task 3.1: Module 2's tensor suite on the fast backend (the original
// course's test_tensor_general.py with backend "fast"): creation, every
// MathTest function forward and backward on random permuted, gapped and
// expanded tensors, with shared layouts and with broadcasting, reductions
// and their gradients, permute and view. One property per function, e.g.
// Task3_1.OneArg_sig, Task3_1.TwoGradBroadcast_mul2, Task3_1.GradReduce_sum_red.
//
// And every map, zip and reduce of the fast backend's table against the
// simple backend's (Task3_1.Compare_neg_map, ..., Task3_1.Compare_max_reduce)
// on permuted, gapped, expanded and broadcast layouts.
#include "minitorch/fast_backend.h"
#include "support/tensor_suite.h"

namespace {

const bool registered = [] {
  minitorch::testing::register_backend_suites(minitorch::fast_backend(), "Task3_1");
  return true;
}();

}  // namespace
