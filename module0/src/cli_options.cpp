// module0/src/cli_options.cpp
#include "minitorch/cli_options.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <utility>

namespace minitorch::cli {

namespace {

std::string kind_word(Kind kind) {
  switch (kind) {
    case Kind::Int:
      return "an integer";
    case Kind::Double:
      return "a number";
    case Kind::List:
      return "a comma-separated list";
    case Kind::Flag:
      return "no value";
    case Kind::String:
      break;
  }
  return "a value";
}

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::optional<long long> to_integer(const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data() + (!text.empty() && text[0] == '+' ? 1 : 0), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> to_double(const std::string& text) {
  if (text.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

// Checks `value` against the option's kind and minimum; throws UsageError.
void check_value(const Option& o, const std::string& value) {
  const auto expects = [&](const std::string& what, const std::string& got) {
    return UsageError("--" + o.name + " expects " + what + ", got '" + got + "'");
  };
  if (o.kind == Kind::Int) {
    const std::optional<long long> v = to_integer(value);
    if (!v || *v < -2147483647LL || *v > 2147483647LL) throw expects(kind_word(o.kind), value);
    if (o.min && static_cast<double>(*v) < *o.min) throw expects("at least " + format_number(*o.min), value);
  } else if (o.kind == Kind::Double) {
    const std::optional<double> v = to_double(value);
    if (!v) throw expects(kind_word(o.kind), value);
    if (o.min && *v < *o.min) throw expects("at least " + format_number(*o.min), value);
  } else if (o.kind == Kind::List) {
    if (split_list(value).empty()) throw expects("a comma-separated list", value);
  }
}

}  // namespace

const Option& Args::option(const std::string& name) const {
  const auto it = options_.find(name);
  if (it == options_.end()) throw ValueError("no option --" + name + " was declared");
  return it->second;
}

int Args::get_int(const std::string& name) const {
  if (option(name).kind != Kind::Int) throw ValueError("--" + name + " is not an integer option");
  return static_cast<int>(*to_integer(values_.at(name)));
}

double Args::get_double(const std::string& name) const {
  const Kind kind = option(name).kind;
  if (kind != Kind::Double && kind != Kind::Int) throw ValueError("--" + name + " is not a number option");
  return *to_double(values_.at(name));
}

const std::string& Args::get_string(const std::string& name) const {
  option(name);
  return values_.at(name);
}

bool Args::flag(const std::string& name) const {
  if (option(name).kind != Kind::Flag) throw ValueError("--" + name + " is not a flag");
  return given(name);
}

std::vector<std::string> Args::get_list(const std::string& name) const {
  option(name);
  return split_list(values_.at(name));
}

std::vector<int> Args::get_int_list(const std::string& name) const {
  Option item = option(name);
  item.kind = Kind::Int;
  std::vector<int> values;
  for (const std::string& text : get_list(name)) {
    check_value(item, text);
    values.push_back(static_cast<int>(*to_integer(text)));
  }
  return values;
}

bool Args::given(const std::string& name) const {
  option(name);
  const auto it = given_.find(name);
  return it != given_.end() && it->second;
}

Parser::Parser(std::string program, std::string summary) : program_(std::move(program)), summary_(std::move(summary)) {}

Parser& Parser::add(Option option) {
  for (const Option& o : options_) {
    if (o.name == option.name) throw ValueError("option --" + option.name + " declared twice");
  }
  if (option.kind != Kind::Flag && !option.default_value.empty()) check_value(option, option.default_value);
  options_.push_back(std::move(option));
  return *this;
}

Args Parser::parse(int argc, const char* const* argv) const {
  std::vector<std::string> arguments;
  for (int i = 1; i < argc; ++i) arguments.emplace_back(argv[i]);
  return parse(arguments);
}

Args Parser::parse(const std::vector<std::string>& arguments) const {
  Args args;
  for (const Option& o : options_) {
    args.options_.insert_or_assign(o.name, o);
    args.values_[o.name] = o.kind == Kind::Flag ? "" : o.default_value;
  }
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& arg = arguments[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      throw UsageError("unexpected argument '" + arg + "' (options start with --)");
    }
    const std::size_t equals = arg.find('=');
    const std::string name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    const auto it = args.options_.find(name);
    if (it == args.options_.end()) {
      std::string known;
      for (const Option& o : options_) known += (known.empty() ? "--" : ", --") + o.name;
      throw UsageError("unknown option '--" + name + "'; known options: " + known);
    }
    const Option& o = it->second;
    std::string value;
    if (o.kind == Kind::Flag) {
      if (equals != std::string::npos)
        throw UsageError("--" + name + " takes no value, got '" + arg.substr(equals + 1) + "'");
    } else if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    } else {
      throw UsageError("--" + name + " expects " + kind_word(o.kind) + " (" + o.placeholder + "), got nothing");
    }
    check_value(o, value);
    // A list option given again adds its items: --set a=1 --set b=2 is a=1,b=2.
    const bool append = o.kind == Kind::List && args.given_[name];
    args.values_[name] = append ? args.values_[name] + "," + value : value;
    args.given_[name] = true;
  }
  return args;
}

std::string Parser::help() const {
  std::ostringstream out;
  out << "usage: " << program_;
  for (const Option& o : options_) {
    out << " [--" << o.name << (o.placeholder.empty() ? "" : " " + o.placeholder) << "]";
  }
  out << "\n";
  if (!summary_.empty()) out << summary_ << "\n";
  out << "\noptions:\n";
  std::size_t width = 0;
  for (const Option& o : options_) width = std::max(width, o.name.size() + o.placeholder.size() + 3);
  for (const Option& o : options_) {
    std::string left = "--" + o.name + (o.placeholder.empty() ? "" : " " + o.placeholder);
    left.resize(width, ' ');
    out << "  " << left << "  " << o.help;
    if (o.kind != Kind::Flag && !o.default_value.empty()) out << " (default " << o.default_value << ")";
    out << "\n";
  }
  out << "  " << std::string("-h, --help").append(width > 10 ? width - 10 : 0, ' ') << "  this text\n";
  return out.str();
}

bool wants_help(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") return true;
  }
  return false;
}

int run_main(int argc, const char* const* argv, const Parser& parser, const std::function<int(const Args&)>& body) {
  if (wants_help(argc, argv)) {
    std::cout << parser.help();
    return 0;
  }
  try {
    const Args args = parser.parse(argc, argv);
    return body(args);
  } catch (const UsageError& e) {
    std::cerr << parser.program() << ": " << e.what() << "\n(" << parser.program() << " --help lists the options)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << parser.program() << ": error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace minitorch::cli
