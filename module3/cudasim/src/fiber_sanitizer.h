// module3/cudasim/src/fiber_sanitizer.h
//
// AddressSanitizer's fiber annotations. ASan must be told about every stack
// switch, or it takes a fiber's stack for a stack overflow, reports false
// positives when an exception unwinds a fiber, and loses its fake frames.
// Protocol (compiler-rt's common_interface_defs.h):
//
//   before a switch   asan_start_switch(&save, stack switched to)
//                     (save = nullptr when the current fiber ends for good)
//   after it          asan_finish_switch(save of the stack now running, &stack left)
//
// Without ASan both are no-ops.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define CUDASIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CUDASIM_ASAN 1
#endif
#endif

#if defined(CUDASIM_ASAN)
#include <sanitizer/common_interface_defs.h>
#endif

namespace cudasim::detail {

/// A stack's lowest address and size.
struct StackBounds {
  const void* bottom = nullptr;
  std::size_t size = 0;
};

/// Announces a switch to the stack `to`; `fake_stack` receives this stack's
/// fake frames (nullptr: the running fiber is ending).
inline void asan_start_switch([[maybe_unused]] void** fake_stack, [[maybe_unused]] StackBounds to) {
#if defined(CUDASIM_ASAN)
  __sanitizer_start_switch_fiber(fake_stack, to.bottom, to.size);
#endif
}

/// Completes a switch onto the stack whose fake frames `fake_stack` saved;
/// stores the stack just left in *from unless from is nullptr.
inline void asan_finish_switch([[maybe_unused]] void* fake_stack, [[maybe_unused]] StackBounds* from) {
#if defined(CUDASIM_ASAN)
  const void* bottom = nullptr;
  std::size_t size = 0;
  __sanitizer_finish_switch_fiber(fake_stack, &bottom, &size);
  if (from != nullptr) *from = {bottom, size};
#endif
}

}  // namespace cudasim::detail
