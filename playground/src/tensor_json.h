// playground/src/tensor_json.h
//
// How the module sandbox shows a tensor parameter (train_tensor.cpp, train_fast.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "minitorch/tensor.h"

namespace playground {

inline nlohmann::json tensor_value_json(const minitorch::Tensor& v) {
  return "tensor " + minitorch::shape_to_string(v.shape());
}

}  // namespace playground
