// module3/src/fast_network.cpp
#include "minitorch/fast_network.h"

#include <span>
#include <string>
#include <utility>

#include "minitorch/fast_backend.h"
#include "minitorch/matmul.h"
#include "minitorch/optim.h"

namespace minitorch {

FastLinear::FastLinear(int in_size, int out_size, Random& rng, const TensorBackend& backend)
    : in_size_(in_size), out_size_(out_size) {
  if (in_size < 1 || out_size < 1) {
    throw ValueError("FastLinear(" + std::to_string(in_size) + ", " + std::to_string(out_size) +
                     "): sizes must be >= 1");
  }
  // run_fast_tensor.py: weights rand(in, out) - 0.5, bias zeros(out) + 0.1.
  weights_ = register_parameter("weights", (rand({in_size, out_size}, rng, backend) - 0.5).detach());
  bias_ = register_parameter("bias", full({out_size}, 0.1, backend));
}

Tensor FastLinear::forward(const Tensor& x) const {
  if (x.dims() != 2 || x.shape()[1] != in_size_) {
    throw ShapeError("FastLinear(" + std::to_string(in_size_) + ", " + std::to_string(out_size_) +
                     ") takes inputs of shape (batch," + std::to_string(in_size_) + "), not " +
                     shape_to_string(x.shape()));
  }
  // BEGIN SOLUTION 3.5
  return matmul(x, weights_->value) + bias_->value;
  // END SOLUTION
}

FastNetwork::FastNetwork(int hidden, std::uint64_t seed, const TensorBackend& backend)
    : hidden_(hidden), backend_(&backend) {
  Random rng(seed);
  layer1_ = register_module("layer1", std::make_shared<FastLinear>(2, hidden, rng, backend));
  layer2_ = register_module("layer2", std::make_shared<FastLinear>(hidden, hidden, rng, backend));
  layer3_ = register_module("layer3", std::make_shared<FastLinear>(hidden, 1, rng, backend));
}

Tensor FastNetwork::forward(const Tensor& x) const {
  // BEGIN SOLUTION 3.5
  const Tensor h1 = (*layer1_)(x).relu();
  const Tensor h2 = (*layer2_)(h1).relu();
  return (*layer3_)(h2).sigmoid();
  // END SOLUTION
}

namespace {

// The points with the given indices as a (n, 2) tensor and their labels (n).
std::pair<Tensor, Tensor> batch_of(const Dataset& data, std::span<const int> indices, const TensorBackend& backend) {
  std::vector<double> x, y;
  x.reserve(2 * indices.size());
  y.reserve(indices.size());
  for (const int i : indices) {
    const auto& point = data.X[static_cast<std::size_t>(i)];
    x.push_back(point[0]);
    x.push_back(point[1]);
    y.push_back(data.y[static_cast<std::size_t>(i)]);
  }
  const int n = static_cast<int>(indices.size());
  return {tensor(x, {n, 2}, backend), tensor(y, {n}, backend)};
}

}  // namespace

std::vector<double> predict(const FastNetwork& model, const std::vector<std::array<double, 2>>& points) {
  if (points.empty()) return {};
  std::vector<double> x;
  x.reserve(points.size() * 2);
  for (const auto& [x1, x2] : points) {
    x.push_back(x1);
    x.push_back(x2);
  }
  return model.forward(tensor(x, {static_cast<int>(points.size()), 2}, model.backend())).to_vector();
}

int count_correct(const FastNetwork& model, const Dataset& data) {
  const std::vector<double> p = predict(model, data.X);
  int correct = 0;
  for (std::size_t i = 0; i < p.size(); ++i) correct += (p[i] > 0.5) == (data.y[i] == 1);
  return correct;
}

FastTrainResult train_fast(const Dataset& data, const FastTrainOptions& options, const OnEpoch& on_epoch) {
  if (data.size() < 1) throw ValueError("train_fast: the dataset is empty");
  if (options.batch < 1) throw ValueError("train_fast: the batch size must be at least 1");
  const TensorBackend& backend = options.backend != nullptr ? *options.backend : fast_backend();
  auto model = std::make_shared<FastNetwork>(options.hidden, options.seed, backend);
  SGD<Tensor> optim(model->parameters(), options.learning_rate);
  Batches batches(data.size(), options.batch, options.seed + 1);
  const auto epoch = [&](int) {
    batches.shuffle();
    double total_loss = 0.0;
    for (int k = 0; k < batches.count(); ++k) {
      const auto [x, y] = batch_of(data, batches.batch(k), backend);
      const int n = x.shape()[0];
      optim.zero_grad();
      const Tensor out = (*model)(x).view({n});
      // Binary cross-entropy: prob = out where y = 1, 1 - out where y = 0.
      const Tensor prob = out * y + (out - 1.0) * (y - 1.0);
      const Tensor loss = -prob.log();
      (loss / static_cast<double>(n)).sum().view({1}).backward();
      total_loss += loss.detach().sum().item();
      optim.step();
    }
    return total_loss;
  };
  FastTrainResult result;
  static_cast<TrainResult&>(result) = run_training(
      options.max_epochs, data.size(), epoch, [&] { return count_correct(*model, data); },
      with_model(on_epoch, options.on_model, *model));
  result.model = std::move(model);
  return result;
}

}  // namespace minitorch
