// module3/tests/test_fast_ops.cpp
//
// Task 3.1: the parallel map, zip and reduce kernels against Module 2's
// simple kernels on random layouts (permuted, gapped as a slice leaves them,
// expanded with stride 0) with broadcasting, through the stride-aligned fast
// path and the general path, serially and in parallel, whatever the thread
// count. Map and zip must give the very same numbers (one function call per
// element: nothing to reorder); a reduction may add in another order (pairwise,
// several accumulators), so it is compared with a tolerance.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "minitorch/fast_kernels.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_data.h"
#include "minitorch/tensor_ops.h"
#include "support/compare.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Storage;
using minitorch::Strides;
using minitorch::TensorData;
namespace mt = minitorch;
namespace ew = minitorch::elementwise;
namespace t = minitorch::testing;

namespace {

// Kernel settings: the defaults (tiny tensors run serially) or, drawn by
// draw_settings, a grain of 1 with a chunk of 1 to 5 elements on 2 threads
// (everything runs in parallel, in many small pieces).
mt::ParallelOptions settings(int grain, int chunk, int threads = 0) {
  mt::ParallelOptions options;
  options.grain = grain;
  options.chunk = chunk;
  options.threads = threads;
  return options;
}

mt::ParallelOptions draw_settings() {
  if (*rc::gen::inRange(0, 2) == 0) return mt::ParallelOptions{};
  return settings(1, *rc::gen::inRange(1, 6), 2);
}

// The same bits, or both NaN.
bool same_value(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0 || (std::isnan(x) && std::isnan(y)); }

// Equal up to rounding: what adding in another order may change (relative
// 1e-9; the sums here have at most a few hundred terms).
bool nearly_same_value(double x, double y) {
  return same_value(x, y) || std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)});
}

// "" when got and expected hold the same values at every index (up to
// rounding when `rounding`), else where they first differ.
std::string difference(const char* what, const TensorData& got, const TensorData& expected, bool rounding = false) {
  if (got.shape() != expected.shape()) return std::string(what) + ": the shapes differ";
  for (const mt::UserIndex& index : t::all_indices(got.shape())) {
    const double g = t::element(got, index), e = t::element(expected, index);
    if (rounding ? !nearly_same_value(g, e) : !same_value(g, e)) {
      return std::string(what) + " at " + mt::shape_to_string(index) + ": fast " + std::to_string(g) + ", simple " +
             std::to_string(e);
    }
  }
  return "";
}

// An output of `shape` in a random layout a kernel may write (permuted, or
// gapped: positions between its elements that no index reaches), filled with
// `fill`, gaps included.
TensorData output(const Shape& shape, double fill = 0.0) {
  const Strides strides = *t::output_layouts(shape);
  return TensorData(Storage(std::vector<double>(t::storage_size(shape, strides), fill)), shape, strides);
}

// Fresh values in the very layout of `layout`.
TensorData like(const TensorData& layout) {
  std::vector<double> values = *rc::gen::container<std::vector<double>>(layout.storage().size(), t::small_floats());
  return TensorData(Storage(values), layout.shape(), layout.strides());
}

// A contiguous copy of `data` (the same numbers at every index).
TensorData copy_of(const TensorData& data) {
  std::vector<double> values;
  for (const mt::UserIndex& index : t::all_indices(data.shape())) values.push_back(t::element(data, index));
  return TensorData(values, data.shape());
}

template <typename Fn>
std::string map_difference(const TensorData& in, TensorData& fast_out, TensorData& simple_out,
                           const mt::ParallelOptions& opt) {
  mt::fast_map(Fn{}, fast_out.out_view(), in.in_view(), opt);
  mt::tensor_map(Fn{}, simple_out.out_view(), in.in_view());
  return difference("map", fast_out, simple_out);
}

