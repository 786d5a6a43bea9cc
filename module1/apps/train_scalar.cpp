// module1/apps/train_scalar.cpp
//
// Task 1.5: trains the Scalar network on a dataset (run_scalar.py) and draws
// what it learned.
//
//   train_scalar                                     simple, 50 points, hidden 2, rate 0.5
//   train_scalar --dataset xor --hidden 10 --rate 0.5
//   train_scalar --dataset split --epochs 1000 --seed 3 --out pictures/split --json split.json
//
// Prints a progress bar while it runs and, every 10 epochs and at the last,
// a line `epoch, loss, correct, time per epoch` (correct: counted after the
// epoch's update, so the last line and the final count agree). At the end it
// writes <out>_decision.svg (the points over the model's decision surface)
// and <out>_loss.svg (the loss curve); with --json the whole run as JSON;
// with --graph also <out>_graph.dot/.svg, the computation graph of the model
// on the first point. The options, log, report and pictures are the training
// harness's (minitorch/train_report.h), shared with train_tensor and train_fast.
#include <cstdio>

#include "minitorch/cli_options.h"
#include "minitorch/graph.h"
#include "minitorch/scalar_network.h"
#include "minitorch/train_report.h"

int main(int argc, char** argv) {
  namespace mt = minitorch;
  mt::cli::Parser parser("train_scalar", "Trains the Scalar network of Task 1.5 and draws what it learned.");
  mt::add_training_options(parser, {.hidden = 2, .rate = 0.5, .epochs = 500});
  parser.add({"graph", "", "also draw the computation graph of the model on the first point", "", mt::cli::Kind::Flag});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const mt::TrainingRun run = mt::training_run(args, "train_scalar", "Scalar network", "scalar");
    mt::print_header(run);
    const auto train = mt::train_options<mt::ScalarTrainOptions>(run);
    const mt::ScalarTrainResult result = mt::train_scalar(run.data, train, mt::ConsoleReporter());
    const mt::ScalarNetwork& model = *result.model;
    mt::finish_training(run, result, mt::plot::BatchClassifier([&](const std::vector<std::array<double, 2>>& points) {
                          std::vector<double> p;
                          for (const auto& [x1, x2] : points) p.push_back(model.predict(x1, x2));
                          return p;
                        }));
    if (args.flag("graph")) {
      const mt::Scalar x1(run.data.X[0][0], "x_1"), x2(run.data.X[0][1], "x_2");
      const mt::GraphFiles files = mt::write_graph(mt::to_dot(model.forward(x1, x2)), run.out + "_graph");
      std::printf("wrote %s; %s\n", files.dot_path.c_str(), files.message.c_str());
    }
    return 0;
  });
}
