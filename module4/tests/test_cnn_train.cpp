// module4/tests/test_cnn_train.cpp
//
// Task 4.5: the layers Conv1d and Conv2d, the networks of
// run_mnist_multiclass.py (MnistNetwork) and of the words task
// (WordNetwork), and fixed-seed training runs on small subsets of
// Fashion-MNIST and of the word lists that must reach a stated validation
// accuracy. The data come from Debian packages (dataset-fashion-mnist,
// wamerican, wfrench, wngerman, witalian, wspanish); a missing one fails its
// test with a DataError naming the package.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "minitorch/classifier.h"
#include "minitorch/cnn.h"
#include "minitorch/conv.h"
#include "minitorch/errors.h"
#include "minitorch/fashion_mnist.h"
#include "minitorch/fast_backend.h"
#include "minitorch/tensor.h"
#include "minitorch/words.h"

using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;

namespace {

const mt::TensorBackend& fast() { return mt::fast_backend(); }

std::vector<std::string> parameter_names(const mt::ModuleBase<Tensor>& m) {
  std::vector<std::string> names;
  for (const auto& [name, p] : m.named_parameters()) names.push_back(name);
  return names;
}

// RParam: 0.1 * (uniform - 0.5), not all equal.
void expect_rparam(const Tensor& t) {
  const std::vector<double> v = t.to_vector();
  for (const double x : v) {
    EXPECT_GE(x, -0.05);
    EXPECT_LT(x, 0.05);
  }
  if (v.size() > 1) {
    EXPECT_NE(v.front(), v.back());
  }
}

// Every row of (B, C) log-probabilities: exp sums to 1, all <= 0.
void expect_log_probabilities(const Tensor& out, int batch, int classes) {
  ASSERT_EQ(out.shape(), (Shape{batch, classes}));
  for (int b = 0; b < batch; ++b) {
    double sum = 0.0;
    for (int c = 0; c < classes; ++c) {
      EXPECT_LE(out({b, c}), 1e-12);
      sum += std::exp(out({b, c}));
    }
    EXPECT_NEAR(sum, 1.0, 1e-9) << "row " << b;
  }
}

// ---------------------------------------------------------------- Task 4.5: layers

TEST(Task4_5, Conv1dLayerIsConvolutionPlusBias) {
  mt::Random rng(3);
  mt::Conv1d conv(2, 3, 4, rng, fast());
  EXPECT_EQ(parameter_names(conv), (std::vector<std::string>{"weights", "bias"}));
  const Tensor w = conv.parameter("weights")->value;
  const Tensor b = conv.parameter("bias")->value;
  EXPECT_EQ(w.shape(), (Shape{3, 2, 4}));
  EXPECT_EQ(b.shape(), (Shape{1, 3, 1}));
  expect_rparam(w);
  expect_rparam(b);
  const Tensor x = mt::rand({2, 2, 7}, 5, fast());
  const Tensor out = conv(x);
  ASSERT_EQ(out.shape(), (Shape{2, 3, 7}));
  const Tensor expected = mt::conv1d(x, w) + b;
  for (int i = 0; i < 2; ++i) {
    for (int o = 0; o < 3; ++o) {
      for (int t = 0; t < 7; ++t) EXPECT_NEAR(out({i, o, t}), expected({i, o, t}), 1e-12);
    }
  }
  // zeros in: the bias of each channel out
  const Tensor z = conv(mt::zeros({1, 2, 5}, fast()));
  for (int o = 0; o < 3; ++o) EXPECT_DOUBLE_EQ(z({0, o, 4}), b({0, o, 0}));
}

TEST(Task4_5, Conv2dLayerIsConvolutionPlusBias) {
  mt::Random rng(4);
  mt::Conv2d conv(2, 3, 3, 2, rng, fast());
  EXPECT_EQ(parameter_names(conv), (std::vector<std::string>{"weights", "bias"}));
  const Tensor w = conv.parameter("weights")->value;
  const Tensor b = conv.parameter("bias")->value;
  EXPECT_EQ(w.shape(), (Shape{3, 2, 3, 2}));
  EXPECT_EQ(b.shape(), (Shape{3, 1, 1}));
  expect_rparam(w);
  expect_rparam(b);
  const Tensor x = mt::rand({2, 2, 5, 6}, 6, fast());
  const Tensor out = conv(x);
  ASSERT_EQ(out.shape(), (Shape{2, 3, 5, 6}));
  const Tensor expected = mt::conv2d(x, w) + b;
  const std::vector<double> got = out.to_vector(), want = expected.to_vector();
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << "element " << i;
  const Tensor z = conv(mt::zeros({1, 2, 4, 4}, fast()));
  for (int o = 0; o < 3; ++o) EXPECT_DOUBLE_EQ(z({0, o, 3, 3}), b({o, 0, 0}));
}

// ---------------------------------------------------------------- Task 4.5: networks

TEST(Task4_5, MnistNetworkShapesAndLogProbabilities) {
  mt::MnistNetwork model(1, fast());
  EXPECT_EQ(parameter_names(model),
            (std::vector<std::string>{"conv1.weights", "conv1.bias", "conv2.weights", "conv2.bias", "linear1.weights",
                                      "linear1.bias", "linear2.weights", "linear2.bias"}));
  EXPECT_EQ(model.parameter("conv1.weights")->value.shape(), (Shape{4, 1, 3, 3}));
  EXPECT_EQ(model.parameter("conv2.weights")->value.shape(), (Shape{8, 4, 3, 3}));
  EXPECT_EQ(model.parameter("linear1.weights")->value.shape(), (Shape{392, 64}));
  EXPECT_EQ(model.parameter("linear2.weights")->value.shape(), (Shape{64, 10}));
  model.eval();
  const Tensor x = mt::rand({3, 1, 28, 28}, 2, fast());
  const Tensor out = model(x);
  expect_log_probabilities(out, 3, 10);
  // saved feature maps, after relu
  ASSERT_EQ(model.mid().shape(), (Shape{3, 4, 28, 28}));
  ASSERT_EQ(model.out().shape(), (Shape{3, 8, 28, 28}));
  for (const double v : model.out().to_vector()) EXPECT_GE(v, 0.0);
  // evaluation: no dropout, the same answer twice; images are independent
  const std::vector<double> again = model(x).to_vector();
  EXPECT_EQ(out.to_vector(), again);
  mt::MnistNetwork other(2, fast());
  EXPECT_NE(other.parameter("conv1.weights")->value.to_vector(), model.parameter("conv1.weights")->value.to_vector());
}

TEST(Task4_5, MnistNetworkBackpropagatesToEveryParameter) {
  mt::MnistNetwork model(3, fast());
  model.train();
  const Tensor x = mt::rand({2, 1, 28, 28}, 4, fast());
  const Tensor out = model(x);
  expect_log_probabilities(out, 2, 10);
  (-out.sum()).view({1}).backward();
  for (const auto& [name, p] : model.named_parameters()) {
    const auto grad = p->value.grad();
    ASSERT_TRUE(grad.has_value()) << name;
    EXPECT_EQ(grad->shape(), p->value.shape()) << name;
    double norm = 0.0;
    for (const double g : grad->to_vector()) norm += std::abs(g);
    EXPECT_GT(norm, 0.0) << name;
  }
  EXPECT_THROW(model(mt::zeros({2, 1, 27, 28}, fast())), mt::ShapeError);
}

TEST(Task4_5, WordNetworkShapesAndLogProbabilities) {
  mt::WordNetworkOptions options;
  options.feature_maps = 6;
  mt::WordNetwork model(options, 1, fast());
  EXPECT_EQ(parameter_names(model),
            (std::vector<std::string>{"conv2.weights", "conv2.bias", "conv3.weights", "conv3.bias", "conv4.weights",
                                      "conv4.bias", "linear2.weights", "linear2.bias", "linear3.weights",
                                      "linear3.bias", "linear4.weights", "linear4.bias"}));
  EXPECT_EQ(model.parameter("conv3.weights")->value.shape(), (Shape{6, mt::kWordAlphabetSize, 3}));
  EXPECT_EQ(model.parameter("linear3.weights")->value.shape(), (Shape{6, 5}));
  std::vector<double> words;
  for (const char* w : {"haus", "maison", "casa"}) {
    const std::vector<double> f = mt::word_one_hot(w, 12);
    words.insert(words.end(), f.begin(), f.end());
  }
  model.eval();
  const Tensor x = mt::tensor(words, {3, mt::kWordAlphabetSize, 12}, fast());
  const Tensor out = model(x);
  expect_log_probabilities(out, 3, 5);
  model.train();
  const Tensor trained = model(x);
  (-trained.sum()).view({1}).backward();
  for (const auto& [name, p] : model.named_parameters()) EXPECT_TRUE(p->value.grad().has_value()) << name;
}

// ---------------------------------------------------------------- Task 4.5: training

// Validation answers out of 1000 that the fixed-seed runs below must reach,
// well below what the reference reaches (a correct solution that adds or
// draws in another order follows another path): Fashion-MNIST measured
// 639/1000 (63.9%), required 45%; words measured 747/1000 (74.7%), required
// 55%. Chance is 10% and 20%.
constexpr int kMnistRequired = 450;
constexpr int kWordsRequired = 550;

// Fashion-MNIST: the first 1000 training images, the last 1000 of the
// training file to validate, raw pixels 0..255 (as the course), 4 epochs at
// rate 0.01, batch 16, seed 0. Measured and required: see kMnistRequired.
TEST(Task4_5, TrainMnistSubsetReachesValidationAccuracy) {
  const mt::FashionMnist mnist = mt::load_fashion_mnist(mt::MnistSplit::train);
  const mt::ClassifierData train = mt::mnist_classifier_data(mnist, 0, 1000, 1.0);
  const mt::ClassifierData valid = mt::mnist_classifier_data(mnist, mnist.count - 1000, mnist.count, 1.0);
  mt::MnistNetwork model(0, fast());
  mt::ClassifierTrainOptions options;
  options.learning_rate = 0.01;
  options.max_epochs = 4;
  options.batch = 16;
  int epochs_seen = 0;
  const mt::ClassifierTrainResult result =
      mt::train_classifier(model, train, valid, options, [&](const mt::ClassifierEpoch& e) {
        ++epochs_seen;
        EXPECT_EQ(e.report.total, 1000);
        EXPECT_EQ(e.train_total, 1000);
        return mt::EpochAction::Continue;
      });
  EXPECT_EQ(epochs_seen, 4);
  ASSERT_EQ(result.epochs_run(), 4);
  EXPECT_LT(result.losses.back(), result.losses.front());
  EXPECT_GE(result.final_correct, kMnistRequired) << "validation accuracy " << result.final_correct << "/1000";
  // the count agrees with predict_classes
  const std::vector<int> predicted = mt::predict_classes(model, valid);
  int right = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == valid.labels[i];
  EXPECT_EQ(right, result.final_correct);
}

// Words: 300 per language to train, 200 per language to validate, 6 epochs
// at rate 0.5, batch 16, seed 0. Measured and required: see kWordsRequired.
TEST(Task4_5, TrainWordsSubsetReachesValidationAccuracy) {
  mt::WordOptions words;
  words.train_per_language = 300;
  words.valid_per_language = 200;
  const mt::WordSplit split = mt::load_word_split(words);
  ASSERT_EQ(split.train.size(), 1500);
  ASSERT_EQ(split.valid.size(), 1000);
  mt::WordNetworkOptions shape;
  mt::WordNetwork model(shape, 0, fast());
  mt::ClassifierTrainOptions options;
  options.learning_rate = 0.5;
  options.max_epochs = 6;
  options.batch = 16;
  const mt::ClassifierTrainResult result = mt::train_classifier(model, split.train, split.valid, options);
  EXPECT_GE(result.final_correct, kWordsRequired) << "validation accuracy " << result.final_correct << "/1000";
}

// ---------------------------------------------------------------- not graded: data and helpers

TEST(WordData, AlphabetLettersAndMissingList) {
  EXPECT_EQ(static_cast<int>(mt::word_alphabet().size()), mt::kWordAlphabetSize);
  EXPECT_EQ(mt::word_letters("Abc"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(mt::word_letters("Straße").size(), 6u);
  EXPECT_EQ(mt::word_letters("ÉTÉ"), mt::word_letters("été"));
  EXPECT_TRUE(mt::word_letters("don't").empty());
  EXPECT_TRUE(mt::word_letters("x-ray").empty());
  try {
    mt::read_word_list("/nonexistent/dict/french", "wfrench");
    FAIL() << "no DataError";
  } catch (const mt::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("apt-get install wfrench"), std::string::npos) << e.what();
  }
  mt::WordOptions options;
  options.dir = "/nonexistent/dict";
  EXPECT_THROW(mt::load_word_split(options), mt::DataError);
}

TEST(WordData, SplitIsDeterministicBalancedAndDisjoint) {
  mt::WordOptions options;
  options.train_per_language = 50;
  options.valid_per_language = 20;
  options.seed = 7;
  const mt::WordSplit a = mt::load_word_split(options);
  const mt::WordSplit b = mt::load_word_split(options);
  EXPECT_EQ(a.train.features, b.train.features);
  EXPECT_EQ(a.train.size(), 250);
  EXPECT_EQ(a.valid.size(), 100);
  std::vector<std::string> train_words;
  for (int i = 0; i < a.train.size(); ++i) train_words.push_back(mt::word_of(a.train, i));
  for (int i = 0; i < a.valid.size(); ++i) {
    const std::string w = mt::word_of(a.valid, i);
    EXPECT_EQ(std::count(train_words.begin(), train_words.end(), w), 0) << w;
  }
  EXPECT_EQ(mt::word_of(a.train, 0).empty(), false);
}

TEST(ClassifierData, ConfusionMatrixCounts) {
  mt::ClassifierData d;
  d.item_shape = {1};
  d.features = {0, 0, 0, 0};
  d.labels = {0, 1, 1, 2};
  d.class_names = {"a", "b", "c"};
  const auto m = mt::confusion_matrix(d, {0, 1, 2, 2});
  EXPECT_EQ(m, (std::vector<std::vector<int>>{{1, 0, 0}, {0, 1, 1}, {0, 0, 1}}));
  EXPECT_THROW(mt::confusion_matrix(d, {0}), mt::ValueError);
  const Tensor y = mt::batch_one_hot(d, {3, 0}, fast());
  EXPECT_EQ(y.to_vector(), (std::vector<double>{0, 0, 1, 1, 0, 0}));
}

}  // namespace
