// playground/src/module4_routes.cpp
//
// Module 4's pages: Fashion-MNIST images (look at them, train the LeNet-like
// network live with its validation accuracy and the first layer's feature
// maps) and the conv1d word model (the language of a word; a live
// predictions table). Both train through the library's classifier loop
// (train_classifier, on the harness) on the fast backend.
//
//   POST /api/mnist/images {start, count <= 32}  -> {"images": [[784 pixels 0..255]], "labels", "class_names"}
//   POST /api/train {model: "mnist", train: 100..5000, rate, epochs: 1..20}       (training_routes.cpp)
//   POST /api/train {model: "words", train: 50..2000 per language, rate, epochs}
//     extra per epoch, mnist: {"image": [784], "label", "feature_maps": [4][784], "train_correct", "train_total"}
//                     words:  {"predictions": [{"word", "true_label", "predicted_label", "logit", "error"}]}
#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "json_fields.h"
#include "minitorch/classifier.h"
#include "minitorch/cnn.h"
#include "minitorch/fashion_mnist.h"
#include "minitorch/fast_backend.h"
#include "minitorch/words.h"
#include "registry.h"

namespace playground {
namespace {

using nlohmann::json;

constexpr int kValidImages = 200;  // the last images of the training file: never trained on
constexpr int kShownPredictions = 20;

// The largest request of each kind: training images (per language for the
// words), epochs.
struct Module4Limits {
  int min_train;
  int max_train;
  int max_epochs;

