// module0/include/minitorch/operators.h
//
// Task 0.1: the scalar operators everything else is built from.
//
// Every function takes and returns `double`. They are defined inline in this
// header so that the tensor kernels of Modules 2-3 inline them into their loops
// (the C++ counterpart of Numba compiling them) and CUDA kernels can call them.
// Keep them plain arithmetic: no allocation, no exceptions in the solved code.
#pragma once

#include <cmath>

#include "minitorch/errors.h"
#include "minitorch/host_device.h"

namespace minitorch::operators {

/// f(x, y) = x * y
MT_HOST_DEVICE inline double mul(double x, double y) {
  // BEGIN SOLUTION 0.1
  return x * y;
  // END SOLUTION
}

/// f(x) = x
MT_HOST_DEVICE inline double id(double x) {
  // BEGIN SOLUTION 0.1
  return x;
  // END SOLUTION
}

/// f(x, y) = x + y
MT_HOST_DEVICE inline double add(double x, double y) {
  // BEGIN SOLUTION 0.1
  return x + y;
  // END SOLUTION
}

/// f(x) = -x
MT_HOST_DEVICE inline double neg(double x) {
  // BEGIN SOLUTION 0.1
  return -x;
  // END SOLUTION
}

/// f(x, y) = 1.0 if x is less than y, else 0.0 (a number, not a bool: the
/// tensor code stores comparison results as doubles).
MT_HOST_DEVICE inline double lt(double x, double y) {
  // BEGIN SOLUTION 0.1
  return x < y ? 1.0 : 0.0;
  // END SOLUTION
}

/// f(x, y) = 1.0 if x is exactly equal to y, else 0.0.
MT_HOST_DEVICE inline double eq(double x, double y) {
  // BEGIN SOLUTION 0.1
  return x == y ? 1.0 : 0.0;
  // END SOLUTION
}

/// f(x, y) = x if x is greater than y, else y.
MT_HOST_DEVICE inline double max(double x, double y) {
  // BEGIN SOLUTION 0.1
  return x > y ? x : y;
  // END SOLUTION
}

/// f(x, y) = 1.0 if |x - y| < 1e-2 (strictly), else 0.0. The closeness every
/// test of the course uses.
MT_HOST_DEVICE inline double is_close(double x, double y) {
  // BEGIN SOLUTION 0.1
  return std::fabs(x - y) < 1e-2 ? 1.0 : 0.0;
  // END SOLUTION
}

/// f(x) = 1 / (1 + e^-x), computed without overflow: for x >= 0 use
/// 1 / (1 + e^-x), for x < 0 use e^x / (1 + e^x). (e^-x overflows for x < -709.)
MT_HOST_DEVICE inline double sigmoid(double x) {
  // BEGIN SOLUTION 0.1
  if (x >= 0.0) {
    return 1.0 / (1.0 + std::exp(-x));
  }
  const double e = std::exp(x);
  return e / (1.0 + e);
  // END SOLUTION
}

/// f(x) = x if x is greater than 0, else 0.0 (so relu(0) = 0).
MT_HOST_DEVICE inline double relu(double x) {
  // BEGIN SOLUTION 0.1
  return x > 0.0 ? x : 0.0;
  // END SOLUTION
}

/// f(x) = ln(x), the natural logarithm.
MT_HOST_DEVICE inline double log(double x) {
  // BEGIN SOLUTION 0.1
  return std::log(x);
  // END SOLUTION
}

/// f(x) = e^x
MT_HOST_DEVICE inline double exp(double x) {
  // BEGIN SOLUTION 0.1
  return std::exp(x);
  // END SOLUTION
}

/// f(x) = 1 / x
MT_HOST_DEVICE inline double inv(double x) {
  // BEGIN SOLUTION 0.1
  return 1.0 / x;
  // END SOLUTION
}

/// d * f'(x) for f = log: the derivative of log scaled by the incoming d.
MT_HOST_DEVICE inline double log_back(double x, double d) {
  // BEGIN SOLUTION 0.1
  return d / x;
  // END SOLUTION
}

/// d * f'(x) for f(x) = 1 / x.
MT_HOST_DEVICE inline double inv_back(double x, double d) {
  // BEGIN SOLUTION 0.1
  return -d / (x * x);
  // END SOLUTION
}

/// d * f'(x) for f = relu: d where x > 0, else 0.0 (the derivative at 0 is 0).
MT_HOST_DEVICE inline double relu_back(double x, double d) {
  // BEGIN SOLUTION 0.1
  return x > 0.0 ? d : 0.0;
  // END SOLUTION
}

}  // namespace minitorch::operators
