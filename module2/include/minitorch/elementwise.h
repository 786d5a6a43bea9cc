// module2/include/minitorch/elementwise.h
//
// The element functions of the backend table, as types: a kernel
// instantiated with one of them inlines its call (the C++ counterpart of
// Numba compiling the Python function), and they run in CUDA kernels too
// (the operators are host-device functions). make_backend<Ops>() builds one
// map, zip or reduce of the table per type.
#pragma once

#include "minitorch/host_device.h"
#include "minitorch/operators.h"

namespace minitorch::elementwise {

// Unary: maps.
struct Neg {
  MT_HOST_DEVICE double operator()(double x) const { return operators::neg(x); }
};
struct Sigmoid {
  MT_HOST_DEVICE double operator()(double x) const { return operators::sigmoid(x); }
};
struct Relu {
  MT_HOST_DEVICE double operator()(double x) const { return operators::relu(x); }
};
struct Log {
  MT_HOST_DEVICE double operator()(double x) const { return operators::log(x); }
};
struct Exp {
  MT_HOST_DEVICE double operator()(double x) const { return operators::exp(x); }
};
struct Id {
  MT_HOST_DEVICE double operator()(double x) const { return operators::id(x); }
};
struct Inv {
  MT_HOST_DEVICE double operator()(double x) const { return operators::inv(x); }
};

// Binary: zips and reductions.
struct Add {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::add(x, y); }
};
struct Mul {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::mul(x, y); }
};
struct Max {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::max(x, y); }
};
struct Lt {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::lt(x, y); }
};
struct Eq {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::eq(x, y); }
};
struct IsClose {
  MT_HOST_DEVICE double operator()(double x, double y) const { return operators::is_close(x, y); }
};
struct ReluBack {
  MT_HOST_DEVICE double operator()(double x, double d) const { return operators::relu_back(x, d); }
};
struct LogBack {
  MT_HOST_DEVICE double operator()(double x, double d) const { return operators::log_back(x, d); }
};
struct InvBack {
  MT_HOST_DEVICE double operator()(double x, double d) const { return operators::inv_back(x, d); }
};

}  // namespace minitorch::elementwise
