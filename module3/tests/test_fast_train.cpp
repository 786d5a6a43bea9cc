// module3/tests/test_fast_train.cpp
//
// Task 3.5: FastLinear with matmul, the network, and training in
// mini-batches on the fast backend with fixed seeds (the runs are
// deterministic: the same numbers on 1 or 2 threads).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#include "minitorch/tensor.h"
#include "support/close.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

const mt::TensorBackend& fast() { return mt::fast_backend(); }

// out[b, j] = bias[j] + sum_i x[b, i] * w[i, j], with plain loops.
std::vector<double> linear_by_loops(const Tensor& x, const Tensor& w, const Tensor& bias) {
  const int batch = x.shape()[0], in = w.shape()[0], out = w.shape()[1];
  std::vector<double> result;
  for (int b = 0; b < batch; ++b) {
    for (int j = 0; j < out; ++j) {
      double sum = bias({j});
      for (int i = 0; i < in; ++i) sum += x({b, i}) * w({i, j});
      result.push_back(sum);
    }
  }
  return result;
}

struct TrainCase {
  const char* dataset;
  int hidden;
  double rate;
  int epochs;
  int at_least;  // correct points (of 50) required
};

void expect_trains(const TrainCase& c) {
  const mt::Dataset data = mt::make_dataset(c.dataset, 50, 0);
  mt::FastTrainOptions options;
  options.hidden = c.hidden;
  options.learning_rate = c.rate;
  options.max_epochs = c.epochs;
  options.seed = 0;
  const mt::FastTrainResult result = mt::train_fast(data, options);
  ASSERT_EQ(static_cast<int>(result.losses.size()), c.epochs);
  EXPECT_EQ(&result.model->backend(), &fast());
  EXPECT_GE(result.final_correct, c.at_least) << c.dataset << ": the reference classifies 50/50 with these settings";
  EXPECT_LT(result.losses.back(), result.losses.front() / 2) << c.dataset << ": the loss should fall";
}

}  // namespace

// ---------------------------------------------------------------- Task 3.5

TEST(Task3_5, LinearForwardMatchesLoops) {
  mt::Random rng(4);
  const mt::FastLinear linear(3, 2, rng, fast());
  const Tensor w = linear.parameter("weights")->value;
  const Tensor bias = linear.parameter("bias")->value;
  EXPECT_EQ(w.shape(), (Shape{3, 2}));
  EXPECT_EQ(bias.to_vector(), (std::vector<double>{0.1, 0.1}));
  for (double v : w.to_vector()) {
    EXPECT_GE(v, -0.5);
    EXPECT_LT(v, 0.5);
  }
  const Tensor x = mt::tensor({{1.0, 2.0, 3.0}, {-1.0, 0.5, 0.0}, {0.0, 0.0, 0.0}, {4.0, -2.0, 1.0}}, fast());
  const Tensor out = linear.forward(x);
  ASSERT_EQ(out.shape(), (Shape{4, 2}));
  EXPECT_EQ(&out.backend(), &fast());
  const std::vector<double> expected = linear_by_loops(x, w, bias);
  const std::vector<double> got = out.to_vector();
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-12) << "element " << i;
}

TEST(Task3_5, NetworkLayersAndOutput) {
  const mt::FastNetwork model(5, 1, fast());
  std::vector<std::string> names;
  for (const auto& [name, p] : model.named_parameters()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"layer1.weights", "layer1.bias", "layer2.weights", "layer2.bias",
                                             "layer3.weights", "layer3.bias"}));
  const Tensor out = model.forward(mt::rand({7, 2}, 3, fast()));
  ASSERT_EQ(out.shape(), (Shape{7, 1}));
  for (double p : out.to_vector()) {
    EXPECT_GT(p, 0.0);
    EXPECT_LT(p, 1.0);
  }
  const std::vector<double> p = mt::predict(model, {{0.1, 0.2}, {0.9, 0.3}});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_NEAR(p[0], model.forward(mt::tensor({{0.1, 0.2}}, fast())).item(), 1e-12);
}

// Gradients flow through Linear to the input and to both parameters.
RC_GTEST_PROP(Task3_5, LinearGradCheck, ()) {
  mt::Random rng(*rc::gen::inRange(0, 1000));
  const int in = *rc::gen::inRange(1, 5), out = *rc::gen::inRange(1, 5), batch = *rc::gen::inRange(1, 5);
  const mt::FastLinear linear(in, out, rng, fast());
  const Tensor x = *t::tensors({batch, in}, t::small_floats(), fast());
  t::grad_check([&linear](const Tensor& a) { return linear.forward(a); }, x);
  const Tensor w = linear.parameter("weights")->value;
  const Tensor bias = linear.parameter("bias")->value;
  w.zero_grad_();
  bias.zero_grad_();
  linear.forward(x).sum().backward();
  RC_ASSERT(w.grad().has_value());
  RC_ASSERT(bias.grad().has_value());
  RC_ASSERT(w.grad()->shape() == w.shape());
  for (int i = 0; i < in; ++i) {
    for (int j = 0; j < out; ++j) {
      double expected = 0.0;  // d sum(out) / d w[i, j] = sum_b x[b, i]
      for (int b = 0; b < batch; ++b) expected += x({b, i});
      MT_RC_ASSERT_CLOSE((*w.grad())({i, j}), expected);
    }
    // d sum(out) / d bias[j] = batch
  }
  for (double g : bias.grad()->to_vector()) RC_ASSERT(g == static_cast<double>(batch));
}

// Hidden 10, rate 0.05, batches of 10 (run_fast_tensor.py's defaults); the
// reference reaches 50/50 on each.
TEST(Task3_5, TrainSimple) { expect_trains({"simple", 10, 0.05, 300, 48}); }
TEST(Task3_5, TrainSplit) { expect_trains({"split", 10, 0.05, 500, 47}); }
TEST(Task3_5, TrainXor) { expect_trains({"xor", 10, 0.05, 1000, 47}); }

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

TEST(FastTraining, ReportsEveryEpoch) {
  const mt::Dataset data = mt::make_dataset("simple", 23, 2);
  mt::FastTrainOptions options;
  options.max_epochs = 4;
  options.batch = 10;  // 23 points: batches of 10, 10 and 3
  int calls = 0;
  const mt::FastTrainResult result = mt::train_fast(data, options, [&](const mt::FastEpochReport& r) {
    ++calls;
    EXPECT_EQ(r.epoch, calls);
    EXPECT_EQ(r.total, 23);
    EXPECT_GT(r.loss, 0.0);
  });
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(result.final_correct, mt::count_correct(*result.model, data));
  EXPECT_THROW(mt::FastLinear(2, 3, *std::make_unique<mt::Random>(1), fast()).forward(mt::zeros({4, 3}, fast())),
               mt::ShapeError);
}
