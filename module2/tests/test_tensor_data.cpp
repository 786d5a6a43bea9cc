// module2/tests/test_tensor_data.cpp
//
// Task 2.1 (indexing: index_to_position, to_index, permute) and TensorData
// itself (not graded). Task 2.2's broadcasting is in test_broadcast.cpp.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/indexing.h"
#include "minitorch/tensor_data.h"
#include "support/messages.h"
#include "support/tensor_generators.h"

using minitorch::IndexBuffer;
using minitorch::IndexingError;
using minitorch::Shape;
using minitorch::Storage;
using minitorch::Strides;
using minitorch::TensorData;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;
using t::message_of;

namespace {

UserIndex reversed(UserIndex index) {
  std::reverse(index.begin(), index.end());
  return index;
}

}  // namespace

// ---------------------------------------------------------------- Task 2.1

TEST(Task2_1, Layout) {
  const TensorData data(Storage(15), {3, 5}, {5, 1});
  EXPECT_TRUE(data.is_contiguous());
  EXPECT_EQ(data.shape(), (Shape{3, 5}));
  EXPECT_EQ(data.index({1, 0}), 5);
  EXPECT_EQ(data.index({1, 2}), 7);

  const TensorData transposed(Storage(15), {5, 3}, {1, 5});
  EXPECT_EQ(transposed.shape(), (Shape{5, 3}));
  EXPECT_FALSE(transposed.is_contiguous());
  EXPECT_EQ(transposed.index({1, 2}), 11);

  EXPECT_EQ(TensorData::zeros({4, 2, 2}).strides(), (Strides{4, 2, 1}));
}

TEST(Task2_1, IndexToPosition) {
  const std::vector<int> strides{12, 4, 1};
  EXPECT_EQ(mt::index_to_position(std::vector<int>{0, 0, 0}, strides), 0);
  EXPECT_EQ(mt::index_to_position(std::vector<int>{1, 2, 3}, strides), 23);
  EXPECT_EQ(mt::index_to_position(std::vector<int>{1, 0, 2}, std::vector<int>{1, 6, 2}), 5);
  // A longer index buffer: only the first strides.size() entries count.
  IndexBuffer buffer{};
  buffer[0] = 2;
  buffer[1] = 1;
  buffer[2] = 99;
  EXPECT_EQ(mt::index_to_position(buffer, std::vector<int>{3, 1}), 7);
}

