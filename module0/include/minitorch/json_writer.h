// module0/include/minitorch/json_writer.h
//
// A small JSON writer for the reports the programs write (training runs,
// later the playground): objects, arrays, strings with proper escaping,
// numbers that read back exactly (non-finite numbers become null).
//
//   JsonWriter json;
//   json.begin_object().key("dataset").value("xor").key("losses").begin_array();
//   for (double l : losses) json.value(l);
//   json.end_array().end_object();
//   json.str();   // {"dataset":"xor","losses":[0.69,0.5]}
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "minitorch/errors.h"

namespace minitorch {

/// `text` as a JSON string literal, quotes included: escapes ", \ and every
/// control character (\n, \t, ... and \u00XX for the others).
inline std::string json_escape(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;  // UTF-8 passes through unchanged
        }
    }
  }
  out += '"';
  return out;
}

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('{', '}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close('[', ']'); }

  /// The key of the next value; only inside an object.
  JsonWriter& key(std::string_view name) {
    if (stack_.empty() || stack_.back() != '{' || after_key_) throw ValueError("JsonWriter: a key outside an object");
    separate();
    out_ += json_escape(name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }

  JsonWriter& value(std::string_view text) { return raw(json_escape(text)); }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b) { return raw(b ? "true" : "false"); }
  JsonWriter& value(int v) { return raw(std::to_string(v)); }
  JsonWriter& value(std::int64_t v) { return raw(std::to_string(v)); }
  JsonWriter& value(std::uint64_t v) { return raw(std::to_string(v)); }
  JsonWriter& value(double v) {
    if (!std::isfinite(v)) return raw("null");
    char buf[32];
    const auto result = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
    return raw(std::string(buf, result.ptr));
  }
  JsonWriter& null() { return raw("null"); }

  /// The text so far; complete when every object and array is closed.
  const std::string& str() const { return out_; }
  bool complete() const { return stack_.empty() && !out_.empty(); }

 private:
  JsonWriter& open(char bracket) {
    before_value();
    out_ += bracket;
    stack_.push_back(bracket);
    first_ = true;
    return *this;
  }
  JsonWriter& close(char bracket, char closing) {
    if (stack_.empty() || stack_.back() != bracket || after_key_) throw ValueError("JsonWriter: unbalanced close");
    stack_.pop_back();
    out_ += closing;
    first_ = false;
    return *this;
  }
  JsonWriter& raw(const std::string& text) {
    before_value();
    out_ += text;
    first_ = false;
    return *this;
  }
  void before_value() {
    if (!stack_.empty() && stack_.back() == '{') {
      if (!after_key_) throw ValueError("JsonWriter: a value in an object needs a key");
      after_key_ = false;
      return;
    }
    if (stack_.empty() && !out_.empty()) throw ValueError("JsonWriter: a second top-level value");
    separate();
  }
  void separate() {
    if (!stack_.empty() && !first_) out_ += ',';
    first_ = false;
  }

  std::string out_;
  std::vector<char> stack_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace minitorch
