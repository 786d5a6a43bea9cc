// module2/tests/support/tensor_suite.h
//
// The tensor test suite of the course (test_tensor_general.py), written once
// and registered for any backend: Module 2 registers it for the simple
// backend (Task2_3 forwards, Task2_4 gradients), Module 3 for the fast one
// (Task3_1), a device backend for itself (e.g. Task3_3) with one call each:
//
//   const bool registered = [] {
//     minitorch::testing::register_backend_suites(minitorch::fast_backend(), "Task3_1");
//     return true;
//   }();
//
// Tests are registered with gtest's RegisterTest (one test per MathTest
// function, so a failure names it), so call these before RUN_ALL_TESTS:
// from a static initialiser, as above.
#pragma once

#include <string>

#include "minitorch/tensor_backend.h"

namespace minitorch::testing {

/// Registers the tensor property suite for `backend`. In `ops_suite`
/// (forwards): OneArg_<f>, TwoArg_<f>, TwoArgBroadcast_<f>, Reduce_<f> for
/// every MathTest function f, Create, ReduceForward, ReduceEveryDim. In
/// `grad_suite` (backwards): OneDerivative_<f>, TwoGrad_<f>,
/// TwoGradBroadcast_<f>, GradReduce_<f>, Permute, BackView,
/// BackwardUsesGradOutput. The inputs are stored in random permuted, gapped
/// and expanded (stride 0) layouts; values are small floats with tiny
/// magnitudes and values next to the functions' kinks mixed in; gradients
/// are checked with a non-uniform upstream gradient (grad_check.h).
void register_tensor_suite(const TensorBackend& backend, const std::string& ops_suite, const std::string& grad_suite);

/// Registers, in `suite`, one property per map, zip and reduce of the
/// backend table (Compare_neg_map, ..., Compare_add_zip, ...,
/// Compare_max_reduce) that runs it against the simple backend's on random
/// shapes: inputs permuted, gapped, expanded (stride 0) and broadcast,
/// outputs permuted or gapped (non-contiguous, never dense), sometimes all
/// in one layout (a kernel's aligned fast path), reductions over every
/// dimension. Results must agree to 1e-9 (relative), and a kernel must not
/// write into the gaps of its output.
void register_backend_comparison(const TensorBackend& backend, const std::string& suite);

/// Both for a backend other than simple, in one suite: register_tensor_suite
/// (forwards and backwards) and register_backend_comparison.
void register_backend_suites(const TensorBackend& backend, const std::string& suite);

}  // namespace minitorch::testing
