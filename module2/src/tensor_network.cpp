// module2/src/tensor_network.cpp
#include "minitorch/tensor_network.h"

#include <utility>

#include "minitorch/optim.h"

namespace minitorch {

namespace {

// Uniform in [-1, 1): run_tensor.py's RParam, 2 * (rand(shape) - 0.5).
Tensor random_parameter(const Shape& shape, Random& rng, const TensorBackend& backend) {
  return 2.0 * (rand(shape, rng, backend) - 0.5);
}

}  // namespace

TensorLinear::TensorLinear(int in_size, int out_size, Random& rng, const TensorBackend& backend)
    : in_size_(in_size), out_size_(out_size) {
  if (in_size < 1 || out_size < 1) {
    throw ValueError("TensorLinear(" + std::to_string(in_size) + ", " + std::to_string(out_size) +
                     "): sizes must be >= 1");
  }
  weights_ = register_parameter("weights", random_parameter({in_size, out_size}, rng, backend));
  bias_ = register_parameter("bias", random_parameter({out_size}, rng, backend));
}

/// Task 2.5: x (B, in) -> (B, out) = x @ weights + bias, without matrix multiply:
/// x.view(B, in, 1) * weights.view(1, in, out) broadcasts to (B, in, out); sum over
/// dimension 1, view as (B, out), add bias.view(1, out).
Tensor TensorLinear::forward(const Tensor& x) const {
  if (x.dims() != 2 || x.shape()[1] != in_size_) {
    throw ShapeError("TensorLinear(" + std::to_string(in_size_) + ", " + std::to_string(out_size_) +
                     ") takes inputs of shape (batch," + std::to_string(in_size_) + "), not " +
                     shape_to_string(x.shape()));
  }
  // BEGIN SOLUTION 2.5
  const int batch = x.shape()[0];
  const Tensor& w = weights_->value;  // (in, out)
  const Tensor& b = bias_->value;     // (out)
  // (B, in, 1) * (1, in, out) -> (B, in, out) -> sum over in -> (B, 1, out)
  const Tensor products = x.contiguous().view({batch, in_size_, 1}) * w.contiguous().view({1, in_size_, out_size_});
  return products.sum(1).view({batch, out_size_}) + b.view({1, out_size_});
  // END SOLUTION
}

/// Task 2.5: register the three layers, "layer1" (2 -> hidden), "layer2"
/// (hidden -> hidden), "layer3" (hidden -> 1), all initialised from `rng`.
TensorNetwork::TensorNetwork(int hidden, std::uint64_t seed, const TensorBackend& backend)
    : hidden_(hidden), backend_(&backend) {
  Random rng(seed);
  // BEGIN SOLUTION 2.5
  layer1_ = register_module("layer1", std::make_shared<TensorLinear>(2, hidden, rng, backend));
  layer2_ = register_module("layer2", std::make_shared<TensorLinear>(hidden, hidden, rng, backend));
  layer3_ = register_module("layer3", std::make_shared<TensorLinear>(hidden, 1, rng, backend));
  // END SOLUTION
}

/// Task 2.5: x (N, 2) -> (N, 1): layer1, relu, layer2, relu, layer3, sigmoid.
Tensor TensorNetwork::forward(const Tensor& x) const {
  // BEGIN SOLUTION 2.5
  const Tensor h1 = (*layer1_)(x).relu();
  const Tensor h2 = (*layer2_)(h1).relu();
  return (*layer3_)(h2).sigmoid();
  // END SOLUTION
}

Tensor dataset_points(const Dataset& data, const TensorBackend& backend) {
  std::vector<double> values;
  values.reserve(data.X.size() * 2);
  for (const auto& [x1, x2] : data.X) {
    values.push_back(x1);
    values.push_back(x2);
  }
  return tensor(values, {data.size(), 2}, backend);
}

Tensor dataset_labels(const Dataset& data, const TensorBackend& backend) {
  return tensor(std::vector<double>(data.y.begin(), data.y.end()), {data.size()}, backend);
}

std::vector<double> predict(const TensorNetwork& model, const std::vector<std::array<double, 2>>& points) {
  if (points.empty()) return {};
  Dataset batch;
  batch.X = points;
  batch.y.assign(points.size(), 0);
  return model.forward(dataset_points(batch, model.backend())).to_vector();
}

int count_correct(const TensorNetwork& model, const Dataset& data) {
  const std::vector<double> p = predict(model, data.X);
  int correct = 0;
  for (std::size_t i = 0; i < p.size(); ++i) correct += (p[i] > 0.5) == (data.y[i] == 1);
  return correct;
}

TensorTrainResult train_tensor(const Dataset& data, const TensorTrainOptions& options, const OnEpoch& on_epoch) {
  if (data.size() < 1) throw ValueError("train_tensor: the dataset is empty");
  const TensorBackend& backend = options.backend ? *options.backend : simple_backend();
  auto model = std::make_shared<TensorNetwork>(options.hidden, options.seed, backend);
  SGD<Tensor> optim(model->parameters(), options.learning_rate);
  const Tensor X = dataset_points(data, backend);  // (N, 2)
  const Tensor y = dataset_labels(data, backend);  // (N)
  const int n = data.size();
  const auto epoch = [&](int) {
    optim.zero_grad();
    const Tensor out = (*model)(X).view({n});  // (N)
    // Binary cross-entropy: prob = out where y = 1, 1 - out where y = 0.
    const Tensor prob = out * y + (out - 1.0) * (y - 1.0);
    const Tensor loss = -prob.log();
    (loss / static_cast<double>(n)).sum().view({1}).backward();
    const double total_loss = loss.detach().sum().item();
    optim.step();
    return total_loss;
  };
  TensorTrainResult result;
  static_cast<TrainResult&>(result) = run_training(
      options.max_epochs, n, epoch, [&] { return count_correct(*model, data); },
      with_model(on_epoch, options.on_model, *model));
  result.model = std::move(model);
  return result;
}

}  // namespace minitorch
