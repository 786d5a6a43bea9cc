// module1/src/scalar_network.cpp
#include "minitorch/scalar_network.h"

#include <string>
#include <utility>

#include "minitorch/errors.h"
#include "minitorch/optim.h"

namespace minitorch {

ScalarLinear::ScalarLinear(int in_size, int out_size, Random& rng) {
  if (in_size < 1 || out_size < 1) {
    throw ValueError("ScalarLinear: sizes must be positive, got " + std::to_string(in_size) + " x " +
                     std::to_string(out_size));
  }
  weights_.resize(in_size);
  for (int i = 0; i < in_size; ++i) {
    for (int j = 0; j < out_size; ++j) {
      const std::string name = "weight_" + std::to_string(i) + "_" + std::to_string(j);
      weights_[i].push_back(register_parameter(name, Scalar(2.0 * (rng.uniform() - 0.5))));
    }
  }
  for (int j = 0; j < out_size; ++j) {
    bias_.push_back(register_parameter("bias_" + std::to_string(j), Scalar(2.0 * (rng.uniform() - 0.5))));
  }
}

/// Task 1.5: y_j = bias_j + sum_i x_i * weight_i_j, for j = 0 .. out_size - 1.
/// The parameters are weights_[i][j]->value and bias_[j]->value (Scalars);
/// build each y_j with Scalar arithmetic so that backward reaches them.
std::vector<Scalar> ScalarLinear::forward(const std::vector<Scalar>& x) const {
  if (static_cast<int>(x.size()) != in_size()) {
    throw ShapeError("ScalarLinear: expected " + std::to_string(in_size()) + " inputs, got " +
                     std::to_string(x.size()));
  }
  std::vector<Scalar> y;
  // BEGIN SOLUTION 1.5
  y.reserve(bias_.size());
  for (std::size_t j = 0; j < bias_.size(); ++j) {
    Scalar sum = bias_[j]->value;
    for (std::size_t i = 0; i < x.size(); ++i) sum = sum + x[i] * weights_[i][j]->value;
    y.push_back(sum);
  }
  // END SOLUTION
  return y;
}

ScalarNetwork::ScalarNetwork(int hidden, std::uint64_t seed) {
  Random rng(seed);
  layer1_ = register_module("layer1", std::make_shared<ScalarLinear>(2, hidden, rng));
  layer2_ = register_module("layer2", std::make_shared<ScalarLinear>(hidden, hidden, rng));
  layer3_ = register_module("layer3", std::make_shared<ScalarLinear>(hidden, 1, rng));
}

/// Task 1.5: layer1 on (x1, x2), relu of each output; layer2 on those, relu
/// of each output; layer3 on those; the sigmoid of its one output.
Scalar ScalarNetwork::forward(const Scalar& x1, const Scalar& x2) const {
  // BEGIN SOLUTION 1.5
  std::vector<Scalar> middle = layer1_->forward({x1, x2});
  for (Scalar& h : middle) h = h.relu();
  std::vector<Scalar> end = layer2_->forward(middle);
  for (Scalar& h : end) h = h.relu();
  return layer3_->forward(end)[0].sigmoid();
  // END SOLUTION
}

double ScalarNetwork::predict(double x1, double x2) const {
  return forward(Scalar::constant(x1), Scalar::constant(x2)).data();
}

int count_correct(const ScalarNetwork& model, const Dataset& data) {
  int correct = 0;
  for (int i = 0; i < data.size(); ++i) {
    const double p = model.predict(data.X[i][0], data.X[i][1]);
    correct += (p > 0.5) == (data.y[i] == 1) ? 1 : 0;
  }
  return correct;
}

ScalarTrainResult train_scalar(const Dataset& data, const ScalarTrainOptions& options, const OnEpoch& on_epoch) {
  if (data.size() < 1) throw ValueError("train_scalar: the dataset '" + data.name + "' has no points");
  if (options.max_epochs < 1) {
    throw ValueError("train_scalar: max_epochs must be at least 1, got " + std::to_string(options.max_epochs));
  }
  auto model = std::make_shared<ScalarNetwork>(options.hidden, options.seed);
  SGD<Scalar> optimizer(model->parameters(), options.learning_rate);
  const double n = static_cast<double>(data.size());
  const auto epoch = [&](int) {
    double total_loss = 0.0;
    optimizer.zero_grad();
    for (int i = 0; i < data.size(); ++i) {
      const Scalar x1 = Scalar::constant(data.X[i][0]);
      const Scalar x2 = Scalar::constant(data.X[i][1]);
      const Scalar out = (*model)(x1, x2);
      // The probability given to the right class: out for class 1, 1 - out for class 0.
      const Scalar prob = data.y[i] == 1 ? out : -out + 1.0;
      const Scalar loss = -prob.log();
      (loss / n).backward();
      total_loss += loss.data();
    }
    optimizer.step();
    return total_loss;
  };
  ScalarTrainResult result;
  static_cast<TrainResult&>(result) = run_training(
      options.max_epochs, data.size(), epoch, [&] { return count_correct(*model, data); },
      with_model(on_epoch, options.on_model, *model));
  result.model = std::move(model);
  return result;
}

}  // namespace minitorch