template <typename Fn>
std::string zip_difference(const TensorData& a, const TensorData& b, TensorData& fast_out, TensorData& simple_out,
                           const mt::ParallelOptions& opt) {
  mt::fast_zip(Fn{}, fast_out.out_view(), a.in_view(), b.in_view(), opt);
  mt::tensor_zip(Fn{}, simple_out.out_view(), a.in_view(), b.in_view());
  return difference("zip", fast_out, simple_out);
}

// fast_out and simple_out: a's shape with dim -> 1, holding the start value.
template <typename Fn>
std::string reduce_difference(const TensorData& a, int dim, TensorData& fast_out, TensorData& simple_out,
                              const mt::ParallelOptions& opt) {
  mt::fast_reduce(Fn{}, fast_out.out_view(), a.in_view(), dim, opt);
  mt::tensor_reduce(Fn{}, simple_out.out_view(), a.in_view(), dim);
  return difference("reduce", fast_out, simple_out, /*rounding=*/true);
}

// Every map function of the backend table; the first difference found.
std::string all_maps_difference(const TensorData& in, TensorData& fast_out, TensorData& simple_out,
                                const mt::ParallelOptions& opt) {
  std::string d;
  const auto add = [&d](const std::string& more) {
    if (d.empty()) d = more;
  };
  add(map_difference<ew::Neg>(in, fast_out, simple_out, opt));
  add(map_difference<ew::Sigmoid>(in, fast_out, simple_out, opt));
  add(map_difference<ew::Relu>(in, fast_out, simple_out, opt));
  add(map_difference<ew::Log>(in, fast_out, simple_out, opt));
  add(map_difference<ew::Exp>(in, fast_out, simple_out, opt));
  add(map_difference<ew::Id>(in, fast_out, simple_out, opt));
  add(map_difference<ew::Inv>(in, fast_out, simple_out, opt));
  return d;
}

std::string all_zips_difference(const TensorData& a, const TensorData& b, TensorData& fast_out, TensorData& simple_out,
                                const mt::ParallelOptions& opt) {
  std::string d;
  const auto add = [&d](const std::string& more) {
    if (d.empty()) d = more;
  };
  add(zip_difference<ew::Add>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::Mul>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::Lt>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::Eq>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::IsClose>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::ReluBack>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::LogBack>(a, b, fast_out, simple_out, opt));
  add(zip_difference<ew::InvBack>(a, b, fast_out, simple_out, opt));
  return d;
}

// Reduces `dim` of a with fast and simple into outputs of random layouts.
template <typename Fn>
std::string random_reduce_difference(const TensorData& a, int dim, double start, const mt::ParallelOptions& opt) {
  Shape shape = a.shape();
  shape[static_cast<std::size_t>(dim)] = 1;
  TensorData fast_out = output(shape, start), simple_out = output(shape, start);
  return reduce_difference<Fn>(a, dim, fast_out, simple_out, opt);
}

}  // namespace

// ---------------------------------------------------------------- Task 3.1

// General path: the input broadcasts to a bigger output, both permuted.
RC_GTEST_PROP(Task3_1, MapBroadcastMatchesSimple, ()) {
  const mt::ParallelOptions opt = draw_settings();
  const auto [in_shape, other] = *t::broadcastable_shapes();
  const TensorData in = *t::tensor_data(in_shape);
  const Shape out_shape = t::broadcast_shape(in_shape, other);
  TensorData fast_out = output(out_shape), simple_out = output(out_shape);
  MT_RC_ASSERT_NO_DIFFERENCE(all_maps_difference(in, fast_out, simple_out, opt));
}

// Same shapes, independent layouts (mostly the general path).
RC_GTEST_PROP(Task3_1, MapMatchesSimple, ()) {
  const mt::ParallelOptions opt = draw_settings();
  const TensorData in = *t::any_tensor_data(*t::shapes());  // permuted, gapped or expanded
  TensorData fast_out = output(in.shape()), simple_out = output(in.shape());
  MT_RC_ASSERT_NO_DIFFERENCE(all_maps_difference(in, fast_out, simple_out, opt));
}

