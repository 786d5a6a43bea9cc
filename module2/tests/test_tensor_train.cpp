// module2/tests/test_tensor_train.cpp
//
// Task 2.5: Linear with broadcasting, the network, and training on the four
// main datasets (fixed seeds: the runs are deterministic). The tests are the
// shared ones of train_suite.h (Task 3.5 runs them on the fast network).
#include <gtest/gtest.h>

#include "minitorch/tensor.h"
#include "minitorch/tensor_network.h"
#include "support/train_suite.h"

namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

// ---------------------------------------------------------------- Task 2.5

const bool registered = t::register_train_suite(
    t::TrainSuite<mt::TensorLinear, mt::TensorNetwork, mt::TensorTrainOptions, mt::TensorTrainResult>{
        .suite = "Task2_5",
        .backend = &mt::simple_backend(),
        .train = &mt::train_tensor,
        .max_size = 3,
        // run_tensor.py's RParam: weights and bias uniform in [-1, 1).
        .check_initialisation =
            [](const mt::Tensor& weights, const mt::Tensor& bias) {
              for (const mt::Tensor& p : {weights, bias}) {
                for (double v : p.to_vector()) {
                  EXPECT_GE(v, -1.0);
                  EXPECT_LT(v, 1.0);
                }
              }
            },
        // Hidden 10, rate 0.5, the whole dataset per step; the reference reaches 50/50 on each.
        .runs = {{"TrainSimple", "simple", 10, 0.5, 500, 45},
                 {"TrainDiag", "diag", 10, 0.5, 500, 45},
                 {"TrainSplit", "split", 10, 0.5, 1000, 45},
                 {"TrainXor", "xor", 10, 0.5, 1000, 45}},
        // ---------------------------------------------------------------- not graded
        .report_suite = "TensorTraining",
        .report_test = "ReportsEveryEpochAndPredictsInBatches",
    });

}  // namespace
