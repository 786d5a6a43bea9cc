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
//   train_fast --backend cuda --dataset split --hidden 100     Tasks 3.3/3.4's kernels on the GPU
//                                                              (the simulator, slowly, without one)
//
// The log, the summary (mean and median time per epoch: the median ignores
// the epochs another program interrupted), the pictures and the --json
// report are those of train_scalar and train_tensor (the training harness,
// minitorch/train_report.h).
#include <cstdio>
#include <iostream>
#include <string>

#include "minitorch/cli_options.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/fast_backend.h"
#include "minitorch/fast_network.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/train_report.h"

int main(int argc, char** argv) {
  namespace mt = minitorch;
  using mt::cli::Kind;
  mt::cli::Parser parser("train_fast", "Trains the network of Task 3.5 in mini-batches on a backend and times it.");
  mt::add_training_options(parser, {.hidden = 10, .rate = 0.05, .epochs = 500});
  parser
      .add({"backend", "NAME",
            "fast, simple, cuda (a GPU) or cudasim (the CUDA simulator); 'list' prints the backends of this build",
            "fast", Kind::String})
      .add({"batch", "N", "points per SGD step", "10", Kind::Int, 1})
      .add({"threads", "N", "threads of the fast backend (0: OpenMP's default)", "0", Kind::Int, 0});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const mt::TensorBackend* backend = mt::program_backend(args, "Try --epochs 5.");
    if (backend == nullptr) return 0;  // --backend list
    mt::TrainingRun run = mt::training_run(args, "train_fast", "fast network", "fast");
    auto train = mt::train_options<mt::FastTrainOptions>(run);
    train.backend = backend;
    train.batch = run.batch = args.get_int("batch");
    run.backend = train.backend->name;
    mt::print_header(run, run.backend == "fast" ? " (" + std::to_string(mt::fast_threads()) + " threads)" : "");
    const mt::FastTrainResult result = mt::train_fast(run.data, train, mt::ConsoleReporter());
    const mt::FastNetwork& model = *result.model;
    mt::finish_training(
        run, result, [&model](const std::vector<std::array<double, 2>>& points) { return mt::predict(model, points); });
    return 0;
  });
}
