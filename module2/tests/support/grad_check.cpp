// module2/tests/support/grad_check.cpp
//
// The upstream gradients of grad_check.h, compiled once (the
// minitorch_tensor_suite library).
#include "support/grad_check.h"

#include <vector>

namespace minitorch::testing {

rc::Gen<Tensor> upstream_gradients(const Shape& shape, const TensorBackend& backend) {
  return rc::gen::map(rc::gen::inRange(0, 11), [shape, &backend](int start) {
    std::vector<double> values(static_cast<std::size_t>(shape_size(shape)));
    for (std::size_t k = 0; k < values.size(); ++k) {
      values[k] = -1.5 + 0.35 * static_cast<double>((static_cast<int>(k) * 7 + start) % 11);
    }
    return tensor(values, shape, backend);
  });
}

}  // namespace minitorch::testing
