// module3/cudasim/include/cudasim/kernel_error.h
//
// cudasim::KernelError: what cudasim::launch throws when a launch is wrong or a
// kernel breaks CUDA's execution model. Header-only, so that the nvcc build
// of launch.h needs nothing of the simulator's library.
//
// An exception a kernel itself throws (a stub's minitorch::NotImplemented) is
// NOT wrapped: it reaches the caller of launch with its own type.
#pragma once

#include <stdexcept>
#include <string>

namespace cudasim {

class KernelError : public std::runtime_error {
 public:
  enum class Kind {
    exited_at_barrier,      ///< a thread returned while others wait at __syncthreads()
    divergent_barrier,      ///< threads wait at different __syncthreads() calls
    invalid_configuration,  ///< grid/block dimensions CUDA rejects
    host_pointer,           ///< a kernel argument points to host memory
    out_of_bounds,          ///< a thread loaded or stored outside its device buffer
    shared_race,            ///< two threads touched a __shared__ cell between two barriers, one of them writing
    launch_failure,         ///< any other failed launch (and every CUDA error under nvcc)
  };

  /// `message` is the whole diagnostic (it names the kernel).
  KernelError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

/// The enumerator's name, e.g. "exited_at_barrier".
inline const char* to_string(KernelError::Kind kind) {
  switch (kind) {
    case KernelError::Kind::exited_at_barrier:
      return "exited_at_barrier";
    case KernelError::Kind::divergent_barrier:
      return "divergent_barrier";
    case KernelError::Kind::invalid_configuration:
      return "invalid_configuration";
    case KernelError::Kind::host_pointer:
      return "host_pointer";
    case KernelError::Kind::out_of_bounds:
      return "out_of_bounds";
    case KernelError::Kind::shared_race:
      return "shared_race";
    case KernelError::Kind::launch_failure:
      return "launch_failure";
  }
  return "unknown";
}

}  // namespace cudasim
