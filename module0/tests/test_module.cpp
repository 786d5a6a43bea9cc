// module0/tests/test_module.cpp
//
// Task 0.4: Module and Parameter.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <memory>
#include <string>
#include <type_traits>

#include "minitorch/errors.h"
#include "minitorch/module.h"
#include "support/generators.h"

using minitorch::Module;
using minitorch::testing::med_ints;
using minitorch::testing::small_floats;

namespace {

// The course's stacked demo: parameters p1, a.p2, b.c.p3.
struct A4 : Module<A4> {
  ParameterPtr p3 = register_parameter("p3", 15.0);
};
struct A3 : Module<A3> {
  std::shared_ptr<A4> c = register_module("c", std::make_shared<A4>());
};
struct A2 : Module<A2> {
  ParameterPtr p2 = register_parameter("p2", 10.0);
};
struct A1 : Module<A1> {
  ParameterPtr p1 = register_parameter("p1", 5.0);
  double non_param = 10.0;
  std::shared_ptr<A2> a = register_module("a", std::make_shared<A2>());
  std::shared_ptr<A3> b = register_module("b", std::make_shared<A3>());
};

struct Module3 : Module<Module3> {
  ParameterPtr parameter_a = register_parameter("parameter_a", 50.0);
};

// Three parameters, one child with one more, plus `extra` added at run time.
struct Module2 : Module<Module2> {
  explicit Module2(int extra = 0) {
    for (int i = 0; i < extra; ++i) register_parameter("extra_parameter_" + std::to_string(i), 0.0);
  }
  ParameterPtr parameter_a = register_parameter("parameter_a", 50.0);
  ParameterPtr parameter_b = register_parameter("parameter_b", 100.0);
  double non_parameter = 10.0;
  std::shared_ptr<Module3> module_c = register_module("module_c", std::make_shared<Module3>());
};

struct Module1 : Module<Module1> {
  Module1(int size_a, int size_b, double val)
      : module_a(register_module("module_a", std::make_shared<Module2>(size_a))),
        module_b(register_module("module_b", std::make_shared<Module2>(size_b))),
        parameter_a(register_parameter("parameter_a", val)) {}
  std::shared_ptr<Module2> module_a;
  std::shared_ptr<Module2> module_b;
  ParameterPtr parameter_a;
};

struct ModuleRun : Module<ModuleRun> {
  int forward() { return 10; }
};
struct Adder : Module<Adder> {
  ParameterPtr bias = register_parameter("bias", 1.5);
  double forward(double x, double y) { return x + y + bias->value; }
};
struct NoForward : Module<NoForward> {};

// Calling a module without forward() does not compile (the original fails at run time).
static_assert(std::is_invocable_v<ModuleRun&>);
static_assert(!std::is_invocable_v<NoForward&>);

}  // namespace

TEST(Task0_4, StackedDemo) {
  A1 mod;
  const auto named = mod.named_parameters();
  ASSERT_EQ(named.size(), 3u);
  EXPECT_EQ(named[0].first, "p1");
  EXPECT_EQ(named[1].first, "a.p2");
  EXPECT_EQ(named[2].first, "b.c.p3");
  EXPECT_EQ(named[0].second->value, 5.0);
  EXPECT_EQ(named[1].second->value, 10.0);
  EXPECT_EQ(named[2].second->value, 15.0);
  EXPECT_EQ(mod.p1->value, 5.0);
  EXPECT_EQ(mod.non_param, 10.0);
  EXPECT_EQ(mod.parameter("b.c.p3").get(), mod.b->c->p3.get());
}

RC_GTEST_PROP(Task0_4, Module, ()) {
  const int size_b = *med_ints();
  Module2 module;
  module.eval();
  RC_ASSERT(!module.is_training());
  module.train();
  RC_ASSERT(module.is_training());
  RC_ASSERT(module.parameters().size() == 3u);  // two own + module_c.parameter_a

  Module2 extra(size_b);
  RC_ASSERT(extra.parameters().size() == static_cast<std::size_t>(size_b) + 3u);
  RC_ASSERT(extra.parameter("parameter_a")->value == 50.0);
  RC_ASSERT(extra.parameter("parameter_b")->value == 100.0);
  RC_ASSERT(extra.parameter("extra_parameter_0")->value == 0.0);
  RC_ASSERT(extra.parameter("module_c.parameter_a")->value == 50.0);
}

