// module0/include/minitorch/cli_options.h
//
// Command-line options of the programs (training, benchmarks, timing), from
// one table: each option has a name, a value placeholder, a help text, a
// default and a kind. The same table gives the parser, the checks of the
// values and the text of --help, so that every program reads and explains
// its options the same way:
//
//   cli::Parser parser("train_scalar", "Trains the Scalar network of Task 1.5.");
//   parser.add({"epochs", "N", "epochs to train", "500", cli::Kind::Int, 1});
//   return cli::run_main(argc, argv, parser, [](const cli::Args& args) {
//     const int epochs = args.get_int("epochs");
//     ...
//   });
//
// A bad value names the option and what it got (`--epochs expects an
// integer, got 'x'`); an unknown option is listed with the known ones. Both
// are usage errors: the program prints the message and exits with status 2.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch::cli {

enum class Kind {
  Int,     // a whole number
  Double,  // a number (1e7 is fine)
  String,  // any text
  Flag,    // no value: present or not
  List,    // comma-separated items: a,b,c (given again, it adds items: --set a --set b)
};

struct Option {
  Option(std::string name_, std::string placeholder_, std::string help_, std::string default_value_, Kind kind_,
         std::optional<double> min_ = std::nullopt)
      : name(std::move(name_)),
        placeholder(std::move(placeholder_)),
        help(std::move(help_)),
        default_value(std::move(default_value_)),
        kind(kind_),
        min(min_) {}

  std::string name;           // without the leading "--"
  std::string placeholder;    // the value in the usage line: N, R, NAME (empty for flags)
  std::string help;           // one line
  std::string default_value;  // as it would be typed; empty: none
  Kind kind;
  std::optional<double> min;  // Int and Double: the smallest value allowed
};

/// A bad command line: the message says which option and what it got.
class UsageError : public ValueError {
 public:
  using ValueError::ValueError;
};

/// The parsed values, every option with its default unless given.
class Args {
 public:
  int get_int(const std::string& name) const;
  double get_double(const std::string& name) const;
  const std::string& get_string(const std::string& name) const;
  bool flag(const std::string& name) const;
  std::vector<std::string> get_list(const std::string& name) const;
  /// A list of whole numbers (each checked like an Int option).
  std::vector<int> get_int_list(const std::string& name) const;
  /// Whether the option was on the command line.
  bool given(const std::string& name) const;

 private:
  friend class Parser;
  const Option& option(const std::string& name) const;
  std::map<std::string, Option> options_;
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> given_;
};

class Parser {
 public:
  Parser(std::string program, std::string summary);

  /// Adds an option; a second option of the same name is a ValueError.
  Parser& add(Option option);

  /// Parses `--name value`, `--name=value` and `--flag`. Throws UsageError on
  /// an unknown option, a missing value or a value of the wrong kind.
  /// `--help` and `-h` are not options: see run_main and wants_help.
  Args parse(int argc, const char* const* argv) const;
  Args parse(const std::vector<std::string>& arguments) const;

  /// The usage line and one line per option, with defaults.
  std::string help() const;

  const std::string& program() const { return program_; }

 private:
  std::string program_;
  std::string summary_;
  std::vector<Option> options_;
};

/// Whether the command line asks for help (-h or --help anywhere).
bool wants_help(int argc, const char* const* argv);

/// The main function of a program: prints help and returns 0 when asked,
/// parses the options and calls `body`. A UsageError prints
/// "<program>: <message>" and a hint to --help and returns 2; any other
/// exception prints "<program>: error: <message>" and returns 1.
int run_main(int argc, const char* const* argv, const Parser& parser, const std::function<int(const Args&)>& body);

}  // namespace minitorch::cli