  json to_json() const { return {{"train", max_train}, {"epochs", max_epochs}}; }
};
constexpr Module4Limits kMnistLimits{100, 5000, 20};
constexpr Module4Limits kWordsLimits{50, 2000, 20};
const std::vector<const char*> kTasks = {"3.1", "3.2", "4.1", "4.2", "4.3", "4.4", "4.5"};

// The training file, read once (DataError, a 400 naming the package, when it is missing).
const minitorch::FashionMnist& mnist_train_file() {
  static std::mutex mutex;
  static std::unique_ptr<minitorch::FashionMnist> file;
  std::lock_guard lock(mutex);
  if (!file)
    file = std::make_unique<minitorch::FashionMnist>(minitorch::load_fashion_mnist(minitorch::MnistSplit::train));
  return *file;
}

const std::vector<std::string>& mnist_class_names() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                 "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

json pixels_of(const minitorch::FashionMnist& file, int i) {
  const std::size_t size = static_cast<std::size_t>(file.rows * file.cols);
  const auto begin = file.pixels.begin() + static_cast<std::ptrdiff_t>(size * static_cast<std::size_t>(i));
  return std::vector<int>(begin, begin + static_cast<std::ptrdiff_t>(size));
}

void post_images(const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const minitorch::FashionMnist& file = mnist_train_file();
  const int count = int_field(body, "count", 1, 32, 16);
  const int start = int_field(body, "start", 0, file.count - count, 0);
  json out = {{"images", json::array()}, {"labels", json::array()}, {"class_names", mnist_class_names()}};
  for (int i = start; i < start + count; ++i) {
    out["images"].push_back(pixels_of(file, i));
    out["labels"].push_back(file.labels[static_cast<std::size_t>(i)]);
  }
  send_json(res, out);
}

// The first validation image through the model in evaluation mode: conv1's feature maps.
json feature_maps(minitorch::MnistNetwork& model, const minitorch::ClassifierData& valid) {
  model.eval();
  model(minitorch::batch_features(valid, {0}, model.backend()));
  model.train();
  const std::vector<double> maps = model.mid().to_vector();  // (1, 4, 28, 28)
  json out = json::array();
  for (std::size_t k = 0; k < 4; ++k) {
    out.push_back(std::vector<double>(maps.begin() + static_cast<std::ptrdiff_t>(k * 784),
                                      maps.begin() + static_cast<std::ptrdiff_t>((k + 1) * 784)));
  }
  return out;
}

// Validation words spread over the set (it is ordered by language): truth,
// prediction, its log-probability.
json predictions(minitorch::WordNetwork& model, const minitorch::ClassifierData& valid) {
  const int n = std::min(kShownPredictions, valid.size());
  std::vector<int> indices;
  for (int i = 0; i < n; ++i) indices.push_back(i * valid.size() / n);
  model.eval();
  const std::vector<double> logp = model(minitorch::batch_features(valid, indices, model.backend())).to_vector();
  model.train();
  const int classes = valid.classes();
  json rows = json::array();
  for (int i = 0; i < n; ++i) {
    const auto first = logp.begin() + static_cast<std::ptrdiff_t>(i * classes);
    const int predicted = static_cast<int>(std::max_element(first, first + classes) - first);
    const int example = indices[static_cast<std::size_t>(i)];
    const int truth = valid.labels[static_cast<std::size_t>(example)];
    rows.push_back({{"word", minitorch::word_of(valid, example)},
                    {"true_label", valid.class_names[static_cast<std::size_t>(truth)]},
                    {"predicted_label", valid.class_names[static_cast<std::size_t>(predicted)]},
                    {"logit", *(first + predicted)},
                    {"error", predicted != truth}});
  }
  return rows;
}

// The harness's report goes to the session (correct/total: validation); then the page's extras.
template <typename Extra>
minitorch::OnClassifierEpoch record(TrainingSession& session, Extra extra) {
  return [&session, extra](const minitorch::ClassifierEpoch& epoch) {
    json more = extra();  // before the epoch: a stream that sees the epoch has its extras
    more["train_correct"] = epoch.train_correct;
    more["train_total"] = epoch.train_total;
    session.set_extra(more);
    session.add_epoch(epoch.report);
    return session.stop_requested() ? minitorch::EpochAction::Stop : minitorch::EpochAction::Continue;
  };
}

TrainPlan plan_mnist(const json& body) {
  const double rate = number_field(body, "rate", 1e-4, 10.0, 0.01);  // train_mnist's
  const int epochs = int_field(body, "epochs", 1, kMnistLimits.max_epochs, 3);
  const std::uint64_t seed = static_cast<std::uint64_t>(int_field(body, "seed", 0, 1000000, 0));
  const int train = int_field(body, "train", kMnistLimits.min_train, kMnistLimits.max_train, 500);
  const minitorch::FashionMnist& file = mnist_train_file();
  TrainPlan plan;
  plan.setup = {{"model", "mnist"}, {"train", train},   {"valid", kValidImages},
                {"rate", rate},     {"epochs", epochs}, {"class_names", mnist_class_names()}};
  plan.job = [&file, train, seed, rate, epochs](TrainingSession& session) {
    const auto train_data = minitorch::mnist_classifier_data(file, 0, train);
    const auto valid_data = minitorch::mnist_classifier_data(file, file.count - kValidImages, file.count);
    minitorch::MnistNetwork network(seed, minitorch::fast_backend());
    minitorch::ClassifierTrainOptions options;
    options.learning_rate = rate;
    options.max_epochs = epochs;
    options.seed = seed;
    json image = pixels_of(file, file.count - kValidImages);
    const int label = file.labels[static_cast<std::size_t>(file.count - kValidImages)];
    minitorch::train_classifier(
        network, train_data, valid_data, options, record(session, [&, image, label] {
          return json{{"image", image}, {"label", label}, {"feature_maps", feature_maps(network, valid_data)}};
        }));
  };
  return plan;
}

TrainPlan plan_words(const json& body) {
  const double rate = number_field(body, "rate", 1e-4, 10.0, 0.5);  // train_words's
  const int epochs = int_field(body, "epochs", 1, kWordsLimits.max_epochs, 10);
  const std::uint64_t seed = static_cast<std::uint64_t>(int_field(body, "seed", 0, 1000000, 0));
  const int per_language = int_field(body, "train", kWordsLimits.min_train, kWordsLimits.max_train, 200);
  TrainPlan plan;
  plan.setup = {{"model", "words"}, {"train", per_language}, {"rate", rate}, {"epochs", epochs}};
  plan.job = [per_language, seed, rate, epochs](TrainingSession& session) {
    minitorch::WordOptions word_options;
    word_options.train_per_language = per_language;
    word_options.valid_per_language = 50;
    word_options.seed = seed;
    const minitorch::WordSplit split = minitorch::load_word_split(word_options);
    minitorch::WordNetworkOptions network_options;
    network_options.classes = split.train.classes();
    minitorch::WordNetwork network(network_options, seed, minitorch::fast_backend());
    minitorch::ClassifierTrainOptions options;
    options.learning_rate = rate;
    options.max_epochs = epochs;
    options.seed = seed;
    minitorch::train_classifier(network, split.train, split.valid, options, record(session, [&] {
                                  return json{{"predictions", predictions(network, split.valid)}};
                                }));
  };
  return plan;
}

const Registry<ModelKind>::Add kMnist{{4, "mnist", false, kTasks, kMnistLimits.to_json(), plan_mnist}};
const Registry<ModelKind>::Add kWords{{4, "words", false, kTasks, kWordsLimits.to_json(), plan_words}};

void add_module4_routes(httplib::Server& server, App&) { server.Post("/api/mnist/images", guarded(post_images)); }

const Registry<Routes>::Add kModule4Routes{{4, "module4", add_module4_routes}};

}  // namespace

}  // namespace playground
