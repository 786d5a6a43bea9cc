// module0/src/manual_classifier.cpp
//
// Task 0.5: your hand-set parameters. The grader checks that they classify
// every point of the "simple" and "diag" datasets (several seeds) correctly.
#include <string>

#include "minitorch/errors.h"
#include "minitorch/manual_classifier.h"

namespace minitorch {

ParameterSettings hand_set_parameters(std::string_view dataset) {
  // BEGIN SOLUTION 0.5
  // Class 1 is the side where w0 * x1 + w1 * x2 + b > 0. Large weights make
  // the sigmoid steep, so points near the line are still on the right side.
  if (dataset == "simple") {  // x1 < 0.5  <=>  -x1 + 0.5 > 0
    return {{"linear.weight_0_0", -100.0}, {"linear.weight_1_0", 0.0}, {"linear.bias_0", 50.0}};
  }
  if (dataset == "diag") {  // x1 + x2 < 0.5  <=>  -x1 - x2 + 0.5 > 0
    return {{"linear.weight_0_0", -100.0}, {"linear.weight_1_0", -100.0}, {"linear.bias_0", 50.0}};
  }
  throw ValueError("hand_set_parameters: no hand-set parameters for dataset '" + std::string(dataset) +
                   "' (only \"simple\" and \"diag\")");
  // END SOLUTION
}

}  // namespace minitorch
