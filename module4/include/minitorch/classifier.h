// module4/include/minitorch/classifier.h
//
// Task 4.5's training loop (given): a multi-class classifier that returns
// log-probabilities (B, C) trained with SGD on the negative log-likelihood,
// in shuffled mini-batches, through the training harness (training.h), with
// the accuracy on a separate validation set after every epoch.
//
//   per batch:  zero_grad; out = model(x) (B, C) log-probabilities
//               loss = -(out * one_hot(y)).sum(1) / B, summed   (NLL, as run_mnist_multiclass.py)
//               backward; SGD step
//   per epoch:  model.eval(), count the validation set's correct answers, model.train()
//
// The harness's EpochReport counts the *validation* answers (correct/total);
// ClassifierEpoch adds the training answers, counted on the fly from the
// batches' outputs in training mode (dropout on, weights still moving).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "minitorch/cnn.h"
#include "minitorch/fashion_mnist.h"
#include "minitorch/tensor.h"
#include "minitorch/training.h"

namespace minitorch {

/// Examples of a classification task, on the host: example i is
/// features[i * item_size .. (i + 1) * item_size) of shape item_shape, with
/// label labels[i] in 0 .. classes-1.
struct ClassifierData {
  Shape item_shape;  // (1, 28, 28) for an image, (alphabet, length) for a word
  std::vector<double> features;
  std::vector<int> labels;
  std::vector<std::string> class_names;

  int size() const { return static_cast<int>(labels.size()); }
  int classes() const { return static_cast<int>(class_names.size()); }
  int item_size() const;
};

/// The examples with the given indices as one tensor (n, item_shape...).
Tensor batch_features(const ClassifierData& data, const std::vector<int>& indices, const TensorBackend& backend);
/// Their labels one-hot: (n, classes).
Tensor batch_one_hot(const ClassifierData& data, const std::vector<int>& indices, const TensorBackend& backend);

/// Fashion-MNIST images begin .. end-1, each pixel (0..255) times `scale`:
/// 1 keeps the course's raw values (which its RParam initialisation and rate
/// 0.01 suit), 1/255 gives [0, 1] (with the same initialisation the network
/// then starts on a plateau: README, Task 4.5).
ClassifierData mnist_classifier_data(const FashionMnist& mnist, int begin, int end, double scale = 1.0);

/// What one epoch did, for the logs.
struct ClassifierEpoch {
  EpochReport report;     // loss summed over the training examples; correct/total: validation
  int train_correct = 0;  // training examples answered right during the epoch
  int train_total = 0;
};
using OnClassifierEpoch = std::function<EpochAction(const ClassifierEpoch&)>;

struct ClassifierTrainOptions {
  double learning_rate = 0.05;
  int max_epochs = 5;
  int batch = 16;
  std::uint64_t seed = 0;  // the order of the batches (the model holds its weights and its backend)
};

struct ClassifierTrainResult : TrainResult {
  std::vector<int> train_correct;  // per epoch
  int train_total = 0;
};

/// Trains `model` (any module whose forward maps a batch to (B, C)
/// log-probabilities) in place. Throws ValueError on empty data or on
/// datasets of different shapes.
ClassifierTrainResult train_classifier(MnistNetwork& model, const ClassifierData& train, const ClassifierData& valid,
                                       const ClassifierTrainOptions& options, const OnClassifierEpoch& on_epoch = {});
ClassifierTrainResult train_classifier(WordNetwork& model, const ClassifierData& train, const ClassifierData& valid,
                                       const ClassifierTrainOptions& options, const OnClassifierEpoch& on_epoch = {});

/// The model's class for every example (evaluation mode; the mode is restored).
std::vector<int> predict_classes(MnistNetwork& model, const ClassifierData& data, int batch = 256);
std::vector<int> predict_classes(WordNetwork& model, const ClassifierData& data, int batch = 256);

/// counts[truth][predicted].
std::vector<std::vector<int>> confusion_matrix(const ClassifierData& data, const std::vector<int>& predicted);

/// "Epoch   3/10  loss 0.5123  train acc 81.2% (812/1000)  valid acc 79.9% (799/1000)  time per epoch 1.234 s"
/// (loss: mean over the training examples).
std::string classifier_epoch_line(const ClassifierEpoch& epoch);

}  // namespace minitorch
