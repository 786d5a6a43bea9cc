// module3/cudasim/src/diagnostics.h
//
// The pieces of the simulator's messages: every diagnostic names the kernel,
// the block, the thread and the source line.
#pragma once

#include <string>
#include <string_view>

#include "cudasim/detail/grid.h"
#include "cudasim/sync.h"

namespace cudasim::detail {

/// A kernel's name without the namespaces before it:
/// "minitorch::sim::map_kernel<minitorch::Neg>" -> "map_kernel<minitorch::Neg>".
std::string_view unqualified(std::string_view kernel);

/// "(x,y,z)".
std::string coordinates(uint3 v);

/// "file:line:column" (without the column where the compiler gave none).
std::string site_text(const BarrierSite& site);

/// "cudasim: kernel NAME, block (x,y,z): ".
std::string block_prefix(const LaunchInfo& info, uint3 block);

/// The (x,y,z) index of the thread whose linear index in a block of `block` threads is `linear`.
uint3 thread_coordinates(unsigned linear, dim3 block);

/// The (x,y,z) index of the block whose linear index in `grid` is `linear`.
uint3 block_coordinates(unsigned long long linear, dim3 grid);

}  // namespace cudasim::detail
