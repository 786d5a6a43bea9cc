// module3/tests/test_fast_train.cpp
//
// Task 3.5: FastLinear with matmul, the network, and training in
// mini-batches on the fast backend with fixed seeds (the runs are
// deterministic: the same numbers on 1 or 2 threads).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#include "minitorch/tensor.h"
#include "support/train_suite.h"

using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

const mt::TensorBackend& fast() { return mt::fast_backend(); }

// ---------------------------------------------------------------- Task 3.5

const bool registered =
    t::register_train_suite(t::TrainSuite<mt::FastLinear, mt::FastNetwork, mt::FastTrainOptions, mt::FastTrainResult>{
        .suite = "Task3_5",
        .backend = &fast(),
        .train = &mt::train_fast,
        .max_size = 4,
        // run_fast_tensor.py: weights uniform in [-0.5, 0.5), bias 0.1.
        .check_initialisation =
            [](const Tensor& weights, const Tensor& bias) {
              EXPECT_EQ(bias.to_vector(), (std::vector<double>{0.1, 0.1}));
              for (double v : weights.to_vector()) {
                EXPECT_GE(v, -0.5);
                EXPECT_LT(v, 0.5);
              }
            },
        // Hidden 10, rate 0.05, batches of 10 (run_fast_tensor.py's defaults); the
        // reference reaches 50/50 on each.
        .runs = {{"TrainSimple", "simple", 10, 0.05, 300, 48},
                 {"TrainSplit", "split", 10, 0.05, 500, 47},
                 {"TrainXor", "xor", 10, 0.05, 1000, 47}},
        .report_suite = "FastTraining",
        .report_test = "ReportsEveryEpoch",
    });

}  // namespace

// ---------------------------------------------------------------- not graded

// The same run on the simple backend gives the same model (up to rounding:
// the fast matmul sums in another order).
TEST(FastTraining, SimpleAndFastBackendsAgree) {
  const mt::Dataset data = mt::make_dataset("split", 20, 3);
  mt::FastTrainOptions options;
  options.max_epochs = 5;
  options.hidden = 7;
  const mt::FastTrainResult fast_run = mt::train_fast(data, options);
  options.backend = &mt::simple_backend();
  const mt::FastTrainResult simple_run = mt::train_fast(data, options);
  ASSERT_EQ(fast_run.losses.size(), simple_run.losses.size());
  for (std::size_t i = 0; i < fast_run.losses.size(); ++i) {
    EXPECT_NEAR(fast_run.losses[i], simple_run.losses[i], 1e-9) << "epoch " << i + 1;
  }
}