TEST(Task2_1, ToIndex) {
  const Shape shape{2, 3};
  const std::vector<UserIndex> expected{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
  for (int ordinal = 0; ordinal < 6; ++ordinal) {
    UserIndex index(2, -1);
    mt::to_index(ordinal, shape, index);
    EXPECT_EQ(index, expected[static_cast<std::size_t>(ordinal)]) << "ordinal " << ordinal;
  }
  IndexBuffer buffer{};
  mt::to_index(23, std::vector<int>{2, 3, 4}, buffer);
  EXPECT_EQ((UserIndex{buffer[0], buffer[1], buffer[2]}), (UserIndex{1, 2, 3}));
}

// Enumerating ordinals 0 .. size-1 gives every index once, each in range.
RC_GTEST_PROP(Task2_1, Enumeration, ()) {
  const TensorData data = *t::tensor_data();
  const std::vector<UserIndex> indices = data.indices();
  RC_ASSERT(static_cast<int>(indices.size()) == data.size());
  RC_ASSERT(std::set<UserIndex>(indices.begin(), indices.end()).size() == indices.size());
  for (const UserIndex& index : indices) {
    RC_ASSERT(index.size() == data.shape().size());
    for (std::size_t i = 0; i < index.size(); ++i) {
      RC_ASSERT(index[i] >= 0);
      RC_ASSERT(index[i] < data.shape()[i]);
    }
  }
  RC_ASSERT(indices == t::all_indices(data.shape()));  // row-major: last dimension fastest
}

// Every index maps into storage, and a permuted layout uses every position once.
RC_GTEST_PROP(Task2_1, Index, ()) {
  const TensorData data = *t::tensor_data();
  std::set<int> positions;
  for (const UserIndex& index : t::all_indices(data.shape())) {
    const int position = data.index(index);
    RC_ASSERT(position >= 0);
    RC_ASSERT(position < data.size());
    RC_ASSERT(data.get(index) == t::element(data, index));
    positions.insert(position);
  }
  RC_ASSERT(static_cast<int>(positions.size()) == data.size());

  UserIndex bad = *t::indices(data.shape());
  bad[0] = -1;
  RC_ASSERT_THROWS_AS(data.index(bad), IndexingError);
  if (data.dims() > 1) {
    const UserIndex short_index(data.shape().size() - 1, 0);
    RC_ASSERT_THROWS_AS(data.index(short_index), IndexingError);
  }
}

// to_index then index_to_position: the ordinal itself for a contiguous layout,
// a permutation of 0 .. size-1 for a permuted one.
RC_GTEST_PROP(Task2_1, IndexRoundTrip, ()) {
  const Shape shape = *t::shapes();
  const Strides contiguous = mt::strides_from_shape(shape);
  const Strides permuted = *t::layouts(shape);
  IndexBuffer index{};
  std::vector<int> seen;
  for (int ordinal = 0; ordinal < mt::shape_size(shape); ++ordinal) {
    mt::to_index(ordinal, shape, index);
    RC_ASSERT(mt::index_to_position(index, contiguous) == ordinal);
    seen.push_back(mt::index_to_position(index, permuted));
  }
  std::sort(seen.begin(), seen.end());
  for (int i = 0; i < static_cast<int>(seen.size()); ++i) RC_ASSERT(seen[static_cast<std::size_t>(i)] == i);
}

TEST(Task2_1, PermuteGolden) {
  const TensorData data(Storage(24), {2, 3, 4}, {12, 4, 1});
  const TensorData p = data.permute({2, 0, 1});
  EXPECT_EQ(p.shape(), (Shape{4, 2, 3}));
  EXPECT_EQ(p.strides(), (Strides{1, 12, 4}));
  EXPECT_EQ(p.storage().data(), data.storage().data()) << "permute must share the storage";
  EXPECT_FALSE(p.is_contiguous());
  EXPECT_EQ(p.index({3, 1, 2}), 3 + 12 + 8);
}

// Reversing the dimensions reverses the index; permuting back restores the layout.
RC_GTEST_PROP(Task2_1, Permute, ()) {
  const TensorData data = *t::tensor_data();
  std::vector<int> reverse_order(data.shape().size());
  for (std::size_t i = 0; i < reverse_order.size(); ++i)
    reverse_order[i] = static_cast<int>(reverse_order.size() - 1 - i);
  const TensorData rev = data.permute(reverse_order);
  for (const UserIndex& index : t::all_indices(data.shape())) {
    RC_ASSERT(data.index(index) == rev.index(reversed(index)));
  }
  const std::vector<int> order = *t::permutations(data.dims());
  const TensorData p = data.permute(order);
  std::vector<int> inverse(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    RC_ASSERT(p.shape()[i] == data.shape()[static_cast<std::size_t>(order[i])]);
    RC_ASSERT(p.strides()[i] == data.strides()[static_cast<std::size_t>(order[i])]);
    inverse[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
  }
  const TensorData back = p.permute(inverse);
  RC_ASSERT(back.shape() == data.shape());
  RC_ASSERT(back.strides() == data.strides());
}

TEST(Task2_1, IndexErrorsNameIndexAndShape) {
  const TensorData data(Storage(15), {3, 5}, {5, 1});
  EXPECT_EQ(data.index({2, 4}), 14);
  const std::string range = message_of<IndexingError>([&] { data.index({3, 0}); });
  EXPECT_NE(range.find("(3,0)"), std::string::npos) << range;
  EXPECT_NE(range.find("(3,5)"), std::string::npos) << range;
  const std::string rank = message_of<IndexingError>([&] { data.index({1}); });
  EXPECT_NE(rank.find("(1,)"), std::string::npos) << rank;
  EXPECT_NE(rank.find("(3,5)"), std::string::npos) << rank;
  const std::string negative = message_of<IndexingError>([&] { data.index({0, -1}); });
  EXPECT_NE(negative.find("(0,-1)"), std::string::npos) << negative;
  EXPECT_THROW(data.index({1, 2, 0}), IndexingError);
  EXPECT_THROW(data.index({50, 2}), IndexingError);
}

TEST(Task2_1, PermuteNeedsEveryDimensionOnce) {
  const TensorData data(Storage(6), {2, 3});
  EXPECT_EQ(data.permute({1, 0}).shape(), (Shape{3, 2}));
  EXPECT_THROW(data.permute({0, 0}), IndexingError);
  EXPECT_THROW(data.permute({0}), IndexingError);
  EXPECT_THROW(data.permute({0, 1, 2}), IndexingError);
}

// ---------------------------------------------------------------- not graded

TEST(TensorData, LayoutBad) {
  EXPECT_THROW(TensorData(Storage(15), {3, 5}, {6}), IndexingError);
  EXPECT_THROW(TensorData(Storage(15), {3, 5}, {6, 1}), IndexingError);  // reaches past the storage
  EXPECT_THROW(TensorData(std::vector<double>(5, 0.0), {2, 3}), IndexingError);
  EXPECT_THROW(TensorData::zeros({}), IndexingError);
  EXPECT_THROW(TensorData::zeros({2, 0}), IndexingError);
}

TEST(TensorData, ShapeToString) {
  EXPECT_EQ(mt::shape_to_string(std::vector<int>{2, 3}), "(2,3)");
  EXPECT_EQ(mt::shape_to_string(std::vector<int>{4}), "(4,)");
  EXPECT_EQ(mt::strides_from_shape(std::vector<int>{4, 2, 2}), (Strides{4, 2, 1}));
}

TEST(TensorData, ToString) {
  const TensorData data(std::vector<double>{1, 2, 3, 4}, {2, 2});
  EXPECT_EQ(data.to_string(), "\n[\n\t[1.00 2.00]\n\t[3.00 4.00]]");
  EXPECT_EQ(TensorData(std::vector<double>{1, 1, 1}, {3}).to_string(), "\n[1.00 1.00 1.00]");
}

TEST(TensorData, SampleIsAValidIndex) {
  const TensorData data = TensorData::zeros({2, 3, 4});
  mt::Random rng(3);
  std::set<UserIndex> seen;
  for (int i = 0; i < 500; ++i) {
    const UserIndex index = data.sample(rng);
    EXPECT_NO_THROW(data.index(index));
    seen.insert(index);
  }
  EXPECT_EQ(seen.size(), 24u);
}
