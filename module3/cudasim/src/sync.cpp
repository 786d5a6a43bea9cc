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

#if defined(__cpp_lib_source_location)
int sync_threads(std::source_location site, BarrierReduction reduction, int predicate) {
  return sync_threads(BarrierSite{site.file_name(), site.line(), site.column()}, reduction, predicate);
}
#endif

}  // namespace cudasim::detail
