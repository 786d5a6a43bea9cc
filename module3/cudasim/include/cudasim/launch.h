// module3/cudasim/include/cudasim/launch.h
//
// cudasim::launch<kernel>(grid, block, args...): the one kernel launch for
// both compilers. Kernel sources never write <<<>>>.
//
//   cudasim::launch<map_kernel<Neg>>(dim3(blocks), dim3(256), out, in, n);
//
// The kernel is a template argument (a __global__ function, or an
// instantiation of a __global__ function template), so that diagnostics name
// it: "map_kernel<minitorch::elementwise::Neg>".
//
// nvcc: Kernel<<<grid, block>>>(args...), then cudaGetLastError() (and
//   cudaDeviceSynchronize() in debug builds, i.e. without NDEBUG, or with
//   CUDASIM_SYNC_LAUNCHES defined); a failure throws cudasim::KernelError
//   naming the kernel and CUDA's error name and description.
// g++: the simulator runs the kernel before launch returns. It first checks
//   the configuration and every pointer argument (KernelError), copies the
//   arguments once (converted to the kernel's parameter types), and every
//   CUDA thread calls the kernel with its own copy of them. An exception the
//   kernel throws reaches the caller unchanged. Launches leave no last error
//   behind: under nvcc launch consumes it with cudaGetLastError.
#pragma once

#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "cudasim/cuda.h"
#include "cudasim/kernel_error.h"
#include "cudasim/kernel_name.h"

#if !defined(__CUDACC__)
#include "cudasim/detail/grid.h"
#include "cudasim/device_pointers.h"
#endif

namespace cudasim {

namespace detail {

/// The decayed parameter types of a kernel, as a tuple.
template <class F>
struct KernelParameters;
template <class... P>
struct KernelParameters<void (*)(P...)> {
  using type = std::tuple<std::decay_t<P>...>;
};
template <class... P>
struct KernelParameters<void (*)(P...) noexcept> {
  using type = std::tuple<std::decay_t<P>...>;
};

#if defined(__CUDACC__)

/// The KernelError kind of a CUDA error.
inline KernelError::Kind kind_of(cudaError_t error) {
  return error == cudaErrorInvalidConfiguration ? KernelError::Kind::invalid_configuration
                                                : KernelError::Kind::launch_failure;
}

/// Throws KernelError naming the kernel and the error unless `error` is cudaSuccess.
inline void check_launch(std::string_view kernel, cudaError_t error) {
  if (error == cudaSuccess) return;
  throw KernelError(kind_of(error), "cuda: kernel " + std::string(kernel) + " failed: " + cudaGetErrorName(error) +
                                        ": " + cudaGetErrorString(error));
}

#else

/// Checks one kernel argument: an object pointer, or the pointers a struct
/// reports through cudasim_device_pointers (see device_pointers.h).
template <class T>
void check_argument(const LaunchInfo& info, std::size_t position, const T& value) {
  if constexpr (ObjectPointer<T>) {
    check_device_pointer(info, position, value, false);
  } else if constexpr (HasDevicePointers<T>) {
    cudasim_device_pointers(value, [&](const volatile void* pointer) {  //
      check_device_pointer(info, position, pointer, true);
    });
  }
}

/// Checks every kernel argument in `params`.
template <class Params, std::size_t... I>
void check_arguments(const LaunchInfo& info, const Params& params, std::index_sequence<I...>) {
  (check_argument(info, I, std::get<I>(params)), ...);
}

/// One CUDA thread: the kernel on a copy of the launch's arguments.
template <auto Kernel, class Params>
void run_thread(const void* params) {
  std::apply(Kernel, *static_cast<const Params*>(params));
}

#endif

}  // namespace detail

/// Launches Kernel on a grid of `grid` blocks of `block` threads with `args`
/// (see the top of this file). Throws KernelError if the launch fails.
template <auto Kernel, class... Args>
void launch(dim3 grid, dim3 block, Args&&... args) {
  using Params = typename detail::KernelParameters<decltype(Kernel)>::type;
  static_assert(sizeof...(Args) == std::tuple_size_v<Params>, "cudasim::launch: wrong number of kernel arguments");
#if defined(__CUDACC__)
  Kernel<<<grid, block>>>(std::forward<Args>(args)...);
  detail::check_launch(kernel_name<Kernel>(), cudaGetLastError());
#if defined(CUDASIM_SYNC_LAUNCHES) || !defined(NDEBUG)
  detail::check_launch(kernel_name<Kernel>(), cudaDeviceSynchronize());
#endif
#else
  const detail::LaunchInfo info{kernel_name<Kernel>(), grid, block};
  detail::check_configuration(info);
  const Params params(std::forward<Args>(args)...);
  detail::check_arguments(info, params, std::make_index_sequence<std::tuple_size_v<Params>>{});
  detail::run_grid(info, {&detail::run_thread<Kernel, Params>, &params});
#endif
}

}  // namespace cudasim
