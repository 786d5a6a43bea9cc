// module3/cudasim/include/cudasim/limits.h
//
// CUDA's launch limits (compute capability 2.0 and later), the one place the
// simulator and the course's host code read them: the simulator rejects a
// launch beyond them as a GPU would (invalid configuration), and the host
// code sizes its grids within them.
#pragma once

namespace cudasim {

/// Threads of one block (block.x * block.y * block.z), and block.x or block.y alone.
inline constexpr unsigned max_threads_per_block = 1024;
/// block.z.
inline constexpr unsigned max_block_z = 64;
/// grid.x (2^31 - 1).
inline constexpr unsigned max_grid_x = 2147483647u;
/// grid.y and grid.z.
inline constexpr unsigned max_grid_yz = 65535;

}  // namespace cudasim