// Stride-aligned fast path: out has the very layout of in (permuted or not).
RC_GTEST_PROP(Task3_1, MapAlignedMatchesSimple, ()) {
  const mt::ParallelOptions opt = draw_settings();
  const TensorData in = *t::tensor_data();
  TensorData fast_out = like(in), simple_out = like(in);
  MT_RC_ASSERT_NO_DIFFERENCE(all_maps_difference(in, fast_out, simple_out, opt));
  // One layout, but gapped (not dense): walking the storage from 0 to size - 1
  // would read and write the gaps and miss elements.
  const TensorData gapped = *t::tensor_data_with(in.shape(), *t::gapped_layouts(in.shape()), t::small_floats());
  TensorData fast_gapped = like(gapped), simple_gapped = like(gapped);
  MT_RC_ASSERT_NO_DIFFERENCE(all_maps_difference(gapped, fast_gapped, simple_gapped, opt));
}

RC_GTEST_PROP(Task3_1, ZipBroadcastMatchesSimple, ()) {
  const mt::ParallelOptions opt = draw_settings();
  const auto [a_shape, b_shape] = *t::broadcastable_shapes();
  const TensorData a = *t::any_tensor_data(a_shape), b = *t::any_tensor_data(b_shape);
  const Shape out_shape = t::broadcast_shape(a_shape, b_shape);
  TensorData fast_out = output(out_shape), simple_out = output(out_shape);
  MT_RC_ASSERT_NO_DIFFERENCE(all_zips_difference(a, b, fast_out, simple_out, opt));
}

// Stride-aligned fast path: out, a and b share one permuted layout; and the
// near misses that must take the general path (one of the three differs).
RC_GTEST_PROP(Task3_1, ZipAlignedMatchesSimple, ()) {
  const mt::ParallelOptions opt = draw_settings();
  const TensorData a = *t::tensor_data();
  const TensorData b = like(a);
  TensorData fast_out = like(a), simple_out = like(a);
  MT_RC_ASSERT_NO_DIFFERENCE(all_zips_difference(a, b, fast_out, simple_out, opt));
  const TensorData c = *t::tensor_data(a.shape());  // its own layout
  MT_RC_ASSERT_NO_DIFFERENCE(zip_difference<ew::Add>(a, c, fast_out, simple_out, opt));
  MT_RC_ASSERT_NO_DIFFERENCE(zip_difference<ew::Mul>(c, b, fast_out, simple_out, opt));
  TensorData fast_other = output(a.shape()), simple_other = output(a.shape());
  MT_RC_ASSERT_NO_DIFFERENCE(zip_difference<ew::Add>(a, b, fast_other, simple_other, opt));
  // One gapped (not dense) layout for all three: not the aligned path.
  const TensorData gapped = *t::tensor_data_with(a.shape(), *t::gapped_layouts(a.shape()), t::small_floats());
  const TensorData gapped_b = like(gapped);
  TensorData fast_gapped = like(gapped), simple_gapped = like(gapped);
  MT_RC_ASSERT_NO_DIFFERENCE(all_zips_difference(gapped, gapped_b, fast_gapped, simple_gapped, opt));
}

RC_GTEST_PROP(Task3_1, ReduceMatchesSimple, ()) {
  const mt::ParallelOptions opt = draw_settings();
  const TensorData a = *t::any_tensor_data(*t::shapes());
  const int dim = *rc::gen::inRange(0, a.dims());
  MT_RC_ASSERT_NO_DIFFERENCE(random_reduce_difference<ew::Add>(a, dim, 0.0, opt));
  MT_RC_ASSERT_NO_DIFFERENCE(random_reduce_difference<ew::Mul>(a, dim, 1.0, opt));
  MT_RC_ASSERT_NO_DIFFERENCE(random_reduce_difference<ew::Max>(a, dim, -1e300, opt));
  MT_RC_ASSERT_NO_DIFFERENCE(
      random_reduce_difference<ew::Add>(a, dim, *t::small_floats(), opt));  // out holds the start value
}

