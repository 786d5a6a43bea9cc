// playground/src/json_fields.h
//
// The request schema's building blocks: each reads one field of a JSON
// request body, checks its type and range, and throws a 400 HttpError whose
// message names the field, what was expected and what came. A missing field
// takes its default.
//
//   const nlohmann::json body = parse_body(req);               // 400 unless a JSON object
//   int points = int_field(body, "points", 1, 500, 50);        // 400: "points must be 1..500, got 9000"
//   std::string name = choice_field(body, "dataset", names, "xor");
#pragma once

#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace playground {

/// The request body as a JSON object (an empty body is {}).
nlohmann::json parse_body(const httplib::Request& req);

/// A whole number in [min, max]. Numbers given as strings ("12") are accepted.
int int_field(const nlohmann::json& body, const std::string& name, int min, int max, int fallback);
/// A finite number in [min, max]. Numbers given as strings ("0.5") are accepted.
double number_field(const nlohmann::json& body, const std::string& name, double min, double max, double fallback);
/// A string of at most max_length characters.
std::string string_field(const nlohmann::json& body, const std::string& name, std::size_t max_length,
                         const std::string& fallback);
/// One of `choices` (compared in lower case; returned as listed).
std::string choice_field(const nlohmann::json& body, const std::string& name, const std::vector<std::string>& choices,
                         const std::string& fallback);
/// A list of 0..max_items whole numbers, each in [min, max].
std::vector<int> int_list_field(const nlohmann::json& body, const std::string& name, std::size_t max_items, int min,
                                int max, const std::vector<int>& fallback);

}  // namespace playground
