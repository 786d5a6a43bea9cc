// module0/include/minitorch/train_report.h
//
// What the training programs (train_scalar, train_tensor, train_fast) share
// around the harness of training.h: their common options, the header line,
// the console log (a progress bar and one epoch line format), the summary,
// the JSON report and the pictures (decision surface and loss curve).
//
//   cli::Parser parser("train_x", "...");
//   add_training_options(parser, {.hidden = 2, .rate = 0.5});
//   ... cli::run_main(argc, argv, parser, [](const cli::Args& args) {
//     TrainingRun run = training_run(args, "train_x", "x");
//     print_header(run);
//     const auto result = train_x(run.data, ..., ConsoleReporter());
//     finish_training(run, result, classifier);   // summary, pictures, --json
//   });
#pragma once

#include <cstdint>
#include <string>

#include "minitorch/cli_options.h"
#include "minitorch/datasets.h"
#include "minitorch/plot.h"
#include "minitorch/training.h"

namespace minitorch {

/// Prints a progress bar on a terminal (stderr, not in logs written to a
/// file) and, every `every` epochs and at the last, an epoch line on stdout:
///   Epoch  300/300  loss    1.2345  correct 50/50  time per epoch 0.412 ms
class ConsoleReporter {
 public:
  explicit ConsoleReporter(int every = 10) : every_(every) {}
  EpochAction operator()(const EpochReport& report) const;

  static std::string epoch_line(const EpochReport& report);
  /// "Trained model: 50/50 correct after epoch 300 (...); time per epoch: mean ..., median ..."
  static std::string summary(const TrainResult& result);

 private:
  int every_;
};

/// "0.412 ms", "1.250 s".
std::string format_duration(double seconds);

struct TrainingDefaults {
  int hidden = 2;
  double rate = 0.5;
  int epochs = 500;
};

/// Adds --dataset --pts --hidden --rate --epochs --seed --out --json.
void add_training_options(cli::Parser& parser, const TrainingDefaults& defaults);

/// One training program's run: the common options and the dataset they make.
struct TrainingRun {
  std::string program;  // "train_scalar"
  std::string model;    // "Scalar network", for the header and the report
  Dataset data;
  int hidden = 0;
  double rate = 0.0;
  int epochs = 0;
  std::uint64_t seed = 0;
  std::string out;      // prefix of the pictures
  std::string json;     // the JSON report's path, empty for none
  int batch = 0;        // points per step; 0: the whole dataset
  std::string backend;  // empty: no tensor backend (scalars)
};

/// Reads the options of add_training_options and makes the dataset; the
/// pictures' prefix defaults to <out_prefix>_<dataset>.
TrainingRun training_run(const cli::Args& args, const std::string& program, const std::string& model,
                         const std::string& out_prefix);

/// A module's training options (ScalarTrainOptions, TensorTrainOptions,
/// FastTrainOptions) with the run's hidden size, rate, epochs and seed.
template <class Options>
Options train_options(const TrainingRun& run, Options options = {}) {
  options.hidden = run.hidden;
  options.learning_rate = run.rate;
  options.max_epochs = run.epochs;
  options.seed = run.seed;
  return options;
}

/// "Training the <model> on <dataset> (<n> points): hidden H, rate R, E epochs, seed S[, batch B][, backend X]"
void print_header(const TrainingRun& run, const std::string& note = "");

/// The run and its result as JSON: options, every epoch, the final count.
std::string training_json(const TrainingRun& run, const TrainResult& result);

/// Writes <out>_decision.svg (the points over the model's decision surface)
/// and <out>_loss.svg (the loss curve); returns the two paths.
std::pair<std::string, std::string> write_training_pictures(const TrainingRun& run, const TrainResult& result,
                                                            const plot::BatchClassifier& model);

/// The end of a training program: the summary line, the pictures, and the
/// JSON report when --json was given; says which files it wrote.
void finish_training(const TrainingRun& run, const TrainResult& result, const plot::BatchClassifier& model);

}  // namespace minitorch
