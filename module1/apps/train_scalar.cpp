// module1/apps/train_scalar.cpp
//
// Task 1.5: trains the Scalar network on a dataset (run_scalar.py) and draws
// what it learned.
//
//   train_scalar                                     simple, 50 points, hidden 2, rate 0.5
//   train_scalar --dataset xor --hidden 10 --rate 0.5
//   train_scalar --dataset split --epochs 1000 --seed 3 --out pictures/split
//
// Prints a progress bar while it runs and, every 10 epochs and at the last,
// a line `epoch, loss, correct, time per epoch`. At the end it writes
// <out>_decision.svg (the points over the model's decision surface) and
// <out>_loss.svg (the loss curve); with --graph also <out>_graph.dot/.svg,
// the computation graph of the model on the first point.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/graph.h"
#include "minitorch/plot.h"
#include "minitorch/scalar_network.h"

namespace {

struct Options {
  std::string dataset = "simple";
  int points = 50;
  int hidden = 2;
  double rate = 0.5;
  int epochs = 500;
  std::uint64_t seed = 0;
  std::string out;
  bool graph = false;
};

void usage() {
  std::cout << "usage: train_scalar [--dataset NAME] [--pts N] [--hidden N] [--rate R] [--epochs N] [--seed S]\n"
               "                    [--out PREFIX] [--graph]\n"
               "  --dataset  simple diag split xor circle spiral (default simple)\n"
               "  --pts      number of points (default 50)\n"
               "  --hidden   hidden layer size (default 2; try 10 for xor)\n"
               "  --rate     learning rate (default 0.5)\n"
               "  --epochs   epochs (default 500)\n"
               "  --seed     seed of the dataset and of the initial weights (default 0)\n"
               "  --out      prefix of the pictures (default scalar_<dataset>)\n"
               "  --graph    also draw the computation graph of the model on the first point\n";
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
    } else if (arg == "--graph") {
      o.graph = true;
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw minitorch::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  if (o.out.empty()) o.out = "scalar_" + o.dataset;
  return o;
}

// A progress bar on the terminal (not in logs written to a file).
void show_progress(const minitorch::EpochReport& r) {
  static const bool terminal = ::isatty(STDERR_FILENO) != 0;
  if (!terminal) return;
  constexpr int kWidth = 30;
  const int filled = kWidth * r.epoch / r.max_epochs;
  std::fprintf(stderr, "\r[%s%s] epoch %d/%d  %.3fs/epoch  about %.0fs left ", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), r.epoch, r.max_epochs, r.seconds,
               r.seconds * (r.max_epochs - r.epoch));
  if (r.epoch == r.max_epochs) std::fprintf(stderr, "\r%*s\r", kWidth + 60, "");
}

void log_epoch(const minitorch::EpochReport& r) {
  show_progress(r);
  if (r.epoch % 10 != 0 && r.epoch != r.max_epochs) return;
  if (::isatty(STDERR_FILENO)) std::fprintf(stderr, "\r%*s\r", 90, "");
  std::printf("Epoch %4d/%d  loss %9.4f  correct %d/%d  time per epoch %.4fs\n", r.epoch, r.max_epochs, r.loss,
              r.correct, r.total, r.seconds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const minitorch::Dataset data = minitorch::make_dataset(o.dataset, o.points, o.seed);
    std::printf("Training a Scalar network (hidden %d) on %s (%d points), rate %g, %d epochs, seed %llu\n", o.hidden,
                data.name.c_str(), data.size(), o.rate, o.epochs, static_cast<unsigned long long>(o.seed));
    minitorch::ScalarTrainOptions train;
    train.hidden = o.hidden;
    train.learning_rate = o.rate;
    train.max_epochs = o.epochs;
    train.seed = o.seed;
    const minitorch::ScalarTrainResult result = minitorch::train_scalar(data, train, log_epoch);
    const minitorch::ScalarNetwork& model = *result.model;
    std::printf("Trained model: %d/%d correct\n", result.final_correct, data.size());

    minitorch::plot::DecisionPlotOptions decision;
    decision.title = data.name + ", hidden " + std::to_string(o.hidden) + ": " + std::to_string(result.final_correct) +
                     "/" + std::to_string(data.size()) + " correct";
    minitorch::plot::write_file(
        o.out + "_decision.svg",
        minitorch::plot::decision_svg(
            data, minitorch::plot::PointClassifier([&](double a, double b) { return model.predict(a, b); }), decision));
    minitorch::plot::LossPlotOptions loss;
    char rate[32];
    std::snprintf(rate, sizeof rate, "%g", o.rate);
    loss.title = data.name + ": loss per epoch (rate " + rate + ")";
    minitorch::plot::write_file(o.out + "_loss.svg", minitorch::plot::line_svg(result.losses, loss));
    std::printf("wrote %s_decision.svg and %s_loss.svg\n", o.out.c_str(), o.out.c_str());

    if (o.graph) {
      const minitorch::Scalar x1(data.X[0][0], "x_1"), x2(data.X[0][1], "x_2");
      const minitorch::GraphFiles files =
          minitorch::write_graph(minitorch::to_dot(model.forward(x1, x2)), o.out + "_graph");
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
