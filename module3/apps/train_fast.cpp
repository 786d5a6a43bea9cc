// module3/apps/train_fast.cpp
//
// Task 3.5: trains the network with matrix multiplies in mini-batches
// (run_fast_tensor.py) on the backend of your choice, reports the time per
// epoch and draws what it learned.
//
//   train_fast                                          fast backend, simple, hidden 10, rate 0.05
//   train_fast --backend fast --dataset split --hidden 100 --rate 0.05
//   train_fast --backend simple --dataset split --hidden 100 --epochs 50
//   train_fast --dataset xor --hidden 10 --rate 0.05 --epochs 500 --seed 3 --out pictures/xor
//
// Prints a progress bar while it runs and, every 10 epochs and at the last,
// a line `epoch, loss, correct, time per epoch`; at the end the mean and the
// median time per epoch (the median ignores the epochs another program
// interrupted), and it writes <out>_decision.svg (the points over the
// model's decision surface) and <out>_loss.svg (the loss curve).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#include "minitorch/plot.h"
#include "minitorch/tensor_backend.h"

namespace {

struct Options {
  std::string backend = "fast";
  std::string dataset = "simple";
  int points = 50;
  int hidden = 10;
  double rate = 0.05;
  int epochs = 500;
  int batch = 10;
  int threads = 0;
  std::uint64_t seed = 0;
  std::string out;
};

void usage() {
  std::cout << "usage: train_fast [--backend NAME] [--dataset NAME] [--pts N] [--hidden N] [--rate R] [--epochs N]\n"
               "                  [--batch N] [--seed S] [--threads N] [--out PREFIX]\n"
               "  --backend  fast or simple (default fast; 'list' prints the backends of this build)\n"
               "  --dataset  simple diag split xor circle spiral (default simple)\n"
               "  --pts      number of points (default 50)\n"
               "  --hidden   hidden layer size (default 10)\n"
               "  --rate     learning rate (default 0.05)\n"
               "  --epochs   epochs (default 500)\n"
               "  --batch    points per SGD step (default 10)\n"
               "  --seed     seed of the dataset, the initial weights and the shuffling (default 0)\n"
               "  --threads  threads of the fast backend (default: OpenMP's default)\n"
               "  --out      prefix of the pictures (default fast_<dataset>)\n";
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw minitorch::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--backend") {
      o.backend = value();
    } else if (arg == "--dataset") {
      o.dataset = value();
    } else if (arg == "--pts") {
      o.points = std::stoi(value());
    } else if (arg == "--hidden") {
      o.hidden = std::stoi(value());
    } else if (arg == "--rate") {
      o.rate = std::stod(value());
    } else if (arg == "--epochs") {
      o.epochs = std::stoi(value());
    } else if (arg == "--batch") {
      o.batch = std::stoi(value());
    } else if (arg == "--seed") {
      o.seed = std::stoull(value());
    } else if (arg == "--threads") {
      o.threads = std::stoi(value());
    } else if (arg == "--out") {
      o.out = value();
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw minitorch::ValueError("unknown option '" + arg + "' (see --help)");
    }
  }
  if (o.epochs < 1) throw minitorch::ValueError("--epochs must be at least 1");
  if (o.out.empty()) o.out = "fast_" + o.dataset;
  return o;
}

// A progress bar on the terminal (not in logs written to a file).
void show_progress(const minitorch::FastEpochReport& r) {
  static const bool terminal = ::isatty(STDERR_FILENO) != 0;
  if (!terminal) return;
  constexpr int kWidth = 30;
  const int filled = kWidth * r.epoch / r.max_epochs;
  std::fprintf(stderr, "\r[%s%s] epoch %d/%d  %.5fs/epoch  about %.0fs left ",
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), r.epoch, r.max_epochs, r.seconds,
               r.seconds * (r.max_epochs - r.epoch));
  if (r.epoch == r.max_epochs) std::fprintf(stderr, "\r%*s\r", kWidth + 60, "");
}

std::vector<double> epoch_seconds;  // of every epoch, for the median

void log_epoch(const minitorch::FastEpochReport& r) {
  epoch_seconds.push_back(r.seconds);
  show_progress(r);
  if (r.epoch % 10 != 0 && r.epoch != r.max_epochs) return;
  if (::isatty(STDERR_FILENO)) std::fprintf(stderr, "\r%*s\r", 90, "");
  std::printf("Epoch %4d/%d  loss %9.4f  correct %d/%d  time per epoch %.5fs\n", r.epoch, r.max_epochs, r.loss,
              r.correct, r.total, r.seconds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    if (o.backend == "list") {
      for (const std::string& name : minitorch::backend_names()) std::cout << name << "\n";
      return 0;
    }
    if (o.threads > 0) minitorch::set_fast_threads(o.threads);
    const minitorch::TensorBackend& backend = minitorch::backend_by_name(o.backend);
    const minitorch::Dataset data = minitorch::make_dataset(o.dataset, o.points, o.seed);
    std::printf("Training on the %s backend%s: hidden %d, %s (%d points), batch %d, rate %g, %d epochs, seed %llu\n",
                backend.name.c_str(),
                backend.name == "fast" ? (" (" + std::to_string(minitorch::fast_threads()) + " threads)").c_str() : "",
                o.hidden, data.name.c_str(), data.size(), o.batch, o.rate, o.epochs,
                static_cast<unsigned long long>(o.seed));
    minitorch::FastTrainOptions train;
    train.hidden = o.hidden;
    train.learning_rate = o.rate;
    train.max_epochs = o.epochs;
    train.batch = o.batch;
    train.seed = o.seed;
    train.backend = &backend;
    const minitorch::FastTrainResult result = minitorch::train_fast(data, train, log_epoch);
    const minitorch::FastNetwork& model = *result.model;
    std::vector<double> sorted = epoch_seconds;
    std::sort(sorted.begin(), sorted.end());
    std::printf("Trained model: %d/%d correct; time per epoch: mean %.5fs, median %.5fs (%s backend)\n",
                result.final_correct, data.size(), result.seconds_per_epoch, sorted[sorted.size() / 2],
                backend.name.c_str());

    minitorch::plot::DecisionPlotOptions decision;
    decision.title = data.name + ", hidden " + std::to_string(o.hidden) + ", " + backend.name + ": " +
                     std::to_string(result.final_correct) + "/" + std::to_string(data.size()) + " correct";
    const minitorch::plot::BatchClassifier classifier = [&model](const std::vector<std::array<double, 2>>& points) {
      return minitorch::predict(model, points);
    };
    minitorch::plot::write_file(o.out + "_decision.svg", minitorch::plot::decision_svg(data, classifier, decision));
    minitorch::plot::LossPlotOptions loss;
    loss.title = data.name + ": loss per epoch (rate " + std::to_string(o.rate).substr(0, 6) + ", batch " +
                 std::to_string(o.batch) + ")";
    minitorch::plot::write_file(o.out + "_loss.svg", minitorch::plot::line_svg(result.losses, loss));
    std::printf("wrote %s_decision.svg and %s_loss.svg\n", o.out.c_str(), o.out.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
