// module0/tests/test_harness.cpp
//
// The training and benchmark harness of the programs (not graded): option
// parsing and its messages, axis ticks, XML and JSON escaping, the seeded
// batches, and run_training's callback.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "minitorch/benchmark.h"
#include "minitorch/cli_options.h"
#include "minitorch/json_writer.h"
#include "minitorch/plot.h"
#include "minitorch/train_report.h"
#include "minitorch/training.h"

namespace mt = minitorch;
namespace cli = minitorch::cli;

namespace {

cli::Parser example_parser() {
  cli::Parser parser("prog", "An example.");
  parser.add({"epochs", "N", "epochs", "500", cli::Kind::Int, 1})
      .add({"rate", "R", "learning rate", "0.5", cli::Kind::Double})
      .add({"dataset", "NAME", "the dataset", "simple", cli::Kind::String})
      .add({"graph", "", "draw the graph", "", cli::Kind::Flag})
      .add({"sizes", "N,N", "sizes", "64,128", cli::Kind::List});
  return parser;
}

std::string usage_error(const std::vector<std::string>& arguments) {
  try {
    example_parser().parse(arguments);
  } catch (const cli::UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(CliOptions, DefaultsAndValues) {
  const cli::Args defaults = example_parser().parse(std::vector<std::string>{});
  EXPECT_EQ(defaults.get_int("epochs"), 500);
  EXPECT_DOUBLE_EQ(defaults.get_double("rate"), 0.5);
  EXPECT_EQ(defaults.get_string("dataset"), "simple");
  EXPECT_FALSE(defaults.flag("graph"));
  EXPECT_FALSE(defaults.given("epochs"));
  EXPECT_EQ(defaults.get_int_list("sizes"), (std::vector<int>{64, 128}));

  const cli::Args args = example_parser().parse(
      std::vector<std::string>{"--epochs", "30", "--rate=1e-2", "--graph", "--sizes", "8,16,32", "--dataset", "xor"});
  EXPECT_EQ(args.get_int("epochs"), 30);
  EXPECT_TRUE(args.given("epochs"));
  EXPECT_DOUBLE_EQ(args.get_double("rate"), 0.01);
  EXPECT_TRUE(args.flag("graph"));
  EXPECT_EQ(args.get_list("sizes"), (std::vector<std::string>{"8", "16", "32"}));
  EXPECT_EQ(args.get_string("dataset"), "xor");
}

TEST(CliOptions, ErrorsNameTheOptionAndWhatItGot) {
  EXPECT_EQ(usage_error({"--epochs", "x"}), "--epochs expects an integer, got 'x'");
  EXPECT_EQ(usage_error({"--epochs", "12abc"}), "--epochs expects an integer, got '12abc'");
  EXPECT_EQ(usage_error({"--epochs", "0"}), "--epochs expects at least 1, got '0'");
  EXPECT_EQ(usage_error({"--rate", "fast"}), "--rate expects a number, got 'fast'");
  EXPECT_NE(usage_error({"--epochs"}).find("--epochs expects an integer"), std::string::npos);
  EXPECT_EQ(usage_error({"--graph=yes"}), "--graph takes no value, got 'yes'");
  EXPECT_EQ(usage_error({"--epoch", "3"}),
            "unknown option '--epoch'; known options: --epochs, --rate, --dataset, --graph, --sizes");
  EXPECT_NE(usage_error({"stray"}).find("unexpected argument 'stray'"), std::string::npos);
}

TEST(CliOptions, ListGivenAgainAddsItems) {
  const cli::Args args = example_parser().parse(std::vector<std::string>{"--sizes", "8", "--sizes", "16,32"});
  EXPECT_EQ(args.get_int_list("sizes"), (std::vector<int>{8, 16, 32}));
}

TEST(CliOptions, SizesListIsCheckedWhenRead) {
  const cli::Args args = example_parser().parse(std::vector<std::string>{"--sizes", "8,x"});
  EXPECT_THROW(args.get_int_list("sizes"), cli::UsageError);
}

TEST(CliOptions, HelpListsEveryOptionWithItsDefault) {
  const std::string help = example_parser().help();
  EXPECT_NE(help.find("usage: prog [--epochs N] [--rate R]"), std::string::npos) << help;
  EXPECT_NE(help.find("--epochs N"), std::string::npos);
  EXPECT_NE(help.find("epochs (default 500)"), std::string::npos) << help;
  EXPECT_NE(help.find("--graph"), std::string::npos);
  EXPECT_EQ(help.find("draw the graph (default"), std::string::npos) << "a flag has no default";
}

TEST(CliOptions, RunMainExitCodes) {
  const cli::Parser parser = example_parser();
  const auto run = [&](std::vector<const char*> argv) {
    argv.insert(argv.begin(), "prog");
    return cli::run_main(static_cast<int>(argv.size()), argv.data(), parser, [](const cli::Args& args) {
      if (args.get_string("dataset") == "boom") throw mt::ValueError("boom");
      return 0;
    });
  };
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"--epochs", "3"}), 0);
  EXPECT_EQ(run({"--help"}), 0);
  EXPECT_EQ(run({"--epochs", "x"}), 2);
  EXPECT_EQ(run({"--nope"}), 2);
  EXPECT_EQ(run({"--dataset", "boom"}), 1);
  const std::string out = testing::internal::GetCapturedStdout();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("usage: prog"), std::string::npos);
  EXPECT_NE(err.find("prog: --epochs expects an integer, got 'x'"), std::string::npos) << err;
  EXPECT_NE(err.find("prog: error: boom"), std::string::npos) << err;
}

