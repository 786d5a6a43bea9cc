// module1/tests/test_autodiff.cpp
//
// Task 1.3 (chain rule) and Task 1.4 (topological sort and backpropagation),
// with the original's helper functions (tests/test_autodiff.py).
#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "minitorch/autodiff.h"
#include "minitorch/errors.h"
#include "minitorch/graph.h"
#include "minitorch/scalar.h"
#include "minitorch/scalar_functions.h"

using minitorch::apply;
using minitorch::LocalDerivatives;
using minitorch::Scalar;
using minitorch::ScalarContext;
using minitorch::ScalarHistory;

namespace {

// f(x, y) = x + y + 10
struct Function1 {
  static constexpr std::string_view name = "Function1";
  static double forward(ScalarContext& /*ctx*/, double x, double y) { return x + y + 10.0; }
  static LocalDerivatives<2> backward(const ScalarContext& /*ctx*/, double d) { return {d, d}; }
};

// f(x, y) = x * y + x
struct Function2 {
  static constexpr std::string_view name = "Function2";
  static double forward(ScalarContext& ctx, double x, double y) {
    ctx.save_for_backward(x, y);
    return x * y + x;
  }
  static LocalDerivatives<2> backward(const ScalarContext& ctx, double d) {
    const auto [x, y] = ctx.saved<2>();
    return {d * (y + 1.0), d * x};
  }
};

// f(x, y, z) = x * y * z
struct Function3 {
  static constexpr std::string_view name = "Function3";
  static double forward(ScalarContext& ctx, double x, double y, double z) {
    ctx.save_for_backward(x, y, z);
    return x * y * z;
  }
  static LocalDerivatives<3> backward(const ScalarContext& ctx, double d) {
    const auto [x, y, z] = ctx.saved<3>();
    return {d * y * z, d * x * z, d * x * y};
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// ---------------------------------------------------------------- Task 1.3

TEST(Task1_3, ChainRule1) {
  const Scalar x(0.0);
  const Scalar constant(0.0, ScalarHistory::of<Function1>(ScalarContext(), {x, x}));
  EXPECT_EQ(constant.chain_rule(5.0).size(), 2u);
}

TEST(Task1_3, ChainRule2) {
  const Scalar var(0.0);
  const Scalar constant(0.0, ScalarHistory::of<Function1>(ScalarContext(), {var, var}));
  const auto back = constant.chain_rule(5.0);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].first.unique_id(), var.unique_id());
  EXPECT_EQ(back[0].second, 5.0);
  EXPECT_EQ(back[1].second, 5.0);
}

// Constants are ignored and variables get derivatives. (The original wraps
// the 10 as a leaf and returns two pairs; here plain numbers are constants,
// and chain_rule leaves them out, as the task's text says.)
TEST(Task1_3, ChainRule3ConstantsAreLeftOut) {
  const Scalar var(5.0);
  const Scalar y = apply<Function2>(10.0, var);
  const auto back = y.chain_rule(5.0);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].first.unique_id(), var.unique_id());
  EXPECT_EQ(back[0].second, 5.0 * 10.0);
}

TEST(Task1_3, ChainRule4) {
  const Scalar var1(5.0);
  const Scalar var2(10.0);
  const Scalar y = apply<Function2>(var1, var2);
  const auto back = y.chain_rule(5.0);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].first.unique_id(), var1.unique_id());
  EXPECT_EQ(back[0].second, 5.0 * (10.0 + 1.0));
  EXPECT_EQ(back[1].first.unique_id(), var2.unique_id());
  EXPECT_EQ(back[1].second, 5.0 * 5.0);
}

TEST(Task1_3, PairsFollowTheInputOrder) {
  const Scalar x(2.0), y(3.0);
  const auto back = apply<Function3>(x, 4.0, y).chain_rule(0.5);
  ASSERT_EQ(back.size(), 2u);  // the constant 4 is left out
  EXPECT_EQ(back[0].first.unique_id(), x.unique_id());
  EXPECT_EQ(back[0].second, 0.5 * 4.0 * 3.0);
  EXPECT_EQ(back[1].first.unique_id(), y.unique_id());
  EXPECT_EQ(back[1].second, 0.5 * 2.0 * 4.0);
  // An intermediate input is paired too (chain_rule looks one step back only).
  const Scalar z = apply<Function1>(x, y);
  const auto one_step = apply<Function2>(z, x).chain_rule(1.0);
  ASSERT_EQ(one_step.size(), 2u);
  EXPECT_EQ(one_step[0].first.unique_id(), z.unique_id());
  EXPECT_EQ(one_step[0].second, 2.0 + 1.0);
  EXPECT_EQ(one_step[1].second, z.data());
}

