// module4/apps/train_mnist.cpp
//
// Task 4.5 (a): trains the LeNet-like network of run_mnist_multiclass.py
// (minitorch/cnn.h) on Fashion-MNIST and draws what it learned.
//
//   train_mnist                                  5000 training images, 1000 for validation, 5 epochs
//   train_mnist --train 10000 --epochs 10 --threads 2 --out pictures/mnist
//   train_mnist --train 1000 --valid 1000 --epochs 4 --seed 1
//
// The training images are the first --train of the training file; the
// validation images are its last --valid (never trained on). Pixels are the
// course's raw 0..255 (rate 0.01); --pixel-scale 0.00392156862745098 scales
// them to [0, 1], where the course's small initial weights leave the network
// on a plateau for several epochs (module4/README.md, Task 4.5).
//
// One line per epoch: mean training loss, training accuracy (counted during
// the epoch), validation accuracy, time per epoch. Pictures in --out:
// curves.svg, confusion.svg (validation), filters.svg (conv1's 4 and conv2's
// 32 kernels), feature_maps.svg (a few validation images with conv1's and
// conv2's maps).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/classifier.h"
#include "minitorch/cli_options.h"
#include "minitorch/cnn.h"
#include "minitorch/cnn_pictures.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/errors.h"
#include "minitorch/fashion_mnist.h"
#include "minitorch/fast_backend.h"
#include "minitorch/plot.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/train_report.h"

namespace mt = minitorch;

namespace {

// One GridImage per (out, in) kernel of a conv weight (out, in, kh, kw).
std::vector<mt::plot::GridImage> kernels_of(const mt::Tensor& weight, const std::string& layer) {
  const int out = weight.shape()[0], in = weight.shape()[1], kh = weight.shape()[2], kw = weight.shape()[3];
  std::vector<mt::plot::GridImage> images;
  for (int o = 0; o < out; ++o) {
    for (int c = 0; c < in; ++c) {
      mt::plot::GridImage im{{}, kh, kw, layer + " " + std::to_string(o) + "<-" + std::to_string(c)};
      for (int i = 0; i < kh; ++i) {
        for (int j = 0; j < kw; ++j) im.values.push_back(weight({o, c, i, j}));
      }
      images.push_back(im);
    }
  }
  return images;
}

// Channel c of image b of a (B, C, H, W) tensor.
mt::plot::GridImage map_of(const mt::Tensor& maps, int b, int c, const std::string& caption) {
  const int h = maps.shape()[2], w = maps.shape()[3];
  mt::plot::GridImage im{{}, h, w, caption};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) im.values.push_back(maps({b, c, y, x}));
  }
  return im;
}

}  // namespace

