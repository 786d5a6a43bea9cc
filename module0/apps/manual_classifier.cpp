// module0/apps/manual_classifier.cpp
//
// Task 0.5: draws a dataset with the decision surface of the hand-set linear
// classifier, so you can find parameters that split it.
//
//   manual_classifier --dataset diag --set linear.weight_0_0=-10 --set linear.bias_0=5
//   manual_classifier --dataset simple            (uses your hand_set_parameters)
//   manual_classifier --all                       (pictures of all six datasets)
#include <cstdlib>
#include <iostream>
#include <string>

#include "minitorch/cli_options.h"
#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/manual_classifier.h"
#include "minitorch/plot.h"

namespace {

struct Options {
  std::string dataset;
  int points = 50;
  std::uint64_t seed = 0;
  std::string out;
  bool all = false;
  minitorch::ParameterSettings settings;
};

Options read_options(const minitorch::cli::Args& args) {
  Options o;
  o.dataset = args.get_string("dataset");
  o.points = args.get_int("pts");
  o.seed = static_cast<std::uint64_t>(args.get_int("seed"));
  o.out = args.get_string("out");
  o.all = args.flag("all");
  for (const std::string& kv : args.get_list("set")) {
    const auto eq = kv.find('=');
    const std::string value = eq == std::string::npos ? "" : kv.substr(eq + 1);
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (eq == std::string::npos || value.empty() || *end != '\0') {
      throw minitorch::cli::UsageError("--set expects NAME=VALUE with a number, got '" + kv + "'");
    }
    o.settings.emplace_back(kv.substr(0, eq), number);
  }
  return o;
}

void draw(const Options& o, const std::string& name, minitorch::ManualNetwork& model, const std::string& out) {
  const minitorch::Dataset data = minitorch::make_dataset(name, o.points, o.seed);
  const int correct = minitorch::count_correct(model, data);
  minitorch::plot::DecisionPlotOptions plot;
  plot.title = name + ": " + std::to_string(correct) + "/" + std::to_string(data.size()) + " correct";
  minitorch::plot::write_file(
      out, minitorch::plot::decision_svg(
               data, minitorch::plot::PointClassifier([&](double a, double b) { return model(a, b); }), plot));
  std::cout << name << ": " << correct << "/" << data.size() << " correct -> " << out << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  using minitorch::cli::Kind;
  minitorch::cli::Parser parser("manual_classifier",
                                "Draws a dataset with the decision surface of the hand-set linear classifier.\n"
                                "Parameters: linear.weight_0_0 (x1), linear.weight_1_0 (x2), linear.bias_0.");
  parser.add({"dataset", "NAME", "simple diag split xor circle spiral", "simple", Kind::String})
      .add({"pts", "N", "number of points", "50", Kind::Int, 1})
      .add({"seed", "S", "seed of the dataset", "0", Kind::Int, 0})
      .add(
          {"set", "NAME=VALUE", "set a parameter (repeat for more; default: your hand_set_parameters)", "", Kind::List})
      .add({"out", "FILE.svg", "the picture (default manual_<dataset>.svg)", "", Kind::String})
      .add({"all", "", "pictures of all six datasets (dataset_<name>.svg)", "", Kind::Flag});
  return minitorch::cli::run_main(argc, argv, parser, [](const minitorch::cli::Args& args) {
    const Options o = read_options(args);
    minitorch::ManualNetwork model;
    if (o.all) {
      for (const auto& name : minitorch::dataset_names()) draw(o, name, model, "dataset_" + name + ".svg");
      return 0;
    }
    if (!o.settings.empty()) {
      minitorch::set_parameters(model, o.settings);
    } else {
      try {
        minitorch::set_parameters(model, minitorch::hand_set_parameters(o.dataset));
      } catch (const minitorch::NotImplemented& e) {
        std::cerr << e.what() << "\nDrawing with the random initial parameters; pass --set NAME=VALUE to try yours.\n";
      } catch (const minitorch::ValueError& e) {
        std::cerr << e.what() << "\nDrawing with the random initial parameters.\n";
      }
    }
    for (const auto& [name, p] : model.named_parameters()) std::cout << name << " = " << p->value << "\n";
    draw(o, o.dataset, model, o.out.empty() ? "manual_" + o.dataset + ".svg" : o.out);
    return 0;
  });
}