TEST(Task1_3, ChainRuleStoresNoDerivative) {
  const Scalar x(2.0), y(3.0);
  const Scalar z = apply<Function2>(x, y);
  EXPECT_EQ(z.chain_rule(1.0).size(), 2u);
  EXPECT_FALSE(x.derivative().has_value());
  EXPECT_FALSE(y.derivative().has_value());
  EXPECT_EQ(z.chain_rule(2.0)[1].second, 4.0);  // no side effects: it can be asked again
}

// ---------------------------------------------------------------- Task 1.4

TEST(Task1_4, Backprop1) {
  const Scalar var(0.0);
  const Scalar var2 = apply<Function1>(0.0, var);
  var2.backward(5.0);
  EXPECT_EQ(var.derivative(), 5.0);
}

TEST(Task1_4, Backprop2) {
  const Scalar var(0.0);
  const Scalar var2 = apply<Function1>(0.0, var);
  const Scalar var3 = apply<Function1>(0.0, var2);
  var3.backward(5.0);
  EXPECT_EQ(var.derivative(), 5.0);
}

// Two paths to var1: their derivatives add up.
TEST(Task1_4, Backprop3) {
  const Scalar var1(0.0);
  const Scalar var2 = apply<Function1>(0.0, var1);
  const Scalar var3 = apply<Function1>(0.0, var1);
  const Scalar var4 = apply<Function1>(var2, var3);
  var4.backward(5.0);
  EXPECT_EQ(var1.derivative(), 10.0);
}

// One level more: var1 must be processed once, after both its consumers.
TEST(Task1_4, Backprop4) {
  const Scalar var0(0.0);
  const Scalar var1 = apply<Function1>(0.0, var0);
  const Scalar var2 = apply<Function1>(0.0, var1);
  const Scalar var3 = apply<Function1>(0.0, var1);
  const Scalar var4 = apply<Function1>(var2, var3);
  var4.backward(5.0);
  EXPECT_EQ(var0.derivative(), 10.0);
}

TEST(Task1_4, TopologicalSortPutsEveryVariableBeforeItsInputs) {
  const Scalar x(1.0, "x"), y(2.0, "y");
  const Scalar a = apply<Function1>(x, y);
  const Scalar b = apply<Function2>(a, x);
  const Scalar c = apply<Function2>(a, b);
  const Scalar root = apply<Function1>(c, 3.0);
  const std::vector<Scalar> order = minitorch::topological_sort(root);
  ASSERT_EQ(order.size(), 6u) << "x, y, a, b, c and root, once each, and no constant";
  EXPECT_EQ(order.front().unique_id(), root.unique_id());
  std::unordered_map<std::uint64_t, std::size_t> position;
  for (std::size_t i = 0; i < order.size(); ++i) {
    EXPECT_FALSE(order[i].is_constant());
    EXPECT_TRUE(position.emplace(order[i].unique_id(), i).second) << "listed twice: " << order[i].name();
  }
  for (const Scalar& v : {a, b, c, root}) {
    for (const Scalar& parent : v.parents()) {
      if (parent.is_constant()) continue;
      EXPECT_LT(position.at(v.unique_id()), position.at(parent.unique_id()))
          << v.name() << " must come before its input " << parent.name();
    }
  }
}

TEST(Task1_4, DerivativesOfAComposition) {
  // out = F2(F1(x, y), x) = (x + y + 10) * x + (x + y + 10): d/dx = 2x + y + 11, d/dy = x + 1.
  const Scalar x(2.0), y(3.0);
  apply<Function2>(apply<Function1>(x, y), x).backward(2.0);
  EXPECT_EQ(x.derivative(), 2.0 * (2.0 * 2.0 + 3.0 + 11.0));
  EXPECT_EQ(y.derivative(), 2.0 * (2.0 + 1.0));
}

