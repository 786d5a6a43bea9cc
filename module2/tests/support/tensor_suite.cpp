// module2/tests/support/tensor_suite.cpp
//
// The tensor suite and the backend comparison of tensor_suite.h. Compiled
// once (the library minitorch_tensor_suite) for every module's tests.
#include "support/tensor_suite.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "minitorch/tensor.h"
#include "support/compare.h"
#include "support/generators.h"
#include "support/grad_check.h"
#include "support/math_tests.h"
#include "support/register_property.h"
#include "support/tensor_generators.h"

namespace minitorch::testing {
namespace {

// ------------------------------------------------------------- memory of any backend

// A contiguous host copy of t's elements (element() reads host memory only).
TensorData host_copy(const Tensor& t) { return TensorData(t.backend().to_host(t.data()), t.shape()); }
Tensor host_tensor(const Tensor& t) { return Tensor(host_copy(t)); }

// Every storage position of `data` (gaps included) copied to the host, with its layout.
TensorData host_storage(const TensorData& data, const TensorBackend& backend) {
  std::vector<double> values(data.storage().size());
  backend.memory.to_host(values.data(), data.storage().data(), values.size());
  return TensorData(Storage(values), data.shape(), data.strides());
}

// ------------------------------------------------------------- generators

// Small floats, with tiny magnitudes and values at and next to the kinks of
// the MathTest functions mixed in.
rc::Gen<double> suite_floats() { return edge_floats(kink_points()); }

// Small floats and tiny magnitudes (two-argument gradients: values next to
// a kink of a pair would mostly be discarded).
rc::Gen<double> smooth_floats() { return rc::gen::weightedOneOf<double>({{6, small_floats()}, {1, tiny_floats()}}); }

// A tensor on `backend` of `shape` in any input layout (permuted, gapped, expanded).
rc::Gen<Tensor> tensors_on(const TensorBackend& backend, const Shape& shape, rc::Gen<double> numbers) {
  return rc::gen::map(any_tensor_data(shape, std::move(numbers)),
                      [&backend](const TensorData& data) { return Tensor(on_backend(data, backend), backend); });
}

rc::Gen<Tensor> tensors_on(const TensorBackend& backend, rc::Gen<double> numbers) {
  return rc::gen::mapcat(shapes(),
                         [&backend, numbers](const Shape& shape) { return tensors_on(backend, shape, numbers); });
}

// n tensors of one shape and one (any) layout.
rc::Gen<std::vector<Tensor>> shaped_tensors_on(const TensorBackend& backend, int n, rc::Gen<double> numbers) {
  return rc::gen::exec([&backend, n, numbers] {
    const Shape shape = *shapes();
    const Strides strides = *input_layouts(shape);
    std::vector<Tensor> out;
    for (int i = 0; i < n; ++i)
      out.emplace_back(on_backend(*tensor_data_with(shape, strides, numbers), backend), backend);
    return out;
  });
}

rc::Gen<std::pair<Tensor, Tensor>> broadcastable_tensors_on(const TensorBackend& backend, rc::Gen<double> numbers) {
  return rc::gen::exec([&backend, numbers] {
    const auto [a, b] = *broadcastable_shapes();
    return std::make_pair(*tensors_on(backend, a, numbers), *tensors_on(backend, b, numbers));
  });
}

// Two host tensors of one shape and layout with, at some indices, a pair at
// a kink of the two-argument table: b = a + 1.2 (lt2, gt2 at equality),
// a = b + 5.5 (eq2), b = -5.5 (div2's pole) or b = a.
rc::Gen<std::pair<TensorData, TensorData>> kink_pairs() {
  return rc::gen::exec([] {
    const Shape shape = *shapes();
    const Strides strides = *input_layouts(shape);
    TensorData a = *tensor_data_with(shape, strides, suite_floats());
    TensorData b = *tensor_data_with(shape, strides, suite_floats());
    for (const UserIndex& index : all_indices(shape)) {
      std::size_t p = 0;
      for (std::size_t i = 0; i < index.size(); ++i) {
        p += static_cast<std::size_t>(index[i]) * static_cast<std::size_t>(strides[i]);
      }
      double& x = a.storage()[p];
      double& y = b.storage()[p];
      switch (*rc::gen::inRange(0, 8)) {
        case 1:
          y = x + 1.2;
          break;
        case 2:
          x = y + 5.5;
          break;
        case 3:
          y = -5.5;
          break;
        case 4:
          y = x;
          break;
        default:
          break;
      }
    }
    return std::make_pair(a, b);
  });
}

// x, stepped away from f's kinks and poles (the points where a central
// difference and the derivative legitimately disagree): a value next to a
// kink stays next to it, on one side.
template <typename Fn>
double off_kink(const Fn& f, double x) {
  for (int i = 0; i < 1000 && f.near_kink(x); ++i) x += 1e-3;
  return x;
}

// ------------------------------------------------------------- checks

template <typename Fn>
bool any_near_kink(const Fn& f, const Tensor& a, const Tensor& b) {
  bool kink = false;
  for_each_broadcast_pair(host_tensor(a), host_tensor(b),
                          [&](const UserIndex&, double x, double y) { kink = kink || f.near_kink(x, y); });
  return kink;
}

// The element of `what` at `index` is close to expected, or the very same
// value where both are infinite or NaN (a / (b + 5.5) at b = -5.5 divides by
// zero in both); logs the index and both values otherwise.
void assert_element(const char* what, const UserIndex& index, double got, double expected) {
  if (got == expected || (std::isnan(got) && std::isnan(expected))) return;
  if (!close(got, expected)) {
    RC_LOG() << describe((std::string(what) + " at " + shape_to_string(index)).c_str(), got, expected) << '\n';
  }
  RC_ASSERT(close(got, expected));
}

void assert_on(const Tensor& out, const TensorBackend& backend) {
  if (&out.backend() != &backend) RC_LOG() << "the result computes with " << out.backend().name << '\n';
  RC_ASSERT(&out.backend() == &backend);
}

// Every element of f(a) is close to base(element of a at the same index).
template <typename Fn>
void check_one_arg(const Fn& f, const Tensor& a) {
  const Tensor out = f.variable(a);
  RC_ASSERT(out.shape() == a.shape());
  assert_on(out, a.backend());
  const TensorData in = host_copy(a), got = host_copy(out);
  for (const UserIndex& index : all_indices(a.shape()))
    assert_element("the result", index, element(got, index), f.base(element(in, index)));
}

// Every element of f(a, b) is close to base of the elements of a and b it broadcasts from.
template <typename Fn>
void check_two_arg(const Fn& f, const Tensor& a, const Tensor& b) {
  const Tensor out = f.variable(a, b);
  RC_ASSERT(out.shape() == broadcast_shape(a.shape(), b.shape()));
  assert_on(out, a.backend());
  const TensorData got = host_copy(out);
  for_each_broadcast_pair(host_tensor(a), host_tensor(b), [&](const UserIndex& index, double x, double y) {
    assert_element("the result", index, element(got, index), f.base(x, y));
  });
}

// The elements of a along `dim` at the other coordinates of `index`.
std::vector<double> column(const TensorData& a, UserIndex index, int dim) {
  std::vector<double> out;
  const auto d = static_cast<std::size_t>(dim);
  for (index[d] = 0; index[d] < a.shape()[d]; ++index[d]) out.push_back(element(a, index));
  return out;
}

// sum_red / mean_red reduce dimension 0; mean_full_red reduces everything.
template <typename Fn>
void check_reduction(const Fn& f, const Tensor& a) {
  const Tensor out = f.variable(a);
  assert_on(out, a.backend());
  const TensorData in = host_copy(a), got = host_copy(out);
  if (f.name == "mean_full_red") {
    RC_ASSERT(out.shape() == Shape{1});
    std::vector<double> all;
    for (const UserIndex& index : all_indices(a.shape())) all.push_back(element(in, index));
    MT_RC_ASSERT_CLOSE(out.item(), f.base(all));
    return;
  }
  Shape shape = a.shape();
  shape[0] = 1;
  RC_ASSERT(out.shape() == shape);
  for (const UserIndex& index : all_indices(shape))
    assert_element("the result", index, element(got, index), f.base(column(in, index, 0)));
}

// Fewer draws for the costlier gradient properties of the broadcast tables.
bool fewer(int percent) { return *rc::gen::inRange(0, 100) < percent; }

// ------------------------------------------------------------- the suite, by task

void register_forwards(const TensorBackend& backend, const std::string& suite) {
  const TensorBackend* const b = &backend;
  for_each_one_arg([&](const auto& f) {
    register_property(
        suite, "OneArg_" + std::string(f.name), [f, b] { check_one_arg(f, *tensors_on(*b, suite_floats())); }, __FILE__,
        __LINE__);
  });
  for_each_two_arg([&](const auto& f) {
    const std::string name(f.name);
    register_property(
        suite, "TwoArg_" + name,
        [f, b] {
          const auto ts = *shaped_tensors_on(*b, 2, suite_floats());
          check_two_arg(f, ts[0], ts[1]);
          const auto [x, y] = *kink_pairs();
          check_two_arg(f, Tensor(on_backend(x, *b), *b), Tensor(on_backend(y, *b), *b));
        },
        __FILE__, __LINE__);
    register_property(
        suite, "TwoArgBroadcast_" + name,
        [f, b] {
          const auto [x, y] = *broadcastable_tensors_on(*b, suite_floats());
          check_two_arg(f, x, y);
        },
        __FILE__, __LINE__);
  });
  for_each_reduction([&](const auto& f) {
    register_property(
        suite, "Reduce_" + std::string(f.name), [f, b] { check_reduction(f, *tensors_on(*b, suite_floats())); },
        __FILE__, __LINE__);
  });
  // test_create: a tensor made on the backend holds the numbers given, and
  // so does a copy the backend makes of it (its id_map).
  register_property(
      suite, "Create",
      [b] {
        const std::vector<double> values = *float_lists(1, 50);
        const int n = static_cast<int>(values.size());
        const Tensor a = tensor(values, {n}, *b);
        assert_on(a, *b);
        for (int i = 0; i < n; ++i) RC_ASSERT(a({i}) == values[static_cast<std::size_t>(i)]);
        const Tensor copy = b->id_map(a);
        RC_ASSERT(copy.to_vector() == values);
      },
      __FILE__, __LINE__);
  // The original's golden reductions.
  register_test(
      suite, "ReduceForward",
      [b] {
        const Tensor a = tensor({{2, 3}, {4, 6}, {5, 7}}, *b);
        EXPECT_EQ(a.sum(0).to_vector(), (std::vector<double>{11, 16}));
        EXPECT_EQ(a.sum(1).to_vector(), (std::vector<double>{5, 10, 12}));
        EXPECT_EQ(a.sum().item(), 27.0);
        EXPECT_EQ(&a.sum().backend(), b);
      },
      __FILE__, __LINE__);
  // sum and mean over every dimension, not only dimension 0.
  register_property(
      suite, "ReduceEveryDim",
      [b] {
        const Tensor a = *tensors_on(*b, suite_floats());
        const TensorData in = host_copy(a);
        for (int dim = 0; dim < a.dims(); ++dim) {
          Shape shape = a.shape();
          shape[static_cast<std::size_t>(dim)] = 1;
          const Tensor s = a.sum(dim), m = a.mean(dim);
          RC_ASSERT(s.shape() == shape);
          RC_ASSERT(m.shape() == shape);
          const TensorData sums = host_copy(s), means = host_copy(m);
          for (const UserIndex& index : all_indices(shape)) {
            double total = 0.0;
            const std::vector<double> values = column(in, index, dim);
            for (double x : values) total += x;
            const std::string dim_text = "(dimension " + std::to_string(dim) + ")";
            assert_element(("a.sum" + dim_text).c_str(), index, element(sums, index), total);
            assert_element(("a.mean" + dim_text).c_str(), index, element(means, index),
                           total / static_cast<double>(values.size()));
          }
        }
      },
      __FILE__, __LINE__);
}

void register_backwards(const TensorBackend& backend, const std::string& suite) {
  const TensorBackend* const b = &backend;
  // A device backend (the CUDA simulator runs every thread of a block as a
  // fiber: ~1000 times slower than the CPU backends) runs the two costliest
  // properties with the original course's max_examples, 50 and 25.
  const bool device = backend.device != Device::cpu;
  const int two_grad_cases = device ? 50 : 0, broadcast_cases = device ? 25 : 0;
  for_each_one_arg([&](const auto& f) {
    register_property(
        suite, "OneDerivative_" + std::string(f.name),
        [f, b] {
          const auto numbers = rc::gen::map(suite_floats(), [f](double x) { return off_kink(f, x); });
          grad_check([&f](const Tensor& x) { return f.variable(x); }, *tensors_on(*b, numbers));
        },
        __FILE__, __LINE__);
  });
  for_each_two_arg([&](const auto& f) {
    const std::string name(f.name);
    const auto fn = [f](const Tensor& x, const Tensor& y) { return f.variable(x, y); };
    register_property(
        suite, "TwoGrad_" + name,
        [f, fn, b] {
          const auto ts = *shaped_tensors_on(*b, 2, smooth_floats());
          RC_PRE(!any_near_kink(f, ts[0], ts[1]));
          grad_check(fn, ts[0], ts[1]);
        },
        __FILE__, __LINE__, two_grad_cases);
    // test_two_grad_broadcast: a summed input broadcasts against the other.
    register_property(
        suite, "TwoGradBroadcast_" + name,
        [f, fn, b] {
          const auto ts = *shaped_tensors_on(*b, 2, smooth_floats());
          const Tensor x = ts[0], y = ts[1];
          const Tensor x0 = x.sum(0), y0 = y.sum(0);
          RC_PRE(!any_near_kink(f, x, y) && !any_near_kink(f, x0, y) && !any_near_kink(f, x, y0));
          grad_check(fn, x, y);
          grad_check(fn, x0, y);
          grad_check(fn, x, y0);
          if (fewer(50)) {
            const auto [c, d] = *broadcastable_tensors_on(*b, smooth_floats());
            RC_PRE(!any_near_kink(f, c, d));
            grad_check(fn, c, d);
          }
        },
        __FILE__, __LINE__, broadcast_cases);
  });
  for_each_reduction([&](const auto& f) {
    register_property(
        suite, "GradReduce_" + std::string(f.name),
        [f, b] { grad_check([&f](const Tensor& x) { return f.variable(x); }, *tensors_on(*b, suite_floats())); },
        __FILE__, __LINE__);
  });
  register_property(
      suite, "Permute",
      [b] {
        const Tensor a = *tensors_on(*b, suite_floats());
        const std::vector<int> order = *permutations(a.dims());
        grad_check([&order](const Tensor& x) { return x.permute(order); }, a);
        // All sizes equal: a backward with the permutation instead of its
        // inverse keeps the shape and moves the gradients around.
        const Shape cube(static_cast<std::size_t>(*rc::gen::inRange(3, 5)), *rc::gen::inRange(2, 4));
        const std::vector<int> cube_order = *permutations(static_cast<int>(cube.size()));
        grad_check([&cube_order](const Tensor& x) { return x.permute(cube_order); },
                   *tensors_on(*b, cube, suite_floats()));
      },
      __FILE__, __LINE__);
  // View backward gets a non-contiguous gradient in the third check (from
  // the permute after it): it must make it contiguous before viewing it.
  register_property(
      suite, "BackView",
      [b] {
        const Tensor a = *tensors_on(*b, suite_floats());
        grad_check([](const Tensor& x) { return x.contiguous().view({x.size()}); }, a);
        grad_check([](const Tensor& x) { return (x.contiguous().view({x.size(), 1}) * 2.0).sum(0); }, a);
        const int rows = a.shape()[0];
        grad_check([rows](const Tensor& x) { return x.contiguous().view({rows, x.size() / rows}).permute({1, 0}); }, a);
      },
      __FILE__, __LINE__);
  // backward with a gradient other than 1, in any layout (a sigmoid
  // backward that forgets d_out passes grad_check on sum() but fails here).
  register_property(
      suite, "BackwardUsesGradOutput",
      [b] {
        const Tensor a = *tensors_on(*b, floats_between(0.5, 50.0));
        const Tensor d = *tensors_on(*b, a.shape(), small_floats());
        const TensorData in = host_copy(a), d_host = host_copy(d);
        const auto check = [&](const Tensor& out, auto derivative) {
          a.requires_grad_(true);
          a.zero_grad_();
          out.backward(d);
          RC_ASSERT(a.grad().has_value());
          const TensorData grad = host_copy(*a.grad());
          for (const UserIndex& i : all_indices(a.shape())) {
            MT_RC_ASSERT_ALLCLOSE(element(grad, i), element(d_host, i) * derivative(element(in, i)), 1e-6, 1e-9);
          }
        };
        a.requires_grad_(true);
        check(a.sigmoid(), [](double x) {
          const double s = 1.0 / (1.0 + std::exp(-x));
          return s * (1.0 - s);
        });
        check(a.relu(), [](double x) { return x > 0 ? 1.0 : 0.0; });
        check(a.log(), [](double x) { return 1.0 / x; });
        check((a / 25.0).exp(), [](double x) { return std::exp(x / 25.0) / 25.0; });
        check(1.0 / a, [](double x) { return -1.0 / (x * x); });
        check(-a, [](double) { return -1.0; });
        check(a * a, [](double x) { return 2.0 * x; });
      },
      __FILE__, __LINE__);
}

// ------------------------------------------------------------- backend comparison

struct MapEntry {
  const char* name;
  MapOp TensorBackend::*op;
};
struct ZipEntry {
  const char* name;
  ZipOp TensorBackend::*op;
};
struct ReduceEntry {
  const char* name;
  ReduceOp TensorBackend::*op;
};

const MapEntry kMaps[] = {{"neg_map", &TensorBackend::neg_map},   {"sigmoid_map", &TensorBackend::sigmoid_map},
                          {"relu_map", &TensorBackend::relu_map}, {"log_map", &TensorBackend::log_map},
                          {"exp_map", &TensorBackend::exp_map},   {"id_map", &TensorBackend::id_map},
                          {"inv_map", &TensorBackend::inv_map}};
const ZipEntry kZips[] = {{"add_zip", &TensorBackend::add_zip},
                          {"mul_zip", &TensorBackend::mul_zip},
                          {"lt_zip", &TensorBackend::lt_zip},
                          {"eq_zip", &TensorBackend::eq_zip},
                          {"is_close_zip", &TensorBackend::is_close_zip},
                          {"relu_back_zip", &TensorBackend::relu_back_zip},
                          {"log_back_zip", &TensorBackend::log_back_zip},
                          {"inv_back_zip", &TensorBackend::inv_back_zip}};
const ReduceEntry kReduces[] = {{"add_reduce", &TensorBackend::add_reduce},
                                {"mul_reduce", &TensorBackend::mul_reduce},
                                {"max_reduce", &TensorBackend::max_reduce}};

// What a kernel must leave alone: every storage position of an output starts with it.
constexpr double kUntouched = -7777.25;

// An output of `shape` and `strides` on `backend`, every storage position kUntouched.
TensorData untouched_output(const Shape& shape, const Strides& strides, const TensorBackend& backend) {
  const std::vector<double> values(storage_size(shape, strides), kUntouched);
  return on_backend(TensorData(Storage(values), shape, strides), backend);
}

bool agree(double got, double expected) {
  if (std::memcmp(&got, &expected, sizeof got) == 0 || (std::isnan(got) && std::isnan(expected))) return true;
  return std::fabs(got - expected) <= 1e-9 * std::max(1.0, std::fabs(expected));
}

// Runs `run(backend, out)` and `run(simple, out)` on outputs of one layout
// and asserts every storage position agrees (values and untouched gaps).
template <typename Run>
void assert_agrees_with_simple(const TensorBackend& backend, const Shape& shape, const Strides& strides,
                               const Run& run) {
  TensorData got = untouched_output(shape, strides, backend);
  TensorData expected = untouched_output(shape, strides, simple_backend());
  run(backend, got);
  run(simple_backend(), expected);
  const TensorData g = host_storage(got, backend), e = host_storage(expected, simple_backend());
  for (std::size_t p = 0; p < g.storage().size(); ++p) {
    if (!agree(g.storage()[p], e.storage()[p])) {
      RC_LOG() << backend.name << " and simple differ at storage position " << p << " of an output of shape "
               << shape_to_string(shape) << " and strides " << shape_to_string(strides) << ": " << g.storage()[p]
               << " and " << e.storage()[p] << " (" << kUntouched << ": a position the kernel must leave alone)\n";
    }
    RC_ASSERT(agree(g.storage()[p], e.storage()[p]));
  }
}

// Inputs and output layout for a map or zip: 0: broadcasting, independent
// layouts; 1: one shape, independent layouts; 2: one shape, one layout
// shared by every input and the output (a kernel's aligned fast path).
struct Case {
  std::vector<TensorData> inputs;  // host memory
  Shape out_shape;
  Strides out_strides;
};

Case draw_case(int inputs) {
  Case c;
  const int kind = *rc::gen::inRange(0, 3);
  const auto [first, second] = *broadcastable_shapes();
  if (kind == 0) {
    c.out_shape = broadcast_shape(first, second);
    c.out_strides = *output_layouts(c.out_shape);
    c.inputs.push_back(*any_tensor_data(first, suite_floats()));
    if (inputs == 2) c.inputs.push_back(*any_tensor_data(second, suite_floats()));
    return c;
  }
  c.out_shape = first;
  c.out_strides = *output_layouts(first);
  for (int i = 0; i < inputs; ++i) {
    c.inputs.push_back(kind == 1 ? *any_tensor_data(first, suite_floats())
                                 : *tensor_data_with(first, c.out_strides, suite_floats()));
  }
  return c;
}

}  // namespace

void register_tensor_suite(const TensorBackend& backend, const std::string& ops_suite, const std::string& grad_suite) {
  register_forwards(backend, ops_suite);
  register_backwards(backend, grad_suite);
}

void register_backend_comparison(const TensorBackend& backend, const std::string& suite) {
  const TensorBackend* const b = &backend;
  for (const MapEntry& entry : kMaps) {
    const auto op = entry.op;
    register_property(
        suite, std::string("Compare_") + entry.name,
        [b, op] {
          const Case c = draw_case(1);
          assert_agrees_with_simple(*b, c.out_shape, c.out_strides, [&c, op](const TensorBackend& on, TensorData& out) {
            (on.*op)(on_backend(c.inputs[0], on), out);
          });
        },
        __FILE__, __LINE__);
  }
  for (const ZipEntry& entry : kZips) {
    const auto op = entry.op;
    register_property(
        suite, std::string("Compare_") + entry.name,
        [b, op] {
          const Case c = draw_case(2);
          assert_agrees_with_simple(*b, c.out_shape, c.out_strides, [&c, op](const TensorBackend& on, TensorData& out) {
            (on.*op)(on_backend(c.inputs[0], on), on_backend(c.inputs[1], on), out);
          });
        },
        __FILE__, __LINE__);
  }
  for (const ReduceEntry& entry : kReduces) {
    const auto op = entry.op;
    register_property(
        suite, std::string("Compare_") + entry.name,
        [b, op] {
          const Shape shape = *shapes();
          const TensorData a = *any_tensor_data(shape, suite_floats());
          for (int dim = 0; dim < a.dims(); ++dim) {
            Shape out_shape = shape;
            out_shape[static_cast<std::size_t>(dim)] = 1;
            assert_agrees_with_simple(
                *b, out_shape, *output_layouts(out_shape),
                [&a, op, dim](const TensorBackend& on, TensorData& out) { (on.*op)(on_backend(a, on), dim, out); });
          }
        },
        __FILE__, __LINE__);
  }
}

void register_backend_suites(const TensorBackend& backend, const std::string& suite) {
  register_tensor_suite(backend, suite, suite);
  register_backend_comparison(backend, suite);
}

}  // namespace minitorch::testing