TEST(Plot, NiceTicksAreRound) {
  EXPECT_EQ(mt::plot::nice_ticks(0.0, 36.77), (std::vector<double>{0, 10, 20, 30, 40}));
  const std::vector<double> t = mt::plot::nice_ticks(0.0, 1.0);
  ASSERT_EQ(t.size(), 6u);
  for (std::size_t i = 0; i < t.size(); ++i) EXPECT_NEAR(t[i], 0.2 * static_cast<double>(i), 1e-12);
  const std::vector<double> u = mt::plot::nice_ticks(-3.2, 117.0);
  EXPECT_LE(u.front(), -3.2);
  EXPECT_GE(u.back(), 117.0);
  EXPECT_NEAR(u[1] - u[0], 50.0, 1e-12);
  const std::vector<double> flat = mt::plot::nice_ticks(5.0, 5.0);
  EXPECT_LT(flat.front(), 5.0);
  EXPECT_GT(flat.back(), 5.0);
}

TEST(Plot, LossChartUsesRoundTicks) {
  const std::string svg = mt::plot::line_svg({36.77, 20.0, 5.0}, {});
  EXPECT_NE(svg.find(">40<"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">10<"), std::string::npos);
  EXPECT_EQ(svg.find("36.77"), std::string::npos);
}

TEST(Plot, EscapeXml) {
  EXPECT_EQ(mt::plot::escape_xml("a<b & \"c\" > 'd'"), "a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;");
  mt::plot::Series s{"<fast> & co", {1, 2, 4}, {1, 10, 100}, "", true};
  mt::plot::ChartOptions options;
  options.title = "x < y";
  options.log_x = options.log_y = true;
  const std::string svg = mt::plot::chart_svg({s}, options);
  EXPECT_NE(svg.find("&lt;fast&gt; &amp; co"), std::string::npos);
  EXPECT_NE(svg.find("x &lt; y"), std::string::npos);
  EXPECT_EQ(svg.find("<fast>"), std::string::npos);
}

TEST(Json, EscapesStrings) {
  EXPECT_EQ(mt::json_escape("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  mt::JsonWriter json;
  json.begin_object().key("na\"me").value("x").key("values").begin_array();
  json.value(1).value(0.5).value(std::nan("")).value(true).end_array().key("empty").begin_object().end_object();
  json.end_object();
  EXPECT_EQ(json.str(), "{\"na\\\"me\":\"x\",\"values\":[1,0.5,null,true],\"empty\":{}}");
  EXPECT_TRUE(json.complete());
  mt::JsonWriter bad;
  bad.begin_object();
  EXPECT_THROW(bad.value(1), mt::ValueError);
}

TEST(Training, BatchesArePermutationsReproducibleBySeed) {
  mt::Batches a(23, 10, 7), b(23, 10, 7), c(23, 10, 8);
  EXPECT_EQ(a.count(), 3);
  std::vector<std::vector<int>> orders;
  for (int epoch = 0; epoch < 5; ++epoch) {
    a.shuffle();
    b.shuffle();
    c.shuffle();
    std::vector<int> seen;
    for (int k = 0; k < a.count(); ++k) {
      const auto batch = a.batch(k);
      EXPECT_EQ(batch.size(), k < 2 ? 10u : 3u);
      seen.insert(seen.end(), batch.begin(), batch.end());
    }
    EXPECT_EQ(seen, a.order());
    std::sort(seen.begin(), seen.end());
    for (int i = 0; i < 23; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)], i) << "every index once per epoch";
    EXPECT_EQ(a.order(), b.order()) << "the same seed, the same order";
    orders.push_back(a.order());
    if (epoch == 0) {
      EXPECT_NE(a.order(), c.order()) << "another seed, another order";
    }
  }
  EXPECT_NE(orders[0], orders[1]) << "a new order every epoch";
  EXPECT_THROW(a.batch(3), mt::IndexingError);
  EXPECT_THROW(mt::Batches(5, 0, 1), mt::ValueError);
}