// A variable used many times gets the sum of all its contributions (+=).
TEST(Task1_4, ContributionsAccumulate) {
  namespace sf = minitorch::scalar_functions;
  const Scalar x(1.0);
  Scalar y = x;
  for (int i = 0; i < 1000; ++i) y = apply<sf::Add>(y, x);
  y.backward();
  EXPECT_EQ(x.derivative(), 1001.0);
  const Scalar z(3.0);
  apply<Function2>(z, z).backward();  // z * z + z: 2 z + 1
  EXPECT_EQ(z.derivative(), 7.0);
}

TEST(Task1_4, OnlyLeavesKeepDerivatives) {
  const Scalar x(2.0), y(3.0);
  const Scalar z = apply<Function2>(x, y);
  const Scalar out = apply<Function1>(z, 1.0);
  out.backward(2.0);
  EXPECT_EQ(x.derivative(), 2.0 * (3.0 + 1.0));
  EXPECT_EQ(y.derivative(), 2.0 * 2.0);
  EXPECT_THROW(z.derivative(), minitorch::ValueError);  // its derivative lived in the table only
  EXPECT_THROW(out.derivative(), minitorch::ValueError);
}

TEST(Task1_4, DerivativesAccumulateOverBackwardCalls) {
  const Scalar x(2.0);
  apply<Function1>(x, 0.0).backward(1.5);
  apply<Function1>(x, 0.0).backward(2.0);
  EXPECT_EQ(x.derivative(), 3.5);
  Scalar handle = x;  // the same node
  handle.zero_grad_();
  EXPECT_FALSE(x.derivative().has_value());
  x.backward(4.0);  // a leaf on its own
  EXPECT_EQ(x.derivative(), 4.0);
}

TEST(Task1_4, BackwardTwiceIsAClearError) {
  const Scalar x(2.0), y(3.0);
  const Scalar out = apply<Function2>(apply<Function1>(x, y), y);
  out.backward();
  const double dx = *x.derivative();
  try {
    out.backward();
    FAIL() << "a second backward through a freed graph must throw";
  } catch (const minitorch::NotImplemented&) {
    throw;
  } catch (const minitorch::Error& e) {
    EXPECT_TRUE(contains(e.what(), "already freed")) << e.what();
    EXPECT_TRUE(contains(e.what(), "forward pass again")) << e.what();
  }
  EXPECT_EQ(x.derivative(), dx);
}

TEST(Task1_4, BackwardFreesTheGraph) {
  const std::size_t before = minitorch::detail::live_scalar_nodes();
  {
    const Scalar x(2.0), y(3.0);
    Scalar out = x;
    for (int i = 0; i < 100; ++i) out = apply<Function2>(apply<Function1>(out, y), 0.5);
    EXPECT_GT(minitorch::detail::live_scalar_nodes(), before + 300);
    out.backward();
    // Only x, y and out are left: the intermediate nodes and constants are gone.
    EXPECT_EQ(minitorch::detail::live_scalar_nodes(), before + 3);
    EXPECT_TRUE(out.history()->ctx.saved_values().empty());
    EXPECT_THROW(out.parents(), minitorch::Error);
  }
  EXPECT_EQ(minitorch::detail::live_scalar_nodes(), before);
}

TEST(Task1_4, FreedGraphCannotBeDrawn) {
  const Scalar x(1.0, "x");
  const Scalar out = apply<Function1>(x, apply<Function1>(x, 1.0));
  EXPECT_NE(minitorch::to_dot(out).find("Function1 (Op 1)"), std::string::npos);
  out.backward();
  EXPECT_THROW(minitorch::to_dot(out), minitorch::Error);  // draw before backward
}

// Iterative, not recursive: a chain of 100,000 operations neither overflows
// the stack in backward nor when it is destroyed.
TEST(Task1_4, LongChainDoesNotOverflowTheStack) {
  namespace sf = minitorch::scalar_functions;
  const Scalar x(1.0);
  {
    Scalar y = x;
    for (int i = 0; i < 100000; ++i) y = apply<sf::Add>(y, 1.0);
    EXPECT_EQ(y.data(), 100001.0);
    y.backward();
  }
  EXPECT_EQ(x.derivative(), 1.0);
  {
    Scalar y = x;
    for (int i = 0; i < 100000; ++i) y = apply<Function1>(y, x);
    y.backward();
  }
  EXPECT_EQ(x.derivative(), 1.0 + 100001.0);
}
