// module4/src/classifier.cpp
#include "minitorch/classifier.h"

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>

#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"
#include "minitorch/optim.h"
#include "minitorch/train_report.h"

namespace minitorch {

int ClassifierData::item_size() const {
  int n = 1;
  for (const int d : item_shape) n *= d;
  return n;
}

Tensor batch_features(const ClassifierData& data, const std::vector<int>& indices, const TensorBackend& backend) {
  const auto item = static_cast<std::size_t>(data.item_size());
  std::vector<double> values;
  values.reserve(indices.size() * item);
  for (const int i : indices) {
    const auto begin = data.features.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(i) * item);
    values.insert(values.end(), begin, begin + static_cast<std::ptrdiff_t>(item));
  }
  Shape shape{static_cast<int>(indices.size())};
  shape.insert(shape.end(), data.item_shape.begin(), data.item_shape.end());
  return tensor(values, shape, backend);
}

Tensor batch_one_hot(const ClassifierData& data, const std::vector<int>& indices, const TensorBackend& backend) {
  const int classes = data.classes();
  std::vector<double> values(indices.size() * static_cast<std::size_t>(classes), 0.0);
  for (std::size_t r = 0; r < indices.size(); ++r) {
    values[r * static_cast<std::size_t>(classes) +
           static_cast<std::size_t>(data.labels[static_cast<std::size_t>(indices[r])])] = 1.0;
  }
  return tensor(values, {static_cast<int>(indices.size()), classes}, backend);
}

ClassifierData mnist_classifier_data(const FashionMnist& mnist, int begin, int end, double scale) {
  if (begin < 0 || begin > end || end > mnist.count) {
    throw ValueError("mnist_classifier_data: images " + std::to_string(begin) + " .. " + std::to_string(end) + " of " +
                     std::to_string(mnist.count));
  }
  ClassifierData data;
  data.item_shape = {1, mnist.rows, mnist.cols};
  const auto item = static_cast<std::size_t>(mnist.rows) * static_cast<std::size_t>(mnist.cols);
  data.features.reserve(item * static_cast<std::size_t>(end - begin));
  for (std::size_t p = static_cast<std::size_t>(begin) * item; p < static_cast<std::size_t>(end) * item; ++p) {
    data.features.push_back(mnist.pixels[p] * scale);
  }
  for (int i = begin; i < end; ++i) data.labels.push_back(mnist.labels[static_cast<std::size_t>(i)]);
  for (const auto name : kFashionMnistClasses) data.class_names.emplace_back(name);
  return data;
}

namespace {

// The index of the largest of each row of (n, C) log-probabilities.
std::vector<int> row_argmax(const Tensor& out) {
  const int n = out.shape()[0], c = out.shape()[1];
  const std::vector<double> v = out.to_vector();
  std::vector<int> best(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    const auto row = v.begin() + static_cast<std::ptrdiff_t>(r) * c;
    best[static_cast<std::size_t>(r)] = static_cast<int>(std::max_element(row, row + c) - row);
  }
  return best;
}

template <class Model>
std::vector<int> predict_with(Model& model, const ClassifierData& data, int batch) {
  if (batch < 1) throw ValueError("predict_classes: the batch size must be at least 1");
  const bool was_training = model.is_training();
  model.eval();
  std::vector<int> predicted;
  predicted.reserve(static_cast<std::size_t>(data.size()));
  for (int begin = 0; begin < data.size(); begin += batch) {
    std::vector<int> indices;
    for (int i = begin; i < std::min(data.size(), begin + batch); ++i) indices.push_back(i);
    const std::vector<int> best = row_argmax(model(batch_features(data, indices, model.backend())).detach());
    predicted.insert(predicted.end(), best.begin(), best.end());
  }
  if (was_training) model.train();
  return predicted;
}

int count_right(const ClassifierData& data, const std::vector<int>& predicted) {
  int right = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i];
  return right;
}

