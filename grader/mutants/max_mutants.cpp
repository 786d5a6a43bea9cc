// grader/mutants/max_mutants.cpp
//
// The wrong maxes Task 4.4's test of max must catch (grader/tasks.json, task
// 4.4, "mutation"). Linked into test_module4: Mutation4_4.MaxProperty runs
// your max_property (module4/tests/test_nn.cpp) on the max MINITORCH_MUTANT
// names, or on minitorch::max without it (or with "none"). The grader runs
// it once per wrong max and once on the right one (grader/gradelib/mutation.py).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <functional>
#include <string_view>
#include <vector>

#include "minitorch/nn.h"
#include "minitorch/tensor.h"
#include "mutant_selection.h"
#include "support/tensor_generators.h"

using minitorch::Shape;
using minitorch::Tensor;
namespace mt = minitorch;

using MaxFunction = std::function<Tensor(const Tensor&, int)>;

// Your test of max (module4/tests/test_nn.cpp). Weak: a test file without it
// still links, and Mutation4_4.MaxProperty says what is missing.
[[gnu::weak]] void max_property(const MaxFunction& max_under_test);

namespace {

constexpr std::array<std::string_view, 6> kMutants = {
    "first",                // the first element along dim instead of the largest
    "min",                  // the smallest element
    "wrong_dim",            // always reduces the last dimension
    "gradient_to_all",      // right values; the gradient goes to every element of the slice
    "gradient_to_first",    // right values; the gradient goes to the first element of the slice
    "gradient_not_scaled",  // right values; the gradient is the argmax mask, not d_out times it
};

int selected = -1;  // the index in kMutants; -1: minitorch::max

[[gnu::constructor(101)]] void select_mutant() {
  selected = minitorch::mutation_detail::take_mutant_selection(kMutants);
  minitorch::mutation_detail::announce(kMutants, selected);
}

/// 1.0 where index[dim] == 0, else 0.0, of `shape` (contiguous).
Tensor first_mask(const Shape& shape, int dim) {
  const std::vector<mt::UserIndex> indices = mt::testing::all_indices(shape);
  std::vector<double> values(indices.size(), 0.0);
  for (std::size_t i = 0; i < indices.size(); ++i) values[i] = indices[i][static_cast<std::size_t>(dim)] == 0;
  return mt::tensor(values, shape);
}

// The max's values, not recorded for autodiff.
Tensor values_only(const Tensor& x, int dim) { return x.backend().max_reduce(x.detach(), dim); }
// Exactly 0, with the gradient of g.
Tensor zero_with_gradient_of(const Tensor& g) { return g - g.detach(); }

// The max, recorded with the argmax mask as its gradient (d_out ignored).
struct MaxNotScaled {
  static constexpr std::string_view name = "MaxNotScaled";
  static Tensor forward(mt::TensorContext& context, const Tensor& x, int dim) {
    context.save_for_backward(x);
    context.save_ints({dim});
    return values_only(x, dim);
  }
  static std::array<Tensor, 1> backward(const mt::TensorContext& context, const Tensor& /*d_out*/) {
    const auto [x] = context.saved<1>();
    return {mt::argmax(x, context.saved_ints()[0])};
  }
};

Tensor wrong_max(std::string_view name, const Tensor& x, int dim) {
  if (name == "first") return (x * first_mask(x.shape(), dim)).sum(dim);
  if (name == "min") return -mt::max(-x, dim);
  if (name == "wrong_dim") return mt::max(x, x.dims() - 1);
  if (name == "gradient_to_all") return values_only(x, dim) + zero_with_gradient_of(x.sum(dim));
  if (name == "gradient_to_first") {
    return values_only(x, dim) + zero_with_gradient_of((x * first_mask(x.shape(), dim)).sum(dim));
  }
  return mt::apply<MaxNotScaled>(x, dim);  // gradient_not_scaled
}

MaxFunction selected_max() {
  if (selected < 0) return [](const Tensor& x, int dim) { return mt::max(x, dim); };
  const std::string_view name = kMutants[static_cast<std::size_t>(selected)];
  return [name](const Tensor& x, int dim) { return wrong_max(name, x, dim); };
}

}  // namespace

RC_GTEST_PROP(Mutation4_4, MaxProperty, ()) {
  if (max_property == nullptr) {
    RC_FAIL("no max_property(const std::function<Tensor(const Tensor&, int)>&) in module4/tests/test_nn.cpp");
  }
  max_property(selected_max());
}
