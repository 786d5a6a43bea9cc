// module2/tests/test_broadcast.cpp
//
// Task 2.2 (broadcasting: shape_broadcast, broadcast_index), against
// golden cases and broadcastable shapes built by construction.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "minitorch/broadcast.h"
#include "minitorch/errors.h"
#include "minitorch/indexing.h"
#include "support/messages.h"
#include "support/tensor_generators.h"

using minitorch::IndexBuffer;
using minitorch::Shape;
using minitorch::ShapeError;
using minitorch::UserIndex;
namespace mt = minitorch;
namespace t = minitorch::testing;
using t::message_of;

TEST(Task2_2, ShapeBroadcast) {
  EXPECT_EQ(mt::shape_broadcast({1}, {5, 5}), (Shape{5, 5}));
  EXPECT_EQ(mt::shape_broadcast({5, 5}, {1}), (Shape{5, 5}));
  EXPECT_EQ(mt::shape_broadcast({1, 5, 5}, {5, 5}), (Shape{1, 5, 5}));
  EXPECT_EQ(mt::shape_broadcast({5, 1, 5, 1}, {1, 5, 1, 5}), (Shape{5, 5, 5, 5}));
  EXPECT_THROW(mt::shape_broadcast({5, 7, 5, 1}, {1, 5, 1, 5}), ShapeError);
  EXPECT_THROW(mt::shape_broadcast({5, 2}, {5}), ShapeError);
  EXPECT_EQ(mt::shape_broadcast({2, 5}, {5}), (Shape{2, 5}));
  EXPECT_EQ(mt::shape_broadcast({2, 3, 1}, {7, 2, 1, 5}), (Shape{7, 2, 3, 5}));
}

TEST(Task2_2, ShapeErrorNamesBothShapes) {
  const std::string message = message_of<ShapeError>([] { mt::shape_broadcast({2, 3}, {4}); });
  EXPECT_NE(message.find("(2,3)"), std::string::npos) << message;
  EXPECT_NE(message.find("(4,)"), std::string::npos) << message;
}

TEST(Task2_2, BroadcastIndex) {
  std::vector<int> c(4, -1);
  mt::broadcast_index(std::vector<int>{2, 3}, std::vector<int>{5, 5}, std::vector<int>{1}, c);
  EXPECT_EQ(c[0], 0);
  mt::broadcast_index(std::vector<int>{2, 3}, std::vector<int>{5, 5}, std::vector<int>{5}, c);
  EXPECT_EQ(c[0], 3);
  mt::broadcast_index(std::vector<int>{1, 2, 3}, std::vector<int>{1, 5, 5}, std::vector<int>{5, 5}, c);
  EXPECT_EQ(c[0], 2);
  EXPECT_EQ(c[1], 3);
  mt::broadcast_index(std::vector<int>{4, 3, 2, 1}, std::vector<int>{5, 5, 4, 4}, std::vector<int>{5, 5, 1, 1}, c);
  EXPECT_EQ(c, (std::vector<int>{4, 3, 0, 0}));
}

// Both shapes broadcast to the result, in either order; each size is the larger.
RC_GTEST_PROP(Task2_2, BroadcastIsSymmetric, ()) {
  const auto [a, b] = *t::broadcastable_shapes();
  const Shape ab = mt::shape_broadcast(a, b);
  RC_ASSERT(ab == mt::shape_broadcast(b, a));
  RC_ASSERT(ab == t::broadcast_shape(a, b));
  RC_ASSERT(mt::shape_broadcast(a, ab) == ab);
  RC_ASSERT(mt::shape_broadcast(a, a) == a);
}

// Sizes that differ and are not 1, at any aligned position, cannot broadcast.
RC_GTEST_PROP(Task2_2, MismatchedSizesThrow, ()) {
  Shape a = *t::shapes();
  Shape b = a;
  const int dim = *rc::gen::inRange(0, static_cast<int>(a.size()));
  a[static_cast<std::size_t>(dim)] = 2;
  b[static_cast<std::size_t>(dim)] = 3;
  const int drop = *rc::gen::inRange(0, dim + 1);
  b.erase(b.begin(), b.begin() + drop);
  RC_ASSERT(mt::shape_broadcast(a, a) == a);
  RC_ASSERT_THROWS_AS(mt::shape_broadcast(a, b), ShapeError);
  RC_ASSERT_THROWS_AS(mt::shape_broadcast(b, a), ShapeError);
}

// broadcast_index agrees with the rule for every index of the broadcast shape.
RC_GTEST_PROP(Task2_2, BroadcastIndexFollowsTheRules, ()) {
  const auto [a, b] = *t::broadcastable_shapes();
  const Shape big = mt::shape_broadcast(a, b);
  IndexBuffer out{};
  for (const UserIndex& index : t::all_indices(big)) {
    mt::broadcast_index(index, big, a, out);
    RC_ASSERT(UserIndex(out.begin(), out.begin() + static_cast<long>(a.size())) == t::small_index(index, a));
  }
}
