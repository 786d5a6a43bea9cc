// module3/src/cuda_backend.cpp
//
// The CUDA targets of this build: the simulator always, the GPU when the
// build has the GPU backend (cuda_ops_gpu.cu, where CMake found nvcc) and a
// device answers.
#include "minitorch/cuda_backend.h"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "minitorch/errors.h"
#include "minitorch/fast_backend.h"

namespace minitorch {

const CudaTarget& cudasim_target() {
  static const CudaTarget target = make_cudasim_target("cudasim");
  return target;
}

const TensorBackend& cudasim_backend() { return cudasim_target().backend; }

const CudaTarget& cuda_gpu_target() {
  const std::string unavailable = cuda_backend_unavailable("cuda");
  if (!unavailable.empty()) throw Error(unavailable);
  static const CudaTarget target = detail::make_cuda_gpu_target("cuda");
  return target;
}

std::string cuda_backend_unavailable(std::string_view name) {
  if (name != "cuda") return "";
  const std::string reason = cuda_gpu_unavailable_reason();
  return reason.empty() ? "" : "the cuda backend needs a GPU: " + reason + " (the simulator: --backend cudasim)";
}

std::vector<const TensorBackend*> cpu_and_cuda_backends() {
  std::vector<const TensorBackend*> list{&simple_backend(), &fast_backend(), &cudasim_backend()};
  if (cuda_gpu_unavailable_reason().empty()) list.push_back(&cuda_backend());
  return list;
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
    static const CudaTarget forward = make_cudasim_target("cudasim_forward", "forward");
    static const CudaTarget reverse = make_cudasim_target("cudasim_reverse", "reverse");
    std::vector<const CudaTarget*> list{&forward, &reverse};
    if (cuda_gpu_unavailable_reason().empty()) list.push_back(&cuda_gpu_target());
    return list;
  }();
  return targets;
}

}  // namespace minitorch
