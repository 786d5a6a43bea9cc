// module2/tests/support/train_suite.h
//
// The tests of a tensor network and its training, shared by Task 2.5
// (TensorLinear, TensorNetwork, train_tensor on the simple backend) and
// Task 3.5 (FastLinear, FastNetwork, train_fast on the fast backend): one
// registration function takes the types, the backend, the suite name and the
// training runs, and registers
//
//   <suite>.LinearForwardMatchesLoops   Linear against plain loops, shapes, backend
//   <suite>.NetworkLayersAndOutput      three layers, probabilities, predict in batches
//   <suite>.LinearGradCheck             gradients to the input and both parameters (RapidCheck)
//   <suite>.Train<Dataset>              fixed-seed training runs reaching an accuracy
//   <report_suite>.<report_test>        (not graded) on_epoch is called once per epoch
//
// at static initialisation, before main (GoogleTest's RegisterTest).
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/random.h"
#include "minitorch/tensor.h"
#include "minitorch/training.h"
#include "support/grad_check.h"
#include "support/register_property.h"
#include "support/tensor_generators.h"

namespace minitorch::testing {

/// One fixed-seed training run of 50 points that must reach `at_least` correct.
struct TrainRun {
  std::string test;  // "TrainXor"
  std::string dataset;
  int hidden;
  double rate;
  int epochs;
  int at_least;
};

template <class Linear, class Network, class Options, class Result>
struct TrainSuite {
  std::string suite;  // "Task2_5": the gtest suite, which grades the task
  const TensorBackend* backend = nullptr;
  Result (*train)(const Dataset&, const Options&, const OnEpoch&) = nullptr;
  int max_size = 3;  // LinearGradCheck: sizes 1 .. max_size
  /// Extra checks of a fresh layer's weights (in, out) and bias (out): their initialisation.
  std::function<void(const Tensor& weights, const Tensor& bias)> check_initialisation;
  std::vector<TrainRun> runs;
  std::string report_suite;  // the not-graded test of on_epoch
  std::string report_test;
};

namespace detail {

using minitorch::testing::register_test;

// out[b, j] = bias[j] + sum_i x[b, i] * w[i, j], with plain loops.
inline std::vector<double> linear_by_loops(const Tensor& x, const Tensor& w, const Tensor& bias) {
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

// The three-layer network of the course by hand: sigmoid(relu(relu(x W1 +
// b1) W2 + b2) W3 + b3), with `relu1`/`relu2` off to leave a relu out (what
// the test below shows its data can tell apart).
inline std::vector<double> network_by_loops(const Tensor& x, const std::vector<std::pair<Tensor, Tensor>>& layers,
                                            bool relu1 = true, bool relu2 = true) {
  std::vector<double> h = x.to_vector();
  int width = x.shape()[1];
  const int batch = x.shape()[0];
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Tensor input = tensor(h, {batch, width}, x.backend());
    h = linear_by_loops(input, layers[l].first, layers[l].second);
    width = layers[l].first.shape()[1];
    const bool relu = (l == 0 && relu1) || (l == 1 && relu2);
    for (double& v : h) {
      if (l + 1 == layers.size()) {
        v = 1.0 / (1.0 + std::exp(-v));
      } else if (relu) {
        v = std::max(v, 0.0);
      }
    }
  }
  return h;
}

// Weights with both signs, different at every position (the network must
// read each one from its place).
inline Tensor signed_values(const Shape& shape, double phase, const TensorBackend& backend) {
  std::vector<double> values(static_cast<std::size_t>(shape_size(shape)));
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = std::sin(1.7 * static_cast<double>(i) + phase);
  return tensor(values, shape, backend);
}

}  // namespace detail

/// Registers the tests of `s` (see the top of this file). Returns true, so
/// that a test file can call it in a namespace-scope initialiser.
template <class Linear, class Network, class Options, class Result>
bool register_train_suite(const TrainSuite<Linear, Network, Options, Result>& s) {
  const TensorBackend& backend = *s.backend;

  detail::register_test(s.suite, "LinearForwardMatchesLoops", [s, &backend] {
    Random rng(4);
    const Linear linear(3, 2, rng, backend);
    const Tensor w = linear.parameter("weights")->value;
    const Tensor bias = linear.parameter("bias")->value;
    EXPECT_EQ(w.shape(), (Shape{3, 2}));
    EXPECT_EQ(bias.shape(), (Shape{2}));
    if (s.check_initialisation) s.check_initialisation(w, bias);
    const Tensor x = tensor({{1.0, 2.0, 3.0}, {-1.0, 0.5, 0.0}, {0.0, 0.0, 0.0}, {4.0, -2.0, 1.0}}, backend);
    const Tensor out = linear.forward(x);
    ASSERT_EQ(out.shape(), (Shape{4, 2}));
    EXPECT_EQ(&out.backend(), &backend);
    const std::vector<double> expected = detail::linear_by_loops(x, w, bias);
    const std::vector<double> got = out.to_vector();
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-12) << "element " << i;
    EXPECT_THROW(linear.forward(zeros({4, 2}, backend)), ShapeError);  // 2 inputs, not 3
  });