TEST(Training, RunTrainingStopsWhenTheCallbackSaysStop) {
  int trained = 0, counted = 0;
  std::vector<int> seen;
  const mt::TrainResult result = mt::run_training(
      100, 8,
      [&](int epoch) {
        ++trained;
        return 10.0 / epoch;
      },
      [&] { return ++counted; },
      [&](const mt::EpochReport& r) {
        seen.push_back(r.epoch);
        EXPECT_EQ(r.max_epochs, 100);
        EXPECT_EQ(r.total, 8);
        return r.epoch == 4 ? mt::EpochAction::Stop : mt::EpochAction::Continue;
      });
  EXPECT_EQ(trained, 4);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_TRUE(result.stopped);
  EXPECT_EQ(result.epochs_run(), 4);
  ASSERT_EQ(result.losses.size(), 4u);
  EXPECT_DOUBLE_EQ(result.losses[3], 2.5);
  EXPECT_EQ(result.final_correct, 4) << "the count after the last update, measured once per epoch";
  EXPECT_EQ(counted, 4);
  EXPECT_EQ(result.epochs.back().correct, result.final_correct);
}

TEST(Training, RunTrainingRunsEveryEpochWithAVoidCallback) {
  int calls = 0;
  const mt::TrainResult result = mt::run_training(
      5, 3, [](int) { return 1.0; }, [] { return 3; }, [&](const mt::EpochReport&) { ++calls; });
  EXPECT_EQ(calls, 5);
  EXPECT_FALSE(result.stopped);
  EXPECT_EQ(result.final_correct, 3);
  EXPECT_GE(result.median_seconds_per_epoch(), 0.0);
  EXPECT_THROW(mt::run_training(
                   0, 3, [](int) { return 1.0; }, [] { return 3; }),
               mt::ValueError);
}

TEST(Training, ConsoleLineAndJsonReport) {
  const mt::EpochReport r{300, 300, 1.5, 50, 50, 0.002};
  EXPECT_EQ(mt::ConsoleReporter::epoch_line(r),
            "Epoch  300/300  loss    1.5000  correct 50/50  time per epoch 2.000 ms");
  mt::TrainResult result;
  result.epochs = {r};
  result.losses = {1.5};
  result.final_correct = 50;
  result.total = 50;
  mt::TrainingRun run;
  run.program = "train_\"x\"";
  run.data = mt::make_dataset("xor", 4, 0);
  const std::string json = mt::training_json(run, result);
  EXPECT_NE(json.find("\"program\":\"train_\\\"x\\\"\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"epochs\":[{\"epoch\":300,\"loss\":1.5,\"correct\":50,\"total\":50"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"result\":{\"epochs_run\":1,\"stopped\":false,\"correct\":50"), std::string::npos) << json;
}

TEST(Benchmark, BestOfRoundsAndOneLinePerCase) {
  int calls = 0;
  const double s = mt::bench::seconds_per_call([&] { ++calls; }, {1, 3, 0.0, 10});
  EXPECT_GE(s, 0.0);
  EXPECT_GE(calls, 4) << "a warm-up and three rounds";
  const mt::bench::Case c{"map neg", "fast", 1000000, 0.5, {{"threads", "2"}}};
  EXPECT_EQ(c.line(), "bench op=map_neg backend=fast n=1000000 seconds=0.5 rate=2e+06 threads=2");
}
