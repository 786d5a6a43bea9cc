// module1/tests/test_training.cpp
//
// Task 1.5: SGD, the Linear layer, the network, and training on the four main
// datasets with fixed seeds (the original grades these by hand; here each
// must reach the accuracy the reference reaches, with a margin).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/module.h"
#include "minitorch/operators.h"
#include "minitorch/optim.h"
#include "minitorch/scalar.h"
#include "minitorch/scalar_network.h"

using minitorch::Dataset;
using minitorch::Module;
using minitorch::Scalar;
using minitorch::ScalarLinear;
using minitorch::ScalarNetwork;

namespace {

struct TwoParameters : Module<TwoParameters, Scalar> {
  ParameterPtr a = register_parameter("a", Scalar(1.0));
  ParameterPtr b = register_parameter("b", Scalar(-2.0));
};

// A stand-in for Module 2's Tensor with the API SGD's tensor branch uses.
struct FakeTensor {
  double value = 0.0;
  std::optional<double> gradient;
  bool detached = false;
  std::optional<FakeTensor> grad() const {
    if (!gradient) return std::nullopt;
    return FakeTensor{*gradient, std::nullopt, false};
  }
  void zero_grad_() { gradient.reset(); }
  FakeTensor detach() const { return FakeTensor{value, std::nullopt, true}; }
  friend FakeTensor operator*(double a, const FakeTensor& t) { return FakeTensor{a * t.value, std::nullopt, false}; }
  friend FakeTensor operator+(const FakeTensor& a, const FakeTensor& b) {
    return FakeTensor{a.value + b.value, std::nullopt, a.detached};
  }
};

struct TensorModel : Module<TensorModel, FakeTensor> {
  ParameterPtr w = register_parameter("w", FakeTensor{2.0, 0.5, false});
  ParameterPtr v = register_parameter("v", FakeTensor{1.0, std::nullopt, false});
};

struct Run {
  const char* dataset;
  int hidden;
  double rate;
  int epochs;
  std::vector<std::uint64_t> seeds;
  int at_least;  // of 50 points, on every seed
};

// Trains on 50 points of `run.dataset` once per seed (dataset and weights
// from that seed) and checks each trained model's accuracy. The thresholds
// leave a margin under what the reference reaches on each seed (written
// beside each test), so a correct solution that adds in another order, or
// initialises in another order, still passes.
void expect_training_reaches(const Run& run) {
  for (const std::uint64_t seed : run.seeds) {
    const Dataset data = minitorch::make_dataset(run.dataset, 50, seed);
    minitorch::ScalarTrainOptions options;
    options.hidden = run.hidden;
    options.learning_rate = run.rate;
    options.max_epochs = run.epochs;
    options.seed = seed;
    const minitorch::ScalarTrainResult result = minitorch::train_scalar(data, options);
    ASSERT_EQ(result.losses.size(), static_cast<std::size_t>(run.epochs));
    EXPECT_LT(result.losses.back(), result.losses.front()) << "the loss must go down (seed " << seed << ")";
    EXPECT_GE(result.final_correct, run.at_least)
        << run.dataset << " (hidden " << run.hidden << ", rate " << run.rate << ", " << run.epochs << " epochs, seed "
        << seed << "): " << result.final_correct << "/50 correct, expected at least " << run.at_least
        << ". Check Linear::forward, ScalarNetwork::forward and SGD::step.";
  }
}

}  // namespace

// ---------------------------------------------------------------- Task 1.5

TEST(Task1_5, SgdStepMovesAgainstTheDerivative) {
  TwoParameters model;
  minitorch::SGD<Scalar> optimizer(model.parameters(), 0.1);
  model.a->value.accumulate_derivative(2.0);  // b has no derivative: it stays
  const std::uint64_t old_id = model.a->value.unique_id();
  optimizer.step();
  EXPECT_DOUBLE_EQ(model.a->value.data(), 1.0 - 0.1 * 2.0);
  EXPECT_EQ(model.b->value.data(), -2.0);
  // A fresh leaf that keeps the parameter's name and starts without a derivative.
  EXPECT_NE(model.a->value.unique_id(), old_id);
  EXPECT_TRUE(model.a->value.is_leaf());
  EXPECT_EQ(model.a->value.name(), "a");
  EXPECT_FALSE(model.a->value.derivative().has_value());
  optimizer.step();  // no derivative now: no change
  EXPECT_DOUBLE_EQ(model.a->value.data(), 0.8);
}

TEST(Task1_5, SgdZeroGradThenStep) {
  TwoParameters model;
  minitorch::SGD<Scalar> optimizer(model.parameters(), 0.5);
  model.a->value.accumulate_derivative(1.0);
  model.b->value.accumulate_derivative(-4.0);
  optimizer.step();
  EXPECT_DOUBLE_EQ(model.a->value.data(), 0.5);
  EXPECT_DOUBLE_EQ(model.b->value.data(), 0.0);
  model.a->value.accumulate_derivative(1.0);
  optimizer.zero_grad();
  EXPECT_FALSE(model.a->value.derivative().has_value());
  optimizer.step();
  EXPECT_DOUBLE_EQ(model.a->value.data(), 0.5);
}