  detail::register_test(s.suite, "NetworkLayersAndOutput", [&backend] {
    const Network model(5, 1, backend);
    std::vector<std::string> names;
    for (const auto& [name, p] : model.named_parameters()) names.push_back(name);
    EXPECT_EQ(names, (std::vector<std::string>{"layer1.weights", "layer1.bias", "layer2.weights", "layer2.bias",
                                               "layer3.weights", "layer3.bias"}));
    EXPECT_EQ(model.parameter("layer1.weights")->value.shape(), (Shape{2, 5}));
    EXPECT_EQ(model.parameter("layer2.weights")->value.shape(), (Shape{5, 5}));
    EXPECT_EQ(model.parameter("layer3.weights")->value.shape(), (Shape{5, 1}));
    const Tensor out = model.forward(rand({7, 2}, 3, backend));
    ASSERT_EQ(out.shape(), (Shape{7, 1}));
    for (double p : out.to_vector()) {
      EXPECT_GT(p, 0.0);
      EXPECT_LT(p, 1.0);
    }
    const std::vector<double> p = predict(model, {{0.1, 0.2}, {0.9, 0.3}});
    ASSERT_EQ(p.size(), 2u);
    EXPECT_NEAR(p[0], model.forward(tensor({{0.1, 0.2}}, backend)).item(), 1e-12);
  });

  // The network's output with given weights against the course's formula by
  // hand: a missing or extra relu, a sigmoid in the wrong place, layers in
  // the wrong order or a transposed weight give other numbers.
  detail::register_test(s.suite, "NetworkForwardMatchesLoops", [&backend] {
    Network model(4, 1, backend);
    std::vector<std::pair<Tensor, Tensor>> layers;
    double phase = 0.0;
    for (const std::string layer : {"layer1", "layer2", "layer3"}) {
      const auto w = model.parameter(layer + ".weights"), b = model.parameter(layer + ".bias");
      w->update(detail::signed_values(w->value.shape(), phase += 0.5, backend));
      b->update(detail::signed_values(b->value.shape(), phase += 0.5, backend));
      layers.emplace_back(w->value, b->value);
    }
    const Tensor x = detail::signed_values({6, 2}, 0.25, backend);
    const std::vector<double> expected = detail::network_by_loops(x, layers);
    // The data tells a network without one of its relus apart.
    ASSERT_NE(detail::network_by_loops(x, layers, false, true), expected);
    ASSERT_NE(detail::network_by_loops(x, layers, true, false), expected);
    const Tensor out = model.forward(x);
    ASSERT_EQ(out.shape(), (Shape{6, 1}));
    const std::vector<double> got = out.to_vector();
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_NEAR(got[i], expected[i], 1e-12)
          << "point " << i << ": expected sigmoid(relu(relu(x W1 + b1) W2 + b2) W3 + b3)";
    }
  });

  // Gradients flow through Linear to the input and to both parameters.
  detail::register_test(s.suite, "LinearGradCheck", [max_size = s.max_size, &backend] {
    check_property([max_size, &backend] {
      Random rng(*rc::gen::inRange(0, 1000));
      const int in = *rc::gen::inRange(1, max_size + 1), out = *rc::gen::inRange(1, max_size + 1);
      const int batch = *rc::gen::inRange(1, max_size + 1);
      const Linear linear(in, out, rng, backend);
      const Tensor x = *tensors({batch, in}, small_floats(), backend);
      grad_check([&linear](const Tensor& a) { return linear.forward(a); }, x);
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
      }
      // d sum(out) / d bias[j] = batch
      for (double g : bias.grad()->to_vector()) RC_ASSERT(g == static_cast<double>(batch));
    });
  });

  for (const TrainRun& run : s.runs) {
    detail::register_test(s.suite, run.test, [run, train = s.train, &backend] {
      const Dataset data = make_dataset(run.dataset, 50, 0);
      Options options;
      options.hidden = run.hidden;
      options.learning_rate = run.rate;
      options.max_epochs = run.epochs;
      options.seed = 0;
      options.backend = &backend;
      const Result result = train(data, options, {});
      ASSERT_EQ(static_cast<int>(result.losses.size()), run.epochs);
      EXPECT_EQ(&result.model->backend(), &backend);
      EXPECT_GE(result.final_correct, run.at_least)
          << run.dataset << " (hidden " << run.hidden << ", rate " << run.rate << ", " << run.epochs
          << " epochs): " << result.final_correct << "/50 correct; the reference classifies 50/50 with these settings";
      EXPECT_LT(result.losses.back(), result.losses.front() / 2) << run.dataset << ": the loss should fall";
    });
  }

  // Not graded: on_epoch sees every epoch, and the final count is the last epoch's.
  detail::register_test(s.report_suite, s.report_test, [train = s.train, &backend] {
    const Dataset data = make_dataset("simple", 23, 2);
    Options options;
    options.max_epochs = 4;
    options.backend = &backend;
    int calls = 0;
    const Result result = train(data, options, [&](const EpochReport& r) {
      ++calls;
      EXPECT_EQ(r.epoch, calls);
      EXPECT_EQ(r.max_epochs, 4);
      EXPECT_EQ(r.total, 23);
      EXPECT_GE(r.correct, 0);
      EXPECT_LE(r.correct, 23);
      EXPECT_GT(r.loss, 0.0);
    });
    EXPECT_EQ(calls, 4);
    const std::vector<double> p = predict(*result.model, data.X);
    ASSERT_EQ(p.size(), 23u);
    int correct = 0;
    for (std::size_t i = 0; i < p.size(); ++i) correct += (p[i] > 0.5) == (data.y[i] == 1);
    EXPECT_EQ(correct, count_correct(*result.model, data));
    EXPECT_EQ(result.final_correct, correct);
    EXPECT_EQ(result.epochs.back().correct, correct);
    // Stopping after the second epoch.
    const Result stopped = train(
        data, options, [](const EpochReport& r) { return r.epoch == 2 ? EpochAction::Stop : EpochAction::Continue; });
    EXPECT_EQ(stopped.losses.size(), 2u);
    EXPECT_TRUE(stopped.stopped);
  });
  return true;
}

}  // namespace minitorch::testing
