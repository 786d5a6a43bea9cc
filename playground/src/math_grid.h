// playground/src/math_grid.h
//
// The math sandbox's sample points and how its answers carry numbers, shared
// by its layers (math_routes.cpp: operators; math_scalar.cpp; math_tensor.cpp).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

namespace playground {

inline constexpr int kLinePoints = 201;  // x = -50, -49.5, ..., 50 (plus 1e-5: off the kinks, as the original)
inline constexpr int kGridPoints = 41;   // x, y = -50, -47.5, ..., 50

/// n points spread over [-50, 50], each moved by 1e-5.
std::vector<double> axis(int n);

/// Values as JSON, with the non-finite ones (exp overflow, 1 / 0) as null.
nlohmann::json numbers(const std::vector<double>& values);

/// A flat row-major n x n grid (y outer, x inner) as n rows.
nlohmann::json rows(const std::vector<double>& flat, int n);

}  // namespace playground