TEST(Task1_5, LinearComputesAnAffineMap) {
  minitorch::Random rng(1);
  ScalarLinear layer(3, 2, rng);
  EXPECT_EQ(layer.parameters().size(), 3u * 2u + 2u);
  // out_j = bias_j + sum_i x_i * weight_i_j with weight_i_j = i + 2 j, bias_j = 10 j - 1.
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 2; ++j) {
      layer.parameter("weight_" + std::to_string(i) + "_" + std::to_string(j))->update(Scalar(i + 2.0 * j));
    }
  }
  layer.parameter("bias_0")->update(Scalar(-1.0));
  layer.parameter("bias_1")->update(Scalar(9.0));
  const std::vector<Scalar> out = layer.forward({Scalar(1.0), Scalar(-2.0), Scalar(0.5)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_DOUBLE_EQ(out[0].data(), -1.0 + 1.0 * 0 + -2.0 * 1 + 0.5 * 2);
  EXPECT_DOUBLE_EQ(out[1].data(), 9.0 + 1.0 * 2 + -2.0 * 3 + 0.5 * 4);
  EXPECT_THROW(layer.forward({Scalar(1.0)}), minitorch::ShapeError);
}

TEST(Task1_5, LinearIsDifferentiable) {
  minitorch::Random rng(2);
  ScalarLinear layer(2, 1, rng);
  const Scalar x0(3.0), x1(-1.0);
  layer.forward({x0, x1})[0].backward();
  // d out / d weight_i_0 = x_i, d out / d bias_0 = 1, d out / d x_i = weight_i_0.
  EXPECT_DOUBLE_EQ(*layer.parameter("weight_0_0")->value.derivative(), 3.0);
  EXPECT_DOUBLE_EQ(*layer.parameter("weight_1_0")->value.derivative(), -1.0);
  EXPECT_DOUBLE_EQ(*layer.parameter("bias_0")->value.derivative(), 1.0);
  EXPECT_DOUBLE_EQ(*x0.derivative(), layer.parameter("weight_0_0")->value.data());
}

TEST(Task1_5, NetworkIsThreeLayersWithRelusAndASigmoid) {
  const ScalarNetwork model(3, 7);
  const auto named = model.named_parameters();
  ASSERT_EQ(named.size(), (2u * 3 + 3) + (3u * 3 + 3) + (3u * 1 + 1));
  EXPECT_EQ(named.front().first, "layer1.weight_0_0");
  EXPECT_EQ(named.back().first, "layer3.bias_0");
  // The same computation on doubles, from the parameters.
  const auto value = [&](const std::string& name) { return model.parameter(name)->value.data(); };
  const auto layer = [&](const std::string& prefix, const std::vector<double>& x, int out_size) {
    std::vector<double> y;
    for (int j = 0; j < out_size; ++j) {
      double sum = value(prefix + ".bias_" + std::to_string(j));
      for (std::size_t i = 0; i < x.size(); ++i)
        sum += x[i] * value(prefix + ".weight_" + std::to_string(i) + "_" + std::to_string(j));
      y.push_back(sum);
    }
    return y;
  };
  const auto relu_all = [](std::vector<double> v) {
    for (double& x : v) x = minitorch::operators::relu(x);
    return v;
  };
  for (const auto& [x1, x2] : {std::pair{0.2, 0.9}, std::pair{0.7, 0.1}, std::pair{0.5, 0.5}}) {
    const auto h1 = relu_all(layer("layer1", {x1, x2}, 3));
    const auto h2 = relu_all(layer("layer2", h1, 3));
    const double expected = minitorch::operators::sigmoid(layer("layer3", h2, 1)[0]);
    EXPECT_NEAR(model.predict(x1, x2), expected, 1e-12);
  }
}

// The reference: 50, 50, 50 of 50 on seeds 0, 2, 3.
TEST(Task1_5, TrainSimple) { expect_training_reaches({"simple", 2, 0.5, 500, {0, 2, 3}, 46}); }

// The reference: 50, 50, 50 on seeds 0, 1, 2.
TEST(Task1_5, TrainDiag) { expect_training_reaches({"diag", 2, 0.5, 500, {0, 1, 2}, 46}); }

// The reference: 48, 50 on seeds 2, 4 (hidden 10 costs ~30x hidden 2: two seeds).
TEST(Task1_5, TrainSplit) { expect_training_reaches({"split", 10, 0.5, 500, {2, 4}, 44}); }

// The reference: 49, 50 on seeds 0, 4.
TEST(Task1_5, TrainXor) { expect_training_reaches({"xor", 10, 0.5, 500, {0, 4}, 45}); }

// Every epoch frees the graphs it built: the number of live nodes does not grow.
TEST(Task1_5, TrainingLeavesNoGraphBehind) {
  const std::size_t before = minitorch::detail::live_scalar_nodes();
  std::vector<std::size_t> live;
  {
    const Dataset data = minitorch::make_dataset("xor", 20, 1);
    minitorch::ScalarTrainOptions options;
    options.hidden = 4;
    options.max_epochs = 30;
    const auto result = minitorch::train_scalar(
        data, options, [&](const minitorch::EpochReport&) { live.push_back(minitorch::detail::live_scalar_nodes()); });
    ASSERT_EQ(live.size(), 30u);
    const std::size_t parameters = result.model->parameters().size();
    for (const std::size_t n : live) EXPECT_EQ(n, before + parameters);
  }
  EXPECT_EQ(minitorch::detail::live_scalar_nodes(), before);
}

// ---------------------------------------------------------------- not graded

// SGD's tensor branch (used from Module 2 on) against a stand-in Tensor.
TEST(SgdGeneric, TensorBranchStepsWithDetachedValues) {
  TensorModel model;
  minitorch::SGD<FakeTensor> optimizer(model.parameters(), 0.1);
  optimizer.step();
  EXPECT_DOUBLE_EQ(model.w->value.value, 2.0 - 0.1 * 0.5);
  EXPECT_TRUE(model.w->value.detached);
  EXPECT_EQ(model.v->value.value, 1.0);  // no gradient: unchanged
  EXPECT_FALSE(model.v->value.detached);
  model.v->value.gradient = 3.0;
  optimizer.zero_grad();
  EXPECT_FALSE(model.v->value.gradient.has_value());
}
