// playground/src/tensor_routes.cpp
//
// The tensor sandbox (Module 2): a tensor's shape, strides and storage, and
// the index functions of Task 2.1 at work, with one cell highlighted.
//
//   POST /api/tensor {shape: [1..4 dims of 1..6], permute?: [order], ordinal?: int}
//     -> {"shape", "strides", "storage": [values],                      (contiguous, seeded, 2 decimals)
//         "view": {"shape", "strides", "cells": [{"index", "position", "value"}],   (after permute)
//                  "ordinal", "index", "position"}                      (to_index, index_to_position)
//         | null (+ "view_error": needs task 2.1)}
#include <cmath>
#include <string>
#include <vector>

#include "app.h"
#include "http_errors.h"
#include "json_fields.h"
#include "minitorch/indexing.h"
#include "minitorch/random.h"
#include "minitorch/tensor_data.h"
#include "registry.h"

namespace playground {
namespace {

using nlohmann::json;

constexpr int kMaxSize = 216;  // 6 x 6 x 6

std::vector<double> storage_values(int n) {
  minitorch::Random rng(42);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(std::round(rng.uniform() * 100.0) / 100.0);
  return out;
}

// Position and value of every index of `view`, counted with to_index.
json view_json(const minitorch::TensorData& view, int ordinal) {
  const auto& shape = view.shape();
  const auto& strides = view.strides();
  json cells = json::array();
  std::vector<int> index(shape.size());
  for (int i = 0; i < view.size(); ++i) {
    minitorch::to_index(i, shape, index);
    const int position = minitorch::index_to_position(index, strides);
    cells.push_back(
        {{"index", index}, {"position", position}, {"value", view.storage()[static_cast<std::size_t>(position)]}});
  }
  minitorch::to_index(ordinal, shape, index);
  return {{"shape", shape},
          {"strides", strides},
          {"cells", cells},
          {"ordinal", ordinal},
          {"index", index},
          {"position", minitorch::index_to_position(index, strides)},
          {"contiguous", view.is_contiguous()}};
}

void post_tensor(const App& app, const httplib::Request& req, httplib::Response& res) {
  const json body = parse_body(req);
  const minitorch::Shape shape = int_list_field(body, "shape", 4, 1, 6, {2, 2, 2});
  if (shape.empty()) throw bad_request("shape needs 1 to 4 dimensions");
  int size = 1;
  for (int s : shape) size *= s;
  if (size > kMaxSize)
    throw bad_request("the tensor is too big to draw: at most " + std::to_string(kMaxSize) + " elements");
  std::vector<int> identity;
  for (std::size_t i = 0; i < shape.size(); ++i) identity.push_back(static_cast<int>(i));
  const std::vector<int> order = int_list_field(body, "permute", 4, 0, 3, identity);
  const int ordinal = int_field(body, "ordinal", 0, size - 1, 0);

  const minitorch::TensorData data(storage_values(size), shape);
  json out = {{"shape", data.shape()}, {"strides", data.strides()}, {"storage", storage_values(size)}};
  try_part(out, "view", [&]() -> json {
    app.require_tasks({"2.1"});
    return view_json(order == identity ? data : data.permute(order), ordinal);  // a bad order: IndexingError, 400
  });
  send_json(res, out);
}

}  // namespace

void add_tensor_routes(httplib::Server& server, App& app) {
  server.Post("/api/tensor",
              guarded([&app](const httplib::Request& req, httplib::Response& res) { post_tensor(app, req, res); }));
}

namespace {
const Registry<Routes>::Add kTensorRoutes{{2, "tensor", add_tensor_routes}};
}  // namespace

}  // namespace playground
