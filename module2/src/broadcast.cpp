// module2/src/broadcast.cpp
#include "minitorch/broadcast.h"

#include <algorithm>

namespace minitorch {

/// Task 2.2: the shape a and b both broadcast to (see broadcast.h); a ShapeError
/// "cannot broadcast (5,2) with (5,)" naming both shapes when they do not fit.
Shape shape_broadcast(const Shape& a, const Shape& b) {
  // BEGIN SOLUTION 2.2
  const std::size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (std::size_t i = 0; i < n; ++i) {
    // Sizes counted from the right; a missing dimension counts as 1.
    const int da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1) {
      throw ShapeError("cannot broadcast " + shape_to_string(a) + " with " + shape_to_string(b));
    }
    out[n - 1 - i] = da == 1 ? db : da;
  }
  return out;
  // END SOLUTION
}

bool broadcasts_to(std::span<const int> shape, std::span<const int> big_shape) {
  if (shape.size() > big_shape.size()) return false;
  const std::size_t offset = big_shape.size() - shape.size();
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] != 1 && shape[i] != big_shape[i + offset]) return false;
  }
  return true;
}

}  // namespace minitorch
