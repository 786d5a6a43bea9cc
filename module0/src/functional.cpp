// module0/src/functional.cpp
#include "minitorch/functional.h"

#include "minitorch/operators.h"

namespace minitorch {

std::vector<double> neg_list(const std::vector<double>& ls) {
  // BEGIN SOLUTION 0.3
  return map(operators::neg)(ls);
  // END SOLUTION
}

std::vector<double> add_lists(const std::vector<double>& xs, const std::vector<double>& ys) {
  // BEGIN SOLUTION 0.3
  return zip_with(operators::add)(xs, ys);
  // END SOLUTION
}

double sum(const std::vector<double>& ls) {
  // BEGIN SOLUTION 0.3
  return reduce(operators::add, 0.0)(ls);
  // END SOLUTION
}

double prod(const std::vector<double>& ls) {
  // BEGIN SOLUTION 0.3
  return reduce(operators::mul, 1.0)(ls);
  // END SOLUTION
}

}  // namespace minitorch
