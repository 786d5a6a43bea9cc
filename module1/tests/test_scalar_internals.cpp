// module1/tests/test_scalar_internals.cpp
//
// Not graded: the given parts of Scalar (handles, names, kinds, errors,
// memory). Written with the given functions Add and Log only, so they pass in
// the student handout too.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <type_traits>

#include "minitorch/autodiff.h"
#include "minitorch/context.h"
#include "minitorch/errors.h"
#include "minitorch/scalar.h"
#include "minitorch/scalar_functions.h"

namespace sf = minitorch::scalar_functions;
using minitorch::apply;
using minitorch::Scalar;
using minitorch::ScalarContext;
using minitorch::ScalarHistory;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const minitorch::Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

static_assert(minitorch::Variable<Scalar>);
static_assert(std::is_copy_constructible_v<Scalar>);
static_assert(!std::is_convertible_v<double, Scalar>, "numbers become Scalars explicitly");
static_assert(minitorch::scalar_function_info<sf::Mul>.arity == 2);
static_assert(minitorch::scalar_function_info<sf::Log>.arity == 1);

TEST(ScalarInternals, HandlesShareTheirNode) {
  const Scalar x(1.5, "x");
  Scalar copy = x;
  EXPECT_EQ(copy.unique_id(), x.unique_id());
  copy.accumulate_derivative(2.0);
  EXPECT_EQ(x.derivative(), 2.0);
  EXPECT_NE(Scalar(1.5).unique_id(), Scalar(1.5).unique_id());
}

TEST(ScalarInternals, ThreeKinds) {
  const Scalar leaf(2.0);
  const Scalar constant = Scalar::constant(3.0);
  const Scalar computed = apply<sf::Add>(leaf, constant);
  EXPECT_TRUE(leaf.is_leaf());
  EXPECT_FALSE(leaf.is_constant());
  EXPECT_TRUE(constant.is_constant());
  EXPECT_FALSE(constant.is_leaf());
  EXPECT_FALSE(computed.is_leaf());
  EXPECT_FALSE(computed.is_constant());
  EXPECT_EQ(computed.data(), 5.0);
  EXPECT_EQ(computed.function_name(), "Add");
  EXPECT_EQ(leaf.function_name(), "");
  EXPECT_EQ(constant.history(), nullptr);
  EXPECT_TRUE(leaf.parents().empty());
  EXPECT_TRUE(constant.parents().empty());
  // Only constants in, a constant out.
  EXPECT_TRUE(apply<sf::Add>(1.0, 2.0).is_constant());
  EXPECT_TRUE(apply<sf::Add>(1.0, 2.0).history() == nullptr);
}

TEST(ScalarInternals, Names) {
  const Scalar unnamed(1.0);
  EXPECT_EQ(unnamed.name(), std::to_string(unnamed.unique_id()));
  Scalar named(1.0, "x");
  EXPECT_EQ(named.name(), "x");
  named.set_name("weight_0_0");
  EXPECT_EQ(named.name(), "weight_0_0");
  EXPECT_EQ(Scalar::constant(10.0).name(), "10");
  EXPECT_EQ(Scalar::constant(0.5).name(), "0.5");
  std::ostringstream text;
  text << Scalar(2.5);
  EXPECT_EQ(text.str(), "Scalar(2.5)");
}

TEST(ScalarInternals, RequiresGrad) {
  Scalar x = Scalar::constant(2.0);
  EXPECT_FALSE(x.requires_grad());
  x.requires_grad_(true);
  EXPECT_TRUE(x.is_leaf());
  x.accumulate_derivative(1.0);
  x.requires_grad_(false);
  EXPECT_TRUE(x.is_constant());
  EXPECT_FALSE(x.derivative().has_value());
  Scalar computed = apply<sf::Add>(Scalar(1.0), 2.0);
  computed.requires_grad_(true);  // already does
  EXPECT_THROW(computed.requires_grad_(false), minitorch::ValueError);
}

