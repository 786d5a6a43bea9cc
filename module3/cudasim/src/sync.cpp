// module3/cudasim/src/sync.cpp
//
// __syncthreads() and its reducing forms: park the running worker.
#include <stdexcept>

#include "cudasim/sync.h"
#include "worker.h"

namespace cudasim::detail {

int sync_threads(BarrierSite site, BarrierReduction reduction, int predicate) {
  Worker* const worker = running_worker;
  if (worker == nullptr) throw std::logic_error("cudasim: __syncthreads() called outside a kernel");
  return worker->wait(site, reduction, predicate);
}

}  // namespace cudasim::detail
