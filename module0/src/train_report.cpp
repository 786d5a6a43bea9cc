// module0/src/train_report.cpp
#include "minitorch/train_report.h"

#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "minitorch/json_writer.h"

namespace minitorch {

namespace {

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

bool stderr_is_terminal() {
  static const bool terminal = ::isatty(STDERR_FILENO) != 0;
  return terminal;
}

}  // namespace

std::string format_duration(double seconds) {
  char text[32];
  if (seconds >= 1.0) {
    std::snprintf(text, sizeof text, "%.3f s", seconds);
  } else {
    std::snprintf(text, sizeof text, "%.3f ms", seconds * 1e3);
  }
  return text;
}

std::string ConsoleReporter::epoch_line(const EpochReport& r) {
  char text[160];
  std::snprintf(text, sizeof text, "Epoch %4d/%d  loss %9.4f  correct %d/%d  time per epoch %s", r.epoch, r.max_epochs,
                r.loss, r.correct, r.total, format_duration(r.seconds).c_str());
  return text;
}

EpochAction ConsoleReporter::operator()(const EpochReport& r) const {
  constexpr int kWidth = 30;
  const bool terminal = stderr_is_terminal();
  if (terminal) {
    const int filled = r.max_epochs > 0 ? kWidth * r.epoch / r.max_epochs : kWidth;
    std::fprintf(stderr, "\r[%s%s] epoch %d/%d  %s/epoch  about %.0fs left ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), r.epoch, r.max_epochs,
                 format_duration(r.seconds).c_str(), r.seconds * (r.max_epochs - r.epoch));
  }
  if (r.epoch % every_ == 0 || r.epoch == r.max_epochs) {
    if (terminal) std::fprintf(stderr, "\r%*s\r", kWidth + 60, "");
    std::printf("%s\n", epoch_line(r).c_str());
    std::fflush(stdout);
  }
  return EpochAction::Continue;
}

std::string ConsoleReporter::summary(const TrainResult& result) {
  std::string text = "Trained model: " + std::to_string(result.final_correct) + "/" + std::to_string(result.total) +
                     " correct after epoch " + std::to_string(result.epochs_run()) +
                     (result.stopped ? " (stopped early)" : "") + "; time per epoch: mean " +
                     format_duration(result.seconds_per_epoch) + ", median " +
                     format_duration(result.median_seconds_per_epoch());
  return text;
}

void add_training_options(cli::Parser& parser, const TrainingDefaults& defaults) {
  using cli::Kind;
  parser.add({"dataset", "NAME", "simple diag split xor circle spiral", "simple", Kind::String})
      .add({"pts", "N", "number of points", "50", Kind::Int, 1})
      .add({"hidden", "N", "hidden layer size", std::to_string(defaults.hidden), Kind::Int, 1})
      .add({"rate", "R", "learning rate", number(defaults.rate), Kind::Double, 0})
      .add({"epochs", "N", "epochs", std::to_string(defaults.epochs), Kind::Int, 1})
      .add({"seed", "S", "seed of the dataset, the initial weights and any shuffling", "0", Kind::Int, 0})
      .add({"out", "PREFIX", "prefix of the pictures (default: the model and the dataset, e.g. scalar_xor)", "",
            Kind::String})
      .add({"json", "FILE", "also write the run (options, every epoch, the result) as JSON", "", Kind::String});
}

TrainingRun training_run(const cli::Args& args, const std::string& program, const std::string& model,
                         const std::string& out_prefix) {
  TrainingRun run;
  run.program = program;
  run.model = model;
  run.seed = static_cast<std::uint64_t>(args.get_int("seed"));
  run.data = make_dataset(args.get_string("dataset"), args.get_int("pts"), run.seed);
  run.hidden = args.get_int("hidden");
  run.rate = args.get_double("rate");
  run.epochs = args.get_int("epochs");
  run.out = args.given("out") ? args.get_string("out") : out_prefix + "_" + args.get_string("dataset");
  run.json = args.get_string("json");
  return run;
}

void print_header(const TrainingRun& run, const std::string& note) {
  std::printf("Training the %s on %s (%d points): hidden %d, rate %s, %d epochs, seed %llu%s%s%s\n", run.model.c_str(),
              run.data.name.c_str(), run.data.size(), run.hidden, number(run.rate).c_str(), run.epochs,
              static_cast<unsigned long long>(run.seed),
              run.batch > 0 ? (", batch " + std::to_string(run.batch)).c_str() : "",
              run.backend.empty() ? "" : (", " + run.backend + " backend").c_str(), note.c_str());
  std::fflush(stdout);
}

std::string training_json(const TrainingRun& run, const TrainResult& result) {
  JsonWriter json;
  json.begin_object();
  json.key("program").value(run.program).key("model").value(run.model);
  json.key("dataset").value(run.data.name).key("points").value(run.data.size());
  json.key("hidden").value(run.hidden).key("rate").value(run.rate).key("max_epochs").value(run.epochs);
  json.key("seed").value(run.seed).key("batch").value(run.batch > 0 ? run.batch : run.data.size());
  json.key("backend");
  if (run.backend.empty()) {
    json.null();
  } else {
    json.value(run.backend);
  }
  json.key("epochs").begin_array();
  for (const EpochReport& e : result.epochs) {
    json.begin_object().key("epoch").value(e.epoch).key("loss").value(e.loss).key("correct").value(e.correct);
    json.key("total").value(e.total).key("seconds").value(e.seconds).end_object();
  }
  json.end_array();
  json.key("result").begin_object();
  json.key("epochs_run").value(result.epochs_run()).key("stopped").value(result.stopped);
  json.key("correct").value(result.final_correct).key("total").value(result.total);
  json.key("seconds_per_epoch").value(result.seconds_per_epoch);
  json.key("median_seconds_per_epoch").value(result.median_seconds_per_epoch());
  json.end_object().end_object();
  return json.str() + "\n";
}

std::pair<std::string, std::string> write_training_pictures(const TrainingRun& run, const TrainResult& result,
                                                            const plot::BatchClassifier& model) {
  const std::string where = run.backend.empty() ? "" : ", " + run.backend;
  plot::DecisionPlotOptions decision;
  decision.title = run.data.name + ", hidden " + std::to_string(run.hidden) + where + ": " +
                   std::to_string(result.final_correct) + "/" + std::to_string(result.total) + " correct";
  const std::string decision_path = run.out + "_decision.svg";
  plot::write_file(decision_path, plot::decision_svg(run.data, model, decision));
  plot::LossPlotOptions loss;
  loss.title = run.data.name + ": loss per epoch (rate " + number(run.rate) +
               (run.batch > 0 ? ", batch " + std::to_string(run.batch) : "") + ")";
  const std::string loss_path = run.out + "_loss.svg";
  plot::write_file(loss_path, plot::line_svg(result.losses, loss));
  return {decision_path, loss_path};
}

void finish_training(const TrainingRun& run, const TrainResult& result, const plot::BatchClassifier& model) {
  std::printf("%s\n", ConsoleReporter::summary(result).c_str());
  const auto [decision, loss] = write_training_pictures(run, result, model);
  std::printf("wrote %s and %s\n", decision.c_str(), loss.c_str());
  if (!run.json.empty()) {
    plot::write_file(run.json, training_json(run, result));
    std::printf("wrote %s\n", run.json.c_str());
  }
}

}  // namespace minitorch
