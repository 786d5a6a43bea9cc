// module2/apps/train_tensor.cpp
//
// Task 2.5: trains the tensor network on a dataset (run_tensor.py) and draws
// what it learned. The whole dataset goes through the network at once.
//
//   train_tensor                                     simple, 50 points, hidden 2, rate 0.5
//   train_tensor --dataset split --hidden 10 --rate 0.5
//   train_tensor --dataset xor --hidden 10 --epochs 1000 --seed 3 --out pictures/xor --json xor.json
//
// The log, the pictures (<out>_decision.svg, computed for all grid points in
// one batch, and <out>_loss.svg) and the --json report are those of
// train_scalar (the training harness, minitorch/train_report.h); --graph also
// draws the computation graph of the model on the first point, and --backend
// chooses what the tensors compute with.
#include <cstdio>

#include "minitorch/cli_options.h"
#include "minitorch/graph.h"
#include "minitorch/tensor_network.h"
#include "minitorch/train_report.h"

int main(int argc, char** argv) {
  namespace mt = minitorch;
  mt::cli::Parser parser("train_tensor", "Trains the tensor network of Task 2.5 and draws what it learned.");
  mt::add_training_options(parser, {.hidden = 2, .rate = 0.5, .epochs = 500});
  parser.add({"graph", "", "also draw the computation graph of the model on the first point", "", mt::cli::Kind::Flag})
      .add({"backend", "NAME", "the tensor backend to compute with (Module 3 adds fast and cuda)", "simple",
            mt::cli::Kind::String});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    mt::TrainingRun run = mt::training_run(args, "train_tensor", "tensor network", "tensor");
    auto train = mt::train_options<mt::TensorTrainOptions>(run);
    train.backend = &mt::backend_by_name(args.get_string("backend"));
    run.backend = train.backend->name;
    mt::print_header(run);
    const mt::TensorTrainResult result = mt::train_tensor(run.data, train, mt::ConsoleReporter());
    const mt::TensorNetwork& model = *result.model;
    mt::finish_training(run, result, [&model](const std::vector<std::array<double, 2>>& points) {
      return mt::predict(model, points);  // every grid point in one forward pass
    });
    if (args.flag("graph")) {
      mt::Dataset first;
      first.X = {run.data.X[0]};
      first.y = {run.data.y[0]};
      const mt::Tensor x = mt::dataset_points(first, model.backend());
      x.set_name("x");
      const mt::GraphFiles files = mt::write_graph(mt::to_dot(model.forward(x)), run.out + "_graph");
      std::printf("wrote %s; %s\n", files.dot_path.c_str(), files.message.c_str());
    }
    return 0;
  });
}