TEST(ScalarInternals, OnlyLeavesTakeDerivatives) {
  Scalar computed = apply<sf::Add>(Scalar(1.0), Scalar(2.0));
  const std::string message = error_of([&] { computed.accumulate_derivative(1.0); });
  EXPECT_TRUE(contains(message, "Only leaf variables can have derivatives")) << message;
  EXPECT_TRUE(contains(message, "Add")) << message;
  EXPECT_TRUE(contains(error_of([&] { computed.derivative(); }), "only leaves keep a derivative"));
  Scalar constant = Scalar::constant(1.0);
  EXPECT_THROW(constant.accumulate_derivative(1.0), minitorch::ValueError);
  EXPECT_FALSE(constant.derivative().has_value());
}

TEST(ScalarInternals, ChainRuleNeedsAComputedScalar) {
  EXPECT_TRUE(contains(error_of([] { Scalar(1.0, "x").chain_rule(1.0); }), "leaf"));
  EXPECT_TRUE(contains(error_of([] { Scalar::constant(1.0).chain_rule(1.0); }), "constant"));
  EXPECT_THROW(Scalar::constant(1.0).backward(), minitorch::ValueError);
}

TEST(ScalarInternals, HistoryMustMatchItsFunction) {
  const Scalar x(1.0);
  const std::string message = error_of([&] { Scalar(0.0, ScalarHistory::of<sf::Add>(ScalarContext(), {x})); });
  EXPECT_TRUE(contains(message, "Add takes 2 input(s), the ScalarHistory has 1")) << message;
  EXPECT_THROW(Scalar(0.0, ScalarHistory{nullptr, ScalarContext(), {x}, false}), minitorch::ValueError);
}

TEST(ScalarInternals, ContextSavesAndChecksCounts) {
  ScalarContext ctx;
  ctx.save_for_backward(1.0, 2.0);
  const auto [a, b] = ctx.saved<2>();
  EXPECT_EQ(a, 1.0);
  EXPECT_EQ(b, 2.0);
  const std::string message = error_of([&] { ctx.saved<1>(); });
  EXPECT_TRUE(contains(message, "reads 1 saved value(s) but forward saved 2")) << message;
  ScalarContext no_grad(true);
  no_grad.save_for_backward(1.0);
  EXPECT_TRUE(no_grad.saved_values().empty());
  ctx.release();
  EXPECT_TRUE(ctx.saved_values().empty());
}

TEST(ScalarInternals, GivenFunctionsForward) {
  const Scalar x(2.0);
  EXPECT_EQ(apply<sf::Add>(x, 3.0).data(), 5.0);
  EXPECT_NEAR(apply<sf::Log>(x).data(), std::log(2.0), 1e-15);
  EXPECT_EQ(apply<sf::Log>(x).history()->ctx.saved_values(), std::vector<double>{2.0});
}

// Destroying the last handle of a long chain frees it without recursion.
TEST(ScalarInternals, LongChainIsDestroyedIteratively) {
  const std::size_t before = minitorch::detail::live_scalar_nodes();
  {
    Scalar y(0.0);
    for (int i = 0; i < 200000; ++i) y = apply<sf::Add>(y, 1.0);
    EXPECT_EQ(y.data(), 200000.0);
    EXPECT_EQ(minitorch::detail::live_scalar_nodes(), before + 400001);
  }
  EXPECT_EQ(minitorch::detail::live_scalar_nodes(), before);
}

TEST(ScalarInternals, SharedInputsSurviveTheirConsumers) {
  const Scalar x(1.0);
  Scalar kept = apply<sf::Add>(x, 1.0);
  {
    Scalar y = kept;
    for (int i = 0; i < 1000; ++i) y = apply<sf::Add>(y, kept);
  }
  EXPECT_EQ(kept.parents().size(), 2u);
  EXPECT_EQ(kept.parents()[0].unique_id(), x.unique_id());
  EXPECT_EQ(kept.data(), 2.0);
}