// Tensors past the grain size with the default settings: the parallel paths
// with real chunks, against the simple kernels.
TEST(Task3_1, LargeTensorsMatchSimple) {
  mt::Random rng(5);
  std::vector<double> values(3 * 211 * 173);
  for (double& v : values) v = rng.uniform(-2.0, 2.0);
  const TensorData a(values, {3, 211, 173});
  const TensorData p = a.permute({2, 0, 1});  // (173, 3, 211), not contiguous
  const TensorData row(std::vector<double>(values.begin(), values.begin() + 211), {1, 211});
  const mt::ParallelOptions opt;
  TensorData fast_out = TensorData::zeros(a.shape()), simple_out = TensorData::zeros(a.shape());
  EXPECT_EQ(all_maps_difference(a, fast_out, simple_out, opt), "") << "aligned";
  TensorData fast_p = TensorData::zeros(p.shape()), simple_p = TensorData::zeros(p.shape());
  EXPECT_EQ(all_maps_difference(p, fast_p, simple_p, opt), "") << "permuted input, contiguous output";
  EXPECT_EQ(all_maps_difference(row, fast_p, simple_p, opt), "") << "broadcast input";
  EXPECT_EQ(all_zips_difference(p, row, fast_p, simple_p, opt), "") << "broadcast zip";
  const TensorData a_copy = copy_of(a);
  EXPECT_EQ(all_zips_difference(a, a_copy, fast_out, simple_out, opt), "") << "aligned zip";
  for (int dim = 0; dim < 3; ++dim) {
    Shape shape = p.shape();
    shape[static_cast<std::size_t>(dim)] = 1;
    TensorData fast_sum = TensorData::zeros(shape), simple_sum = TensorData::zeros(shape);
    EXPECT_EQ(reduce_difference<ew::Add>(p, dim, fast_sum, simple_sum, opt), "") << "sum over " << dim;
  }
}

// Results do not depend on the number of threads: 1 and 2 threads give the
// same bits for map and zip, the same up to rounding for the sums, on tensors
// big enough to run in parallel by default.
TEST(Task3_1, SameResultsForAnyThreadCount) {
  mt::Random rng(11);
  std::vector<double> values(5 * 160 * 90);
  for (double& v : values) v = rng.uniform(-3.0, 3.0);
  const TensorData a = TensorData(values, {5, 160, 90}).permute({1, 2, 0});  // (160, 90, 5)
  const TensorData b(std::vector<double>(values.begin(), values.begin() + 450), {90, 5});
  const auto run = [&](int threads) {
    const mt::ParallelOptions opt = settings(1 << 15, 1 << 12, threads);
    std::vector<TensorData> outs;
    outs.push_back(TensorData::zeros(a.shape()));
    mt::fast_map(ew::Sigmoid{}, outs.back().out_view(), a.in_view(), opt);
    outs.push_back(TensorData::zeros(a.shape()));
    mt::fast_zip(ew::Mul{}, outs.back().out_view(), a.in_view(), b.in_view(), opt);
    for (int dim = 0; dim < 3; ++dim) {
      Shape shape = a.shape();
      shape[static_cast<std::size_t>(dim)] = 1;
      outs.push_back(TensorData::zeros(shape));
      mt::fast_reduce(ew::Add{}, outs.back().out_view(), a.in_view(), dim, opt);
    }
    return outs;
  };
  const std::vector<TensorData> one = run(1), two = run(2);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(difference(i < 2 ? "map, zip" : "sum", two[i], one[i], /*rounding=*/i >= 2), "")
        << "output " << i << " differs between 1 and 2 threads";
  }
}