int main(int argc, char** argv) {
  using mt::cli::Kind;
  mt::cli::Parser parser("train_mnist", "Trains Task 4.5's LeNet-like network on Fashion-MNIST and draws it.");
  parser.add({"train", "N", "training images (the first N of the training file)", "5000", Kind::Int, 1})
      .add({"valid", "N", "validation images (the last N of the training file)", "1000", Kind::Int, 1})
      .add({"epochs", "N", "epochs to train", "5", Kind::Int, 1})
      .add({"batch", "N", "images per SGD step", "16", Kind::Int, 1})
      .add({"rate", "R", "learning rate", "0.01", Kind::Double, 0})
      .add({"seed", "N", "initial weights, dropout and the order of the batches", "0", Kind::Int, 0})
      .add({"backend", "NAME",
            "a backend with conv2d: fast, cudasim or cuda (Task 4.4b); 'list' prints the backends of this build",
            "fast", Kind::String})
      .add({"threads", "N", "threads of the fast backend (0: OpenMP's default)", "0", Kind::Int, 0})
      .add({"pixel-scale", "S",
            "pixels 0..255 are multiplied by S (1: the course's raw values; 0.00392156862745098: [0, 1])", "1",
            Kind::Double, 0})
      .add({"out", "DIR", "folder for the pictures", "mnist", Kind::String});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const mt::TensorBackend* chosen = mt::program_backend(args, "Try --train 100 --epochs 1.", mt::OptionalOp::conv2d);
    if (chosen == nullptr) return 0;  // --backend list
    const mt::TensorBackend& backend = *chosen;
    const int n_train = args.get_int("train"), n_valid = args.get_int("valid");
    const mt::FashionMnist mnist = mt::load_fashion_mnist(mt::MnistSplit::train);
    if (n_train + n_valid > mnist.count) {
      throw mt::ValueError("--train " + std::to_string(n_train) + " and --valid " + std::to_string(n_valid) +
                           " need more than the " + std::to_string(mnist.count) + " images of the training file");
    }
    const mt::ClassifierData train = mt::mnist_classifier_data(mnist, 0, n_train, args.get_double("pixel-scale"));
    const mt::ClassifierData valid =
        mt::mnist_classifier_data(mnist, mnist.count - n_valid, mnist.count, args.get_double("pixel-scale"));
    const auto seed = static_cast<std::uint64_t>(args.get_int("seed"));
    mt::ClassifierTrainOptions options;
    options.learning_rate = args.get_double("rate");
    options.max_epochs = args.get_int("epochs");
    options.batch = args.get_int("batch");
    options.seed = seed;
    std::cout << "Training the LeNet-like network on Fashion-MNIST: " << n_train << " training images, " << n_valid
              << " validation images (pixels times " << args.get_double("pixel-scale") << "), rate "
              << options.learning_rate << ", batch " << options.batch << ", " << options.max_epochs << " epochs, seed "
              << seed << ", backend " << backend.name
              << (backend.name == "fast" ? " (" + std::to_string(mt::fast_threads()) + " threads)" : std::string())
              << "\n";
    mt::MnistNetwork model(seed, backend);
    const mt::ClassifierTrainResult result =
        mt::train_classifier(model, train, valid, options, [](const mt::ClassifierEpoch& e) {
          std::cout << mt::classifier_epoch_line(e) << std::endl;
          return mt::EpochAction::Continue;
        });
    std::cout << mt::ConsoleReporter::summary(result) << "\n";

    const std::string dir = args.get_string("out");
    std::filesystem::create_directories(dir);
    const std::vector<int> predicted = mt::predict_classes(model, valid);
    mt::plot::write_file(dir + "/curves.svg", mt::plot::classifier_curves_svg(result, "Fashion-MNIST"));
    mt::plot::write_file(dir + "/confusion.svg",
                         mt::plot::confusion_svg(mt::confusion_matrix(valid, predicted), valid.class_names,
                                                 "Fashion-MNIST, validation"));
    std::vector<mt::plot::GridImage> filters = kernels_of(model.parameter("conv1.weights")->value, "conv1");
    const auto second = kernels_of(model.parameter("conv2.weights")->value, "conv2");
    filters.insert(filters.end(), second.begin(), second.end());
    mt::plot::write_file(dir + "/filters.svg",
                         mt::plot::image_grid_svg(filters, {"Learned 3x3 kernels (red > 0 > blue)", 4, 16, true}));
    // A few validation images through the trained network, with their maps.
    const int shown = std::min(4, valid.size());
    std::vector<int> indices;
    for (int i = 0; i < shown; ++i) indices.push_back(i);
    model.eval();
    model(mt::batch_features(valid, indices, backend));
    const mt::Tensor images = mt::batch_features(valid, indices, backend);
    std::vector<mt::plot::GridImage> maps;
    for (int b = 0; b < shown; ++b) {
      const std::string truth = valid.class_names[static_cast<std::size_t>(valid.labels[static_cast<std::size_t>(b)])];
      const std::string guess = valid.class_names[static_cast<std::size_t>(predicted[static_cast<std::size_t>(b)])];
      maps.push_back(map_of(images, b, 0, truth + " -> " + guess));
      for (int c = 0; c < 4; ++c) maps.push_back(map_of(model.mid(), b, c, "conv1 " + std::to_string(c)));
      for (int c = 0; c < 8; ++c) maps.push_back(map_of(model.out(), b, c, "conv2 " + std::to_string(c)));
    }
    mt::plot::write_file(
        dir + "/feature_maps.svg",
        mt::plot::image_grid_svg(maps, {"Validation images and their feature maps (after relu)", 13, 2, false}));
    std::cout << "Pictures: " << dir << "/curves.svg, " << dir << "/confusion.svg, " << dir << "/filters.svg, " << dir
              << "/feature_maps.svg\n";
    return 0;
  });
}