RC_GTEST_PROP(Task0_4, StackedModule, ()) {
  const int size_a = *med_ints();
  const int size_b = *med_ints();
  const double val = *small_floats();
  Module1 module(size_a, size_b, val);
  module.eval();
  RC_ASSERT(!module.is_training());
  RC_ASSERT(!module.module_a->is_training());
  RC_ASSERT(!module.module_b->is_training());
  RC_ASSERT(!module.module_b->module_c->is_training());
  module.train();
  RC_ASSERT(module.is_training());
  RC_ASSERT(module.module_a->is_training());
  RC_ASSERT(module.module_b->module_c->is_training());

  RC_ASSERT(module.parameters().size() == 1u + (size_a + 3u) + (size_b + 3u));
  RC_ASSERT(module.parameter("parameter_a")->value == val);
  RC_ASSERT(module.parameter("module_a.parameter_a")->value == 50.0);
  RC_ASSERT(module.parameter("module_a.parameter_b")->value == 100.0);
  RC_ASSERT(module.parameter("module_b.parameter_a")->value == 50.0);
  RC_ASSERT(module.parameter("module_b.module_c.parameter_a")->value == 50.0);
}

TEST(Task0_4, NamedParametersOrder) {
  // Own parameters first, then each child in registration order, depth first.
  Module1 module(1, 0, 2.5);
  std::vector<std::string> names;
  for (const auto& [name, p] : module.named_parameters()) names.push_back(name);
  const std::vector<std::string> expected = {"parameter_a",
                                             "module_a.parameter_a",
                                             "module_a.parameter_b",
                                             "module_a.extra_parameter_0",
                                             "module_a.module_c.parameter_a",
                                             "module_b.parameter_a",
                                             "module_b.parameter_b",
                                             "module_b.module_c.parameter_a"};
  EXPECT_EQ(names, expected);
  // parameters() is the same list without names, sharing the same objects.
  const auto params = module.parameters();
  ASSERT_EQ(params.size(), expected.size());
  EXPECT_EQ(params[0].get(), module.parameter_a.get());
  EXPECT_EQ(params[4].get(), module.module_a->module_c->parameter_a.get());
}

TEST(Task0_4, ParametersAreSharedNotCopied) {
  A1 mod;
  mod.parameters()[1]->update(42.0);
  EXPECT_EQ(mod.a->p2->value, 42.0);
}

TEST(Task0_4, EvalAndTrainRecurse) {
  A1 mod;
  mod.eval();
  EXPECT_FALSE(mod.a->is_training());
  EXPECT_FALSE(mod.b->c->is_training());
  mod.b->train();  // a subtree only
  EXPECT_FALSE(mod.is_training());
  EXPECT_TRUE(mod.b->is_training());
  EXPECT_TRUE(mod.b->c->is_training());
}

TEST(Task0_4, CallRunsForward) {
  ModuleRun run;
  EXPECT_EQ(run(), 10);
  Adder add;
  EXPECT_EQ(add(1.0, 2.0), 4.5);
}

TEST(Task0_4, UnknownParameterIsAnError) {
  A1 mod;
  EXPECT_EQ(mod.parameter("a.p2")->value, 10.0);
  try {
    mod.parameter("a.p3");
    FAIL() << "expected ValueError";
  } catch (const minitorch::ValueError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("a.p3"), std::string::npos) << message;
    EXPECT_NE(message.find("b.c.p3"), std::string::npos) << "should list the known names: " << message;
  }
}

// ---------------------------------------------------------------- not graded

TEST(ModuleTree, PrintsLikePyTorch) {
  A1 mod;
  EXPECT_EQ(mod.to_string(), "A1(\n  (a): A2()\n  (b): A3(\n    (c): A4()\n  )\n)");
  EXPECT_EQ(A4().to_string(), "A4()");
}

TEST(ModuleTree, RegistrationErrors) {
  A2 mod;
  EXPECT_THROW(mod.register_parameter("p2", 1.0), minitorch::ValueError);
  EXPECT_THROW(mod.register_parameter("a.b", 1.0), minitorch::ValueError);
  EXPECT_THROW(mod.register_parameter("", 1.0), minitorch::ValueError);
  EXPECT_THROW(mod.register_module("p2", std::make_shared<A4>()), minitorch::ValueError);
  EXPECT_THROW(mod.register_module("none", std::shared_ptr<A4>()), minitorch::ValueError);
  EXPECT_THROW(mod.child("missing"), minitorch::ValueError);
}

TEST(ModuleTree, ChildrenInOrder) {
  A1 mod;
  const auto children = mod.children();
  ASSERT_EQ(children.size(), 2u);
  EXPECT_EQ(children[0].get(), mod.a.get());
  EXPECT_EQ(mod.child("b").get(), mod.b.get());
  EXPECT_EQ(mod.own_parameters().size(), 1u);
}