// A backend built from FastOps computes through the fast kernels.
TEST(Task3_1, FastBackendTable) {
  const mt::TensorBackend& f = mt::fast_backend();
  EXPECT_EQ(f.name, "fast");
  EXPECT_EQ(f.device, mt::Device::cpu);
  EXPECT_TRUE(f.supports(mt::OptionalOp::matrix_multiply));
  EXPECT_EQ(&mt::backend_by_name("fast"), &f);
  const TensorData a(std::vector<double>{1, -2, 3, -4, 5, -6}, {2, 3});
  const TensorData b(std::vector<double>{10, 20, 30}, {3});
  TensorData out = f.zeros({2, 3});
  f.neg_map(a, out);
  EXPECT_EQ(mt::Tensor(out).to_vector(), (std::vector<double>{-1, 2, -3, 4, -5, 6}));
  f.add_zip(a, b, out);
  EXPECT_EQ(mt::Tensor(out).to_vector(), (std::vector<double>{11, 18, 33, 6, 25, 24}));
  TensorData sums = f.zeros({2, 1});
  f.add_reduce(a, 1, sums);
  EXPECT_EQ(mt::Tensor(sums).to_vector(), (std::vector<double>{2, -5}));
  TensorData products = f.zeros({1, 3});
  f.mul_reduce(a, 0, products);
  EXPECT_EQ(mt::Tensor(products).to_vector(), (std::vector<double>{-4, -10, -18}));
}

// ---------------------------------------------------------------- not graded

TEST(FastOpsLayouts, DenseAndNonOverlapping) {
  using V = std::vector<int>;
  EXPECT_TRUE(mt::is_dense(V{2, 3}, V{3, 1}));
  EXPECT_TRUE(mt::is_dense(V{2, 3}, V{1, 2}));            // transposed
  EXPECT_TRUE(mt::is_dense(V{2, 1, 3}, V{3, 99, 1}));     // size-1 dimensions may have any stride
  EXPECT_TRUE(mt::is_dense(V{4, 2, 3}, V{1, 12, 4}));     // permuted
  EXPECT_FALSE(mt::is_dense(V{2, 3}, V{6, 2}));           // gaps
  EXPECT_FALSE(mt::is_dense(V{2, 3}, V{0, 1}));           // broadcast
  EXPECT_TRUE(mt::is_non_overlapping(V{2, 3}, V{6, 2}));  // gaps are fine
  EXPECT_TRUE(mt::is_non_overlapping(V{2, 3}, V{1, 2}));
  EXPECT_FALSE(mt::is_non_overlapping(V{2, 3}, V{0, 1}));
  EXPECT_FALSE(mt::is_non_overlapping(V{2, 2, 2}, V{1, 1, 5}));
  EXPECT_TRUE(mt::is_non_overlapping(V{1}, V{0}));
}

TEST(FastOpsThreads, SetAndRead) {
  const int before = mt::fast_threads();
  EXPECT_GE(before, 1);
  mt::set_fast_threads(1);
  EXPECT_EQ(mt::fast_threads(), 1);
  mt::set_fast_threads(before);
  EXPECT_THROW(mt::set_fast_threads(0), mt::ValueError);
}

// An output that repeats positions (stride 0) is written serially, as the
// simple backend writes it: the last write wins, no race.
TEST(FastOpsLayouts, OverlappingOutputRunsSerially) {
  const mt::ParallelOptions opt = settings(1, 1, 2);
  const TensorData in(std::vector<double>{1, 2, 3, 4, 5, 6}, {2, 3});
  TensorData fast_out(Storage(3), {2, 3}, {0, 1});
  TensorData simple_out(Storage(3), {2, 3}, {0, 1});
  mt::fast_map(ew::Neg{}, fast_out.out_view(), in.in_view(), opt);
  mt::tensor_map(ew::Neg{}, simple_out.out_view(), in.in_view());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(fast_out.data()[i], simple_out.data()[i]);
}
