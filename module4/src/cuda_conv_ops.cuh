// module4/src/cuda_conv_ops.cuh
//
// Task 4.4b's kernels (cuda_conv.cuh) in the CUDA backend's conv1d and
// conv2d slots: the launch shape of each. Written once, compiled twice (see
// cuda_device.cuh): by g++ in backends.cpp (the simulator) and by nvcc in
// backends_gpu.cu (a GPU), each of which includes it once.
#pragma once

#include "minitorch/cuda_conv.cuh"
#include "minitorch/cuda_launch.cuh"
#include "minitorch/fast_conv.h"  // check_conv_shapes
#include "minitorch/tensor_backend.h"
#include "minitorch/tensor_data.h"

namespace minitorch {
inline namespace MT_CUDA_TARGET {

/// conv1d: a block of CONV_TILE threads per 32 outputs of one (batch, out channel).
inline void cuda_conv1d(const LaunchConfig& config, OutView out, InView input, InView weight, bool reverse) {
  check_conv_shapes("conv1d", 3, out.layout, input.layout, weight.layout);
  const dim3 grid(blocks_for(out.shape()[2], CONV_TILE), grid_side(out.shape()[1], "out channels"),
                  grid_side(out.shape()[0], "batch"));
  const LaunchScope scope(config);
  cudasim::launch<conv1d_kernel>(grid, dim3(CONV_TILE), out, input, weight, reverse);
}

/// conv2d: a block of CONV_TILE_2D x CONV_TILE_2D threads per output tile of one (batch, out channel).
inline void cuda_conv2d(const LaunchConfig& config, OutView out, InView input, InView weight, bool reverse) {
  check_conv_shapes("conv2d", 4, out.layout, input.layout, weight.layout);
  const dim3 grid(blocks_for(out.shape()[3], CONV_TILE_2D), blocks_for(out.shape()[2], CONV_TILE_2D),
                  grid_side(out.shape()[0] * out.shape()[1], "batch x out channels"));
  const LaunchScope scope(config);
  cudasim::launch<conv2d_kernel>(grid, dim3(CONV_TILE_2D, CONV_TILE_2D), out, input, weight, reverse);
}

/// Fills the conv1d and conv2d slots of a CUDA backend made with `config`.
inline void add_cuda_convolutions(TensorBackend& backend, const LaunchConfig& config) {
  backend.conv1d = ConvOp([config](OutView out, InView input, InView weight, bool reverse) {
    cuda_conv1d(config, out, input, weight, reverse);
  });
  backend.conv2d = ConvOp([config](OutView out, InView input, InView weight, bool reverse) {
    cuda_conv2d(config, out, input, weight, reverse);
  });
}

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
