// module4/apps/train_words.cpp
//
// Task 4.5 (b): trains Kim's convolutional sentence classifier
// (run_sentiment.py) on letters instead of words: which of English, French,
// German, Italian and Spanish a word is, from the Debian word lists
// (minitorch/words.h). It stands in for SST-2 with GloVe, which are not
// available offline.
//
//   train_words                                    2000 words per language to train, 400 to validate
//   train_words --train 4000 --epochs 10 --out pictures/words
//
// One line per epoch as train_mnist; pictures in --out: curves.svg,
// confusion.svg (validation); and a few validation words with the answers.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/classifier.h"
#include "minitorch/cli_options.h"
#include "minitorch/cnn.h"
#include "minitorch/cnn_pictures.h"
#include "minitorch/cuda_backend.h"
#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"
#include "minitorch/plot.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/train_report.h"
#include "minitorch/words.h"

namespace mt = minitorch;

namespace {}  // namespace

int main(int argc, char** argv) {
  using mt::cli::Kind;
  mt::cli::Parser parser("train_words", "Trains Task 4.5's conv1d classifier: the language of a word.");
  parser.add({"train", "N", "training words per language", "2000", Kind::Int, 1})
      .add({"valid", "N", "validation words per language", "400", Kind::Int, 1})
      .add({"length", "N", "longest word kept (letters)", "12", Kind::Int, 2})
      .add({"maps", "N", "feature maps per convolution width", "32", Kind::Int, 1})
      .add({"widths", "K,K", "convolution widths", "2,3,4", Kind::List})
      .add({"dropout", "R", "dropout rate on the pooled features", "0.25", Kind::Double, 0})
      .add({"epochs", "N", "epochs to train", "10", Kind::Int, 1})
      .add({"batch", "N", "words per SGD step", "16", Kind::Int, 1})
      .add({"rate", "R", "learning rate", "0.5", Kind::Double, 0})
      .add({"seed", "N", "the sample of words, initial weights, dropout, batches", "0", Kind::Int, 0})
      .add({"backend", "NAME",
            "a backend with conv1d: fast, cudasim or cuda (Task 4.4b); 'list' prints the backends of this build",
            "fast", Kind::String})
      .add({"threads", "N", "threads of the fast backend (0: OpenMP's default)", "0", Kind::Int, 0})
      .add({"out", "DIR", "folder for the pictures", "words", Kind::String});
  return mt::cli::run_main(argc, argv, parser, [](const mt::cli::Args& args) {
    const mt::TensorBackend* chosen = mt::program_backend(args, "Try --train 100 --epochs 1.", mt::OptionalOp::conv1d);
    if (chosen == nullptr) return 0;  // --backend list
    const mt::TensorBackend& backend = *chosen;
    const auto seed = static_cast<std::uint64_t>(args.get_int("seed"));
    mt::WordOptions words;
    words.train_per_language = args.get_int("train");
    words.valid_per_language = args.get_int("valid");
    words.max_length = args.get_int("length");
    words.seed = seed;
    const mt::WordSplit split = mt::load_word_split(words);
    mt::WordNetworkOptions shape;
    shape.alphabet = mt::kWordAlphabetSize;
    shape.classes = static_cast<int>(mt::kWordLanguages.size());
    shape.feature_maps = args.get_int("maps");
    shape.widths = args.get_int_list("widths");
    shape.dropout_rate = args.get_double("dropout");
    mt::ClassifierTrainOptions options;
    options.learning_rate = args.get_double("rate");
    options.max_epochs = args.get_int("epochs");
    options.batch = args.get_int("batch");
    options.seed = seed;
    std::cout << "Training the word CNN (conv1d widths " << args.get_string("widths") << ", " << shape.feature_maps
              << " maps each, max over time) on " << split.train.size() << " words (" << words.train_per_language
              << " per language), validating on " << split.valid.size() << "; usable words per list:";
    for (std::size_t l = 0; l < mt::kWordLanguages.size(); ++l) {
      std::cout << " " << mt::kWordLanguages[l].name << " " << split.words_per_language[l];
    }
    std::cout << "; rate " << options.learning_rate << ", batch " << options.batch << ", " << options.max_epochs
              << " epochs, seed " << seed << ", backend " << backend.name
              << (backend.name == "fast" ? " (" + std::to_string(mt::fast_threads()) + " threads)" : std::string())
              << "\n";
    mt::WordNetwork model(shape, seed, backend);
    const mt::ClassifierTrainResult result =
        mt::train_classifier(model, split.train, split.valid, options, [](const mt::ClassifierEpoch& e) {
          std::cout << mt::classifier_epoch_line(e) << std::endl;
          return mt::EpochAction::Continue;
        });
    std::cout << mt::ConsoleReporter::summary(result) << "\n";

    const std::vector<int> predicted = mt::predict_classes(model, split.valid);
    std::cout << "Some validation words:";
    for (int i = 0; i < split.valid.size(); i += split.valid.size() / 10 + 1) {
      const auto& names = split.valid.class_names;
      std::cout << "  " << mt::word_of(split.valid, i) << " ("
                << names[static_cast<std::size_t>(split.valid.labels[static_cast<std::size_t>(i)])] << " -> "
                << names[static_cast<std::size_t>(predicted[static_cast<std::size_t>(i)])] << ")";
    }
    std::cout << "\n";
    const std::string dir = args.get_string("out");
    std::filesystem::create_directories(dir);
    mt::plot::write_file(dir + "/curves.svg", mt::plot::classifier_curves_svg(result, "Language of a word"));
    mt::plot::write_file(dir + "/confusion.svg",
                         mt::plot::confusion_svg(mt::confusion_matrix(split.valid, predicted), split.valid.class_names,
                                                 "Language of a word, validation"));
    std::cout << "Pictures: " << dir << "/curves.svg, " << dir << "/confusion.svg\n";
    return 0;
  });
}
