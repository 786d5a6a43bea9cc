// module3/tests/test_fast_memory.cpp
//
// The fast backend's memory (not graded): results allocated without a
// zero-fill (TensorBackend::output: map, zip, reduce, matmul) hold only what
// their kernel wrote, even in a reused storage full of old numbers; fill
// writes every element of a dense or gapped layout and nothing else; a
// backend without allocate_output gives zeros.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "minitorch/fast_backend.h"
#include "minitorch/matmul.h"
#include "minitorch/tensor.h"
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

namespace mt = minitorch;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Leaves storages of n doubles full of NaN in the backend's pool.
void leave_nans(const mt::TensorBackend& backend, int n) {
  std::vector<mt::TensorData> kept;
  for (int i = 0; i < 4; ++i) {
    kept.push_back(backend.output({n}));
    backend.fill(kept.back(), kNan);
  }
}

mt::Tensor values(const mt::TensorBackend& backend, const mt::Shape& shape, double start) {
  std::vector<double> v(static_cast<std::size_t>(mt::shape_size(shape)));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = start + 0.5 * static_cast<double>(i);
  return mt::Tensor(backend.from_host(v, shape), backend);
}

}  // namespace

TEST(FastBackendMemory, ResultsInReusedStorageHoldOnlyWhatTheKernelWrote) {
  const mt::TensorBackend& fast = mt::fast_backend();
  const mt::TensorBackend& simple = mt::simple_backend();
  const mt::Shape shape{3, 4, 5};
  leave_nans(fast, 60);
  leave_nans(fast, 12);
  leave_nans(fast, 36);
  const mt::Tensor x = values(fast, shape, -7.0), y = values(fast, {4, 1}, 2.0);
  const mt::Tensor sx = values(simple, shape, -7.0), sy = values(simple, {4, 1}, 2.0);
  const auto same = [](const mt::Tensor& got, const mt::Tensor& want) {
    const std::vector<double> g = got.backend().to_host(got.data()), w = want.backend().to_host(want.data());
    ASSERT_EQ(g.size(), w.size());
    for (std::size_t i = 0; i < g.size(); ++i) EXPECT_EQ(g[i], w[i]) << "element " << i;
  };
  same(-x, -sx);
  same(x + y, sx + sy);       // broadcast zip
  same(x.sum(1), sx.sum(1));  // reduce: its start value first
  same((x * y).sum(2), (sx * sy).sum(2));
  const mt::Tensor w = values(fast, {5, 3}, 1.0), sw = values(simple, {5, 3}, 1.0);
  same(mt::matmul(x.view({12, 5}), w), mt::matmul(sx.view({12, 5}), sw));  // (12, 3): 36 elements
}

TEST(FastBackendMemory, FillWritesEveryElementAndNothingElse) {
  const mt::TensorBackend& fast = mt::fast_backend();
  // Dense but transposed: every position.
  mt::TensorData dense = fast.output({4, 6}).permute({1, 0});
  fast.fill(dense, 2.5);
  for (const double v : fast.to_host(dense)) EXPECT_EQ(v, 2.5);
  // Gapped (every other column of a (4, 6) storage): those, and no other.
  mt::TensorData whole = fast.zeros({4, 6});
  mt::TensorData gapped(whole.storage(), {4, 3}, {6, 2});
  fast.fill(gapped, -1.0);
  const std::vector<double> all = fast.to_host(whole);
  for (int i = 0; i < 24; ++i) EXPECT_EQ(all[static_cast<std::size_t>(i)], i % 2 == 0 ? -1.0 : 0.0) << i;
}

TEST(FastBackendMemory, WithoutAllocateOutputResultsStartAsZeros) {
  const mt::TensorBackend& simple = mt::simple_backend();
  ASSERT_FALSE(static_cast<bool>(simple.memory.allocate_output));
  for (const double v : simple.to_host(simple.output({3, 2}))) EXPECT_EQ(v, 0.0);
}
