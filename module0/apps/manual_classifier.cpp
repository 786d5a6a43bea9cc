// module0/apps/manual_classifier.cpp
//
// Task 0.5: draws a dataset with the decision surface of the hand-set linear
// classifier, so you can find parameters that split it.
//
//   manual_classifier --dataset diag --set linear.weight_0_0=-10 --set linear.bias_0=5
//   manual_classifier --dataset simple            (uses your hand_set_parameters)
//   manual_classifier --all                       (pictures of all six datasets)
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/datasets.h"
#include "minitorch/errors.h"
#include "minitorch/manual_classifier.h"
#include "minitorch/plot.h"

namespace {

struct Options {
  std::string dataset = "simple";
  int points = 50;
  std::uint64_t seed = 0;
  std::string out;
  bool all = false;
  minitorch::ParameterSettings settings;
};

void usage() {
  std::cout << "usage: manual_classifier [--dataset NAME] [--pts N] [--seed S] [--set NAME=VALUE]... [--out FILE.svg]\n"
               "       manual_classifier --all [--pts N] [--seed S]\n"
               "datasets: simple diag split xor circle spiral\n"
               "parameters: linear.weight_0_0 (x1), linear.weight_1_0 (x2), linear.bias_0\n";
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw minitorch::ValueError("option " + arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--dataset")
      o.dataset = value();
    else if (arg == "--pts")
      o.points = std::stoi(value());
    else if (arg == "--seed")
      o.seed = std::stoull(value());
    else if (arg == "--out")
      o.out = value();
    else if (arg == "--all")
      o.all = true;
    else if (arg == "--set") {
      const std::string kv = value();
      const auto eq = kv.find('=');
      if (eq == std::string::npos) throw minitorch::ValueError("--set expects NAME=VALUE, got '" + kv + "'");
      o.settings.emplace_back(kv.substr(0, eq), std::stod(kv.substr(eq + 1)));
    } else if (arg == "-h" || arg == "--help") {
      usage();
      std::exit(0);
    } else {
      throw minitorch::ValueError("unknown option '" + arg + "' (see --help)");
    }
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
  try {
    const Options o = parse(argc, argv);
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
  } catch (const minitorch::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
