// module3/cudasim/include/cudasim/device_pointers.h
//
// The customisation point through which cudasim::launch checks the pointers
// a struct argument of a kernel holds.
//
// launch() rejects a raw-pointer argument that is neither null nor inside a
// cudaMalloc allocation (a host pointer: on a GPU it crashes or reads garbage;
// on a naive simulator it silently works). A struct argument is opaque to it,
// unless the struct's owner provides, in the struct's namespace (found by
// argument-dependent lookup):
//
//   template <class F>
//   void cudasim_device_pointers(const StridedView& view, F&& visit) {
//     visit(view.storage);   // once per pointer the struct holds
//   }
//
// `visit` accepts any object pointer (const or not). The function is called
// on the host before the kernel runs (by the simulator only; under nvcc
// launch() checks nothing itself, the CUDA runtime does).
#pragma once

#include <type_traits>

namespace cudasim::detail {

/// Stands in for launch()'s visitor when detecting the hook.
struct PointerVisitorArchetype {
  void operator()(const volatile void*) const {}
};

/// T provides cudasim_device_pointers(const T&, visit).
template <class T>
concept HasDevicePointers = requires(const T& value, PointerVisitorArchetype visit) {
  cudasim_device_pointers(value, visit);
};

/// T is a pointer to an object (function pointers are never checked).
template <class T>
concept ObjectPointer = std::is_pointer_v<T> && std::is_object_v<std::remove_pointer_t<T>>;

}  // namespace cudasim::detail
