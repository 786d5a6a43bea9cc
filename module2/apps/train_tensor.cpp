// module2/apps/train_tensor.cpp
//
// Task 2.5: trains the tensor network on a dataset (run_tensor.py) and draws
// what it learned. The whole dataset goes through the network at once.
//
//   train_tensor                                     simple, 50 points, hidden 2, rate 0.5
//   train_tensor --dataset split --hidden 10 --rate 0.5
//   train_tensor --dataset xor --hidden 10 --epochs 1000 --seed 3 --out pictures/xor
//
// Prints a progress bar while it runs and, every 10 epochs and at the last,
// a line `epoch, loss, correct, time per epoch`. At the end it writes
// <out>_decision.svg (the points over the model's decision surface, computed
// for all grid points in one batch) and <out>_loss.svg (the loss curve); with
// --graph also <out>_graph.dot/.svg, the computation graph of the model on
// the first point.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/graph.h"
#include "minitorch/plot.h"
#include "minitorch/tensor_network.h"

namespace {

struct Options {
  std::string dataset = "simple";
  int points = 50;
  int hidden = 2;
  double rate = 0.5;
  int epochs = 500;
  std::uint64_t seed = 0;
  std::string out;
  std::string backend = "simple";
  bool graph = false;
};

void usage() {
  std::cout << "usage: train_tensor [--dataset NAME] [--pts N] [--hidden N] [--rate R] [--epochs N] [--seed S]\n"
               "                    [--out PREFIX] [--graph] [--backend NAME]\n"
               "  --dataset  simple diag split xor circle spiral (default simple)\n"
               "  --pts      number of points (default 50)\n"
               "  --hidden   hidden layer size (default 2; try 10 for split and xor)\n"
               "  --rate     learning rate (default 0.5)\n"
               "  --epochs   epochs (default 500)\n"
               "  --seed     seed of the dataset and of the initial weights (default 0)\n"
               "  --out      prefix of the pictures (default tensor_<dataset>)\n"
               "  --graph    also draw the computation graph of the model on the first point\n"
               "  --backend  the tensor backend to compute with (default simple; Module 3 adds fast and cuda)\n";
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw minitorch::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--dataset") {
      o.dataset = value();
    } else if (arg == "--pts") {
      o.points = std::stoi(value());
    } else if (arg == "--hidden") {
      o.hidden = std::stoi(value());
    } else if (arg == "--rate") {
      o.rate = std::stod(value());
    } else if (arg == "--epochs") {
      o.epochs = std::stoi(value());
    } else if (arg == "--seed") {
      o.seed = std::stoull(value());
    } else if (arg == "--out") {
      o.out = value();
    } else if (arg == "--backend") {
      o.backend = value();
    } else if (arg == "--graph") {
      o.graph = true;
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw minitorch::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  if (o.epochs < 1) throw minitorch::ValueError("--epochs must be at least 1");
  if (o.out.empty()) o.out = "tensor_" + o.dataset;
  return o;
}

// A progress bar on the terminal (not in logs written to a file).
void show_progress(const minitorch::TensorEpochReport& r) {
  static const bool terminal = ::isatty(STDERR_FILENO) != 0;
  if (!terminal) return;
  constexpr int kWidth = 30;
  const int filled = kWidth * r.epoch / r.max_epochs;
  std::fprintf(stderr, "\r[%s%s] epoch %d/%d  %.4fs/epoch  about %.0fs left ",
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), r.epoch, r.max_epochs, r.seconds,
               r.seconds * (r.max_epochs - r.epoch));
  if (r.epoch == r.max_epochs) std::fprintf(stderr, "\r%*s\r", kWidth + 60, "");
}

void log_epoch(const minitorch::TensorEpochReport& r) {
  show_progress(r);
  if (r.epoch % 10 != 0 && r.epoch != r.max_epochs) return;
  if (::isatty(STDERR_FILENO)) std::fprintf(stderr, "\r%*s\r", 90, "");
  std::printf("Epoch %4d/%d  loss %9.4f  correct %d/%d  time per epoch %.3f ms\n", r.epoch, r.max_epochs, r.loss,
              r.correct, r.total, r.seconds * 1e3);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const minitorch::Dataset data = minitorch::make_dataset(o.dataset, o.points, o.seed);
    std::printf("Training a Tensor network (hidden %d) on %s (%d points), rate %g, %d epochs, seed %llu\n", o.hidden,
                data.name.c_str(), data.size(), o.rate, o.epochs, static_cast<unsigned long long>(o.seed));
    minitorch::TensorTrainOptions train;
    train.hidden = o.hidden;
    train.learning_rate = o.rate;
    train.max_epochs = o.epochs;
    train.seed = o.seed;
    train.backend = &minitorch::backend_by_name(o.backend);
    const minitorch::TensorTrainResult result = minitorch::train_tensor(data, train, log_epoch);
    const minitorch::TensorNetwork& model = *result.model;
    std::printf("Trained model: %d/%d correct, %.3f ms per epoch on average\n", result.final_correct, data.size(),
                result.seconds_per_epoch * 1e3);

    minitorch::plot::DecisionPlotOptions decision;
    decision.title = data.name + ", hidden " + std::to_string(o.hidden) + ": " + std::to_string(result.final_correct) +
                     "/" + std::to_string(data.size()) + " correct";
    const minitorch::plot::BatchClassifier classifier = [&model](const std::vector<std::array<double, 2>>& points) {
      return minitorch::predict(model, points);  // every grid point in one forward pass
    };
    minitorch::plot::write_file(o.out + "_decision.svg", minitorch::plot::decision_svg(data, classifier, decision));
    minitorch::plot::LossPlotOptions loss;
    loss.title = data.name + ": loss per epoch (rate " + std::to_string(o.rate).substr(0, 6) + ")";
    minitorch::plot::write_file(o.out + "_loss.svg", minitorch::plot::line_svg(result.losses, loss));
    std::printf("wrote %s_decision.svg and %s_loss.svg\n", o.out.c_str(), o.out.c_str());

    if (o.graph) {
      minitorch::Dataset first;
      first.X = {data.X[0]};
      first.y = {data.y[0]};
      const minitorch::Tensor x = minitorch::dataset_points(first, model.backend());
      x.set_name("x");
      const minitorch::GraphFiles files = minitorch::write_graph(minitorch::to_dot(model.forward(x)), o.out + "_graph");
      std::printf("wrote %s; %s\n", files.dot_path.c_str(), files.message.c_str());
    }
    return 0;
  } catch (const minitorch::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
