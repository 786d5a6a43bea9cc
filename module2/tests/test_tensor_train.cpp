// module2/tests/test_tensor_train.cpp
//
// Task 2.5: Linear with broadcasting, the network, and training on the four
// main datasets (fixed seeds: the runs are deterministic).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_network.h"
#include "support/grad_check.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;
namespace t = minitorch::testing;

namespace {

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
  int epochs;
};

void expect_trains(const TrainCase& c) {
  const mt::Dataset data = mt::make_dataset(c.dataset, 50, 0);
  mt::TensorTrainOptions options;
  options.hidden = 10;
  options.learning_rate = 0.5;
  options.max_epochs = c.epochs;
  options.seed = 0;
  const mt::TensorTrainResult result = mt::train_tensor(data, options);
  ASSERT_EQ(static_cast<int>(result.losses.size()), c.epochs);
  EXPECT_GE(result.final_correct, 45) << c.dataset << ": the reference classifies 50/50 with these settings";
  EXPECT_LT(result.losses.back(), result.losses.front() / 2) << c.dataset << ": the loss should fall";
}

}  // namespace

// ---------------------------------------------------------------- Task 2.5

TEST(Task2_5, LinearForwardMatchesLoops) {
  mt::Random rng(4);
  const mt::TensorLinear linear(3, 2, rng);
  const Tensor w = linear.parameter("weights")->value;
  const Tensor bias = linear.parameter("bias")->value;
  EXPECT_EQ(w.shape(), (Shape{3, 2}));
  EXPECT_EQ(bias.shape(), (Shape{2}));
  const Tensor x = mt::tensor({{1.0, 2.0, 3.0}, {-1.0, 0.5, 0.0}, {0.0, 0.0, 0.0}, {4.0, -2.0, 1.0}});
  const Tensor out = linear.forward(x);
  ASSERT_EQ(out.shape(), (Shape{4, 2}));
  const std::vector<double> expected = linear_by_loops(x, w, bias);
  const std::vector<double> got = out.to_vector();
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-12) << "element " << i;
}

TEST(Task2_5, NetworkLayersAndOutput) {
  const mt::TensorNetwork model(5, 1);
  std::vector<std::string> names;
  for (const auto& [name, p] : model.named_parameters()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"layer1.weights", "layer1.bias", "layer2.weights", "layer2.bias",
                                             "layer3.weights", "layer3.bias"}));
  EXPECT_EQ(model.parameter("layer1.weights")->value.shape(), (Shape{2, 5}));
  EXPECT_EQ(model.parameter("layer2.weights")->value.shape(), (Shape{5, 5}));
  EXPECT_EQ(model.parameter("layer3.weights")->value.shape(), (Shape{5, 1}));
  const Tensor out = model.forward(mt::rand({7, 2}, 3));
  ASSERT_EQ(out.shape(), (Shape{7, 1}));
  for (double p : out.to_vector()) {
    EXPECT_GT(p, 0.0);
    EXPECT_LT(p, 1.0);
  }
}

// Gradients flow through Linear to the input and to both parameters.
RC_GTEST_PROP(Task2_5, LinearGradCheck, ()) {
  mt::Random rng(*rc::gen::inRange(0, 1000));
  const int in = *rc::gen::inRange(1, 4), out = *rc::gen::inRange(1, 4), batch = *rc::gen::inRange(1, 4);
  const mt::TensorLinear linear(in, out, rng);
  const Tensor x = *t::tensors({batch, in});
  t::grad_check([&linear](const Tensor& a) { return linear.forward(a); }, x);
  const Tensor w = linear.parameter("weights")->value;
  w.zero_grad_();
  linear.forward(x).sum().backward();
  RC_ASSERT(w.grad().has_value());
  RC_ASSERT(w.grad()->shape() == w.shape());
  for (int i = 0; i < in; ++i) {
    for (int j = 0; j < out; ++j) {
      double expected = 0.0;  // d sum(out) / d w[i, j] = sum_b x[b, i]
      for (int b = 0; b < batch; ++b) expected += x({b, i});
      MT_RC_ASSERT_CLOSE((*w.grad())({i, j}), expected);
    }
  }
}

TEST(Task2_5, TrainSimple) { expect_trains({"simple", 500}); }
TEST(Task2_5, TrainDiag) { expect_trains({"diag", 500}); }
TEST(Task2_5, TrainSplit) { expect_trains({"split", 1000}); }
TEST(Task2_5, TrainXor) { expect_trains({"xor", 1000}); }

// ---------------------------------------------------------------- not graded

TEST(TensorTraining, ReportsEveryEpochAndPredictsInBatches) {
  const mt::Dataset data = mt::make_dataset("simple", 20, 2);
  mt::TensorTrainOptions options;
  options.max_epochs = 12;
  int calls = 0;
  const mt::TensorTrainResult result = mt::train_tensor(data, options, [&](const mt::TensorEpochReport& r) {
    ++calls;
    EXPECT_EQ(r.epoch, calls);
    EXPECT_EQ(r.max_epochs, 12);
    EXPECT_EQ(r.total, 20);
    EXPECT_GE(r.correct, 0);
    EXPECT_LE(r.correct, 20);
    EXPECT_GT(r.loss, 0.0);
  });
  EXPECT_EQ(calls, 12);
  const std::vector<double> p = mt::predict(*result.model, data.X);
  ASSERT_EQ(p.size(), 20u);
  int correct = 0;
  for (std::size_t i = 0; i < p.size(); ++i) correct += (p[i] > 0.5) == (data.y[i] == 1);
  EXPECT_EQ(correct, mt::count_correct(*result.model, data));
  EXPECT_EQ(result.final_correct, correct);
}
