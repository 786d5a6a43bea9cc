// module3/cudasim/include/cudasim/dim3.h
//
// CUDA's uint3 and dim3 for g++. They live in namespace cudasim (so that a
// program linking both this simulator and the real CUDA runtime has no two
// definitions of one class) and are brought into the global namespace, where
// CUDA code names them.
#pragma once

namespace cudasim::vector_types {

/// Three unsigned coordinates (threadIdx, blockIdx).
struct uint3 {
  unsigned int x, y, z;
};

/// Launch dimensions: 1 to 3 extents, the missing ones 1 (as CUDA's dim3).
struct dim3 {
  unsigned int x, y, z;
  constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
  constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
  constexpr operator uint3() const { return uint3{x, y, z}; }
};

}  // namespace cudasim::vector_types

using cudasim::vector_types::dim3;
using cudasim::vector_types::uint3;
