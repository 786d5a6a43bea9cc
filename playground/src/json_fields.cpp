// playground/src/json_fields.cpp
#include "json_fields.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "http_errors.h"

namespace playground {
namespace {

std::string shown(const nlohmann::json& value) {
  std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The field as a double: a JSON number, or a string that is entirely a number.
double as_number(const nlohmann::json& value, const std::string& name) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end != nullptr && *end == '\0' && !std::isspace(static_cast<unsigned char>(text[0]))) {
      return number;
    }
  }
  throw bad_request(name + " must be a number, got " + shown(value));
}

}  // namespace

nlohmann::json parse_body(const httplib::Request& req) {
  if (req.body.empty()) return nlohmann::json::object();
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) throw bad_request("the request body is not valid JSON");
  if (!body.is_object()) throw bad_request("the request body must be a JSON object, got " + shown(body));
  return body;
}

int int_field(const nlohmann::json& body, const std::string& name, int min, int max, int fallback) {
  if (!body.contains(name) || body[name].is_null()) return fallback;
  const double number = as_number(body[name], name);
  if (!std::isfinite(number) || number != std::floor(number)) {
    throw bad_request(name + " must be a whole number, got " + shown(body[name]));
  }
  if (number < min || number > max) {
    throw bad_request(name + " must be " + std::to_string(min) + ".." + std::to_string(max) + ", got " +
                      shown(body[name]));
  }
  return static_cast<int>(number);
}

double number_field(const nlohmann::json& body, const std::string& name, double min, double max, double fallback) {
  if (!body.contains(name) || body[name].is_null()) return fallback;
  const double number = as_number(body[name], name);
  if (!std::isfinite(number) || number < min || number > max) {
    char range[64];
    std::snprintf(range, sizeof range, "%g..%g", min, max);
    throw bad_request(name + " must be a number in " + range + ", got " + shown(body[name]));
  }
  return number;
}

std::string string_field(const nlohmann::json& body, const std::string& name, std::size_t max_length,
                         const std::string& fallback) {
  if (!body.contains(name) || body[name].is_null()) return fallback;
  if (!body[name].is_string()) throw bad_request(name + " must be text, got " + shown(body[name]));
  std::string text = body[name].get<std::string>();
  if (text.size() > max_length) {
    throw bad_request(name + " is too long: at most " + std::to_string(max_length) + " characters, got " +
                      std::to_string(text.size()));
  }
  return text;
}

std::string choice_field(const nlohmann::json& body, const std::string& name, const std::vector<std::string>& choices,
                         const std::string& fallback) {
  const std::string text = string_field(body, name, 64, fallback);
  for (const std::string& choice : choices) {
    if (lower(choice) == lower(text)) return choice;
  }
  std::string known;
  for (const std::string& choice : choices) known += (known.empty() ? "" : ", ") + choice;
  throw bad_request("unknown " + name + " '" + text + "' (one of: " + known + ")");
}

std::vector<int> int_list_field(const nlohmann::json& body, const std::string& name, std::size_t max_items, int min,
                                int max, const std::vector<int>& fallback) {
  if (!body.contains(name) || body[name].is_null()) return fallback;
  const nlohmann::json& list = body[name];
  if (!list.is_array()) throw bad_request(name + " must be a list of whole numbers, got " + shown(list));
  if (list.size() > max_items) {
    throw bad_request(name + " has too many items: at most " + std::to_string(max_items) + ", got " +
                      std::to_string(list.size()));
  }
  std::vector<int> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item = name + "[" + std::to_string(i) + "]";
    if (list[i].is_null()) throw bad_request(item + " must be a whole number, got null");
    out.push_back(int_field(nlohmann::json{{item, list[i]}}, item, min, max, 0));
  }
  return out;
}

}  // namespace playground
