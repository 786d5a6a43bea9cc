// module3/src/cuda_backend.cpp
//
// The CUDA targets of this build: the simulator always, the GPU when the
// build has the nvcc backend (MINITORCH_WITH_CUDA_GPU) and a device answers.
#include "minitorch/cuda_backend.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"

namespace minitorch {

#ifdef MINITORCH_WITH_CUDA_GPU
namespace detail {
std::string gpu_unavailable_reason();  // cuda_ops_gpu.cu
CudaTarget make_gpu_target(std::string name);
}  // namespace detail
#endif

namespace {

std::string schedule_from_environment() {
  const char* order = std::getenv("CUDASIM_ORDER");
  return order != nullptr && *order != '\0' ? order : "forward";
}

}  // namespace

const CudaTarget& cudasim_target() {
  static const CudaTarget target = make_cudasim_target("cudasim", schedule_from_environment());
  return target;
}

const TensorBackend& cudasim_backend() { return cudasim_target().backend; }

bool cuda_gpu_built() {
#ifdef MINITORCH_WITH_CUDA_GPU
  return true;
#else
  return false;
#endif
}

std::string cuda_gpu_unavailable_reason() {
#ifdef MINITORCH_WITH_CUDA_GPU
  static const std::string reason = detail::gpu_unavailable_reason();
  return reason;
#else
  return "this build has no GPU backend (it needs nvcc: configure with -DMINITORCH_CUDA=ON on a machine with the "
         "CUDA toolkit)";
#endif
}

const CudaTarget& cuda_gpu_target() {
  const std::string reason = cuda_gpu_unavailable_reason();
  if (!reason.empty()) throw Error("the cuda backend needs a GPU: " + reason + " (the simulator: --backend cudasim)");
#ifdef MINITORCH_WITH_CUDA_GPU
  static const CudaTarget target = detail::make_gpu_target("cuda");
  return target;
#else
  std::abort();  // unreachable: without the GPU backend the reason is never empty
#endif
}

const TensorBackend& cuda_backend() { return cuda_gpu_target().backend; }

const TensorBackend& program_backend(const std::string& name, const std::string& hint) {
  if (name != "cuda" || cuda_gpu_unavailable_reason().empty()) return backend_by_name(name);
  std::cout << "note: no GPU (" << cuda_gpu_unavailable_reason()
            << "): the CUDA kernels run on the simulator (cudasim), which is slow: each CUDA thread is a fiber on "
               "the CPU. "
            << hint << "\n";
  return cudasim_backend();
}

const TensorBackend* program_backend(const cli::Args& args, const std::string& hint, std::optional<OptionalOp> needs) {
  if (args.get_string("backend") == "list") {
    for (const std::string& name : backend_names()) std::cout << name << "\n";
    return nullptr;
  }
  const TensorBackend& backend = program_backend(args.get_string("backend"), hint);
  if (needs) {
    try {
      backend.require(*needs);  // names the backends that have it
    } catch (const Error& e) {
      throw cli::UsageError(e.what());
    }
  }
  if (args.get_int("threads") > 0) set_fast_threads(args.get_int("threads"));
  return &backend;
}

const std::vector<const CudaTarget*>& cuda_test_targets() {
  static const std::vector<const CudaTarget*> targets = [] {
    static const CudaTarget forward = make_cudasim_target("cudasim", "forward");
    static const CudaTarget reverse = make_cudasim_target("cudasim_reverse", "reverse");
    std::vector<const CudaTarget*> list{&forward, &reverse};
    if (cuda_gpu_unavailable_reason().empty()) list.push_back(&cuda_gpu_target());
    return list;
  }();
  return targets;
}

}  // namespace minitorch