template <class Model>
ClassifierTrainResult train_with(Model& model, const ClassifierData& train, const ClassifierData& valid,
                                 const ClassifierTrainOptions& options, const OnClassifierEpoch& on_epoch) {
  if (train.size() < 1 || valid.size() < 1) throw ValueError("train_classifier: empty training or validation set");
  if (train.item_shape != valid.item_shape || train.classes() != valid.classes()) {
    throw ValueError("train_classifier: the training and validation sets differ in shape or classes");
  }
  if (options.batch < 1) throw ValueError("train_classifier: the batch size must be at least 1");
  const TensorBackend& backend = model.backend();
  SGD<Tensor> optim(model.parameters(), options.learning_rate);
  Batches batches(train.size(), options.batch, options.seed + 2);
  std::vector<int> train_correct;
  const auto epoch = [&](int) {
    model.train();
    batches.shuffle();
    double total_loss = 0.0;
    int right = 0;
    for (int k = 0; k < batches.count(); ++k) {
      const std::span<const int> batch = batches.batch(k);
      const std::vector<int> indices(batch.begin(), batch.end());
      const Tensor x = batch_features(train, indices, backend);
      const Tensor y = batch_one_hot(train, indices, backend);
      const int n = x.shape()[0];
      optim.zero_grad();
      const Tensor out = model(x);  // (n, C) log-probabilities
      // Negative log-likelihood: minus the log-probability of the true class.
      const Tensor nll = -(out * y).sum(1);
      (nll / static_cast<double>(n)).sum().view({1}).backward();
      total_loss += nll.detach().sum().item();
      const std::vector<int> best = row_argmax(out.detach());
      for (int r = 0; r < n; ++r)
        right += best[static_cast<std::size_t>(r)] ==
                 train.labels[static_cast<std::size_t>(indices[static_cast<std::size_t>(r)])];
      optim.step();
    }
    train_correct.push_back(right);
    return total_loss;
  };
  const OnEpoch harness_callback = [&](const EpochReport& report) {
    if (!on_epoch) return EpochAction::Continue;
    return on_epoch(ClassifierEpoch{report, train_correct.back(), train.size()});
  };
  ClassifierTrainResult result;
  static_cast<TrainResult&>(result) = run_training(
      options.max_epochs, valid.size(), epoch, [&] { return count_right(valid, predict_with(model, valid, 256)); },
      harness_callback);
  result.train_correct = train_correct;
  result.train_total = train.size();
  model.eval();
  return result;
}

}  // namespace

ClassifierTrainResult train_classifier(MnistNetwork& model, const ClassifierData& train, const ClassifierData& valid,
                                       const ClassifierTrainOptions& options, const OnClassifierEpoch& on_epoch) {
  return train_with(model, train, valid, options, on_epoch);
}

ClassifierTrainResult train_classifier(WordNetwork& model, const ClassifierData& train, const ClassifierData& valid,
                                       const ClassifierTrainOptions& options, const OnClassifierEpoch& on_epoch) {
  return train_with(model, train, valid, options, on_epoch);
}

std::vector<int> predict_classes(MnistNetwork& model, const ClassifierData& data, int batch) {
  return predict_with(model, data, batch);
}

std::vector<int> predict_classes(WordNetwork& model, const ClassifierData& data, int batch) {
  return predict_with(model, data, batch);
}

std::vector<std::vector<int>> confusion_matrix(const ClassifierData& data, const std::vector<int>& predicted) {
  if (predicted.size() != data.labels.size()) {
    throw ValueError("confusion_matrix: " + std::to_string(predicted.size()) + " predictions for " +
                     std::to_string(data.labels.size()) + " examples");
  }
  const auto c = static_cast<std::size_t>(data.classes());
  std::vector<std::vector<int>> counts(c, std::vector<int>(c, 0));
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    ++counts[static_cast<std::size_t>(data.labels[i])][static_cast<std::size_t>(predicted[i])];
  }
  return counts;
}

std::string classifier_epoch_line(const ClassifierEpoch& epoch) {
  const EpochReport& r = epoch.report;
  const double mean_loss = epoch.train_total > 0 ? r.loss / epoch.train_total : 0.0;
  const double train_acc = epoch.train_total > 0 ? 100.0 * epoch.train_correct / epoch.train_total : 0.0;
  const double valid_acc = r.total > 0 ? 100.0 * r.correct / r.total : 0.0;
  const int width = static_cast<int>(std::to_string(r.max_epochs).size());
  char line[256];
  std::snprintf(line, sizeof line, "Epoch %*d/%d  loss %.4f  train acc %5.1f%% (%d/%d)  valid acc %5.1f%% (%d/%d)  ",
                width, r.epoch, r.max_epochs, mean_loss, train_acc, epoch.train_correct, epoch.train_total, valid_acc,
                r.correct, r.total);
  return std::string(line) + "time per epoch " + format_duration(r.seconds);
}

}  // namespace minitorch
