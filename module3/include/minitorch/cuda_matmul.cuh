// module3/include/minitorch/cuda_matmul.cuh
//
// Task 3.4: matrix multiplication on the GPU, with shared-memory tiles.
//
// A block of TILE x TILE (32 x 32) threads computes one 32 x 32 tile of the
// output. Reading a and b straight from global memory would read each of
// their cells 32 times per block; instead the block walks the shared
// dimension k one tile at a time, and at each step
//
//        k0 ... k0+31                     each thread copies ONE cell of a's
//       +-----------+                     tile and ONE cell of b's tile into
//   a:  |  a tile   |  rows of the block  __shared__ arrays,
//       +-----------+                     __syncthreads()  (tiles complete),
//                                         adds its row of a's tile times its
//   b:  +---+  k0                         column of b's tile,
//       | b |  ...    columns of          __syncthreads()  (before the next
//       |   |  k0+31  the block            copy overwrites the tiles).
//       +---+
//
// so every global cell is read once per tile and every output cell written
// once. Cells past the edge of a matrix are copied as 0 (a tile edge is
// almost never a multiple of 32), and no thread returns early: the threads
// outside the output still help copy tiles and must reach every barrier.
//
// threadIdx.x runs along the columns of the output (the course's kernel uses
// it for rows): neighbouring threads then read neighbouring addresses of b
// and write neighbouring addresses of out (coalesced on a GPU).
#pragma once

#include "minitorch/cuda_device.cuh"
#include "minitorch/errors.h"  // MT_TODO
#include "minitorch/tensor_data.h"

namespace minitorch {
inline namespace MT_CUDA_TARGET {

/// Task 3.4: the practice multiply. out = a @ b for two size x size
/// matrices, contiguous (strides (size, 1)), size <= 32, with ONE block of
/// TILE x TILE threads; thread (x, y) computes out[y, x] when y, x < size.
///  - first copy a and b into __shared__ tiles (each cell read once),
///  - __syncthreads(),
///  - then out[y, x] = sum over k of a[y, k] * b[k, x] from the tiles,
///    written to global memory once.
/// out, a, b: (size * size) numbers.
__global__ void mm_practice_kernel(double* out, const double* a, const double* b, int size) {
  // BEGIN SOLUTION 3.4
  __shared__ double a_tile[TILE][TILE];
  __shared__ double b_tile[TILE][TILE];
  const int col = static_cast<int>(threadIdx.x);
  const int row = static_cast<int>(threadIdx.y);
  const bool inside = row < size && col < size;
  if (inside) {
    a_tile[row][col] = a[row * size + col];
    b_tile[row][col] = b[row * size + col];
  }
  __syncthreads();
  if (inside) {
    double acc = 0.0;
    for (int k = 0; k < size; ++k) acc += a_tile[row][k] * b_tile[k][col];
    out[row * size + col] = acc;
  }
  // END SOLUTION
}

/// Task 3.4: the batched, broadcasting matrix multiply
///   out[n, i, j] = sum over k of a[n, i, k] * b[n, k, j]
/// a of batch 1 is used for every n (its batch stride counts as 0), b too.
/// Launch: blocks of TILE x TILE threads; block (bx, by, bz) computes the
/// output tile of rows by*32 .. by*32+31 and columns bx*32 .. bx*32+31, of
/// the batches bz, bz + gridDim.z, ... (a grid has at most 65535 in z).
/// Thread (x, y) of the block owns row by*32 + y and column bx*32 + x.
/// Walk k in steps of TILE as in the picture above: copy one cell of each
/// tile (0 past an edge), barrier, accumulate, barrier; write out once.
/// out: (N, I, J), a: (N or 1, I, K), b: (N or 1, K, J), any strides.
__global__ void matmul_kernel(OutView out, InView a, InView b) {
  // BEGIN SOLUTION 3.4
  __shared__ double a_tile[TILE][TILE];
  __shared__ double b_tile[TILE][TILE];
  const int tx = static_cast<int>(threadIdx.x);
  const int ty = static_cast<int>(threadIdx.y);
  const int row = static_cast<int>(blockIdx.y) * TILE + ty;
  const int col = static_cast<int>(blockIdx.x) * TILE + tx;
  const int rows = out.shape()[1], cols = out.shape()[2], shared = a.shape()[2];
  const int a_batch = a.shape()[0] > 1 ? a.strides()[0] : 0;
  const int b_batch = b.shape()[0] > 1 ? b.strides()[0] : 0;
  for (int n = static_cast<int>(blockIdx.z); n < out.shape()[0]; n += static_cast<int>(gridDim.z)) {
    double acc = 0.0;
    for (int k0 = 0; k0 < shared; k0 += TILE) {
      const int a_col = k0 + tx;  // this thread copies a[n, row, k0 + tx] and b[n, k0 + ty, col]
      const int b_row = k0 + ty;
      a_tile[ty][tx] =
          row < rows && a_col < shared ? a.storage[n * a_batch + row * a.strides()[1] + a_col * a.strides()[2]] : 0.0;
      b_tile[ty][tx] =
          b_row < shared && col < cols ? b.storage[n * b_batch + b_row * b.strides()[1] + col * b.strides()[2]] : 0.0;
      __syncthreads();
      for (int k = 0; k < TILE; ++k) acc += a_tile[ty][k] * b_tile[k][tx];
      __syncthreads();
    }
    if (row < rows && col < cols) {
      out.storage[n * out.strides()[0] + row * out.strides()[1] + col * out.strides()[2]] = acc;
    }
  }
  // END SOLUTION
}

}  // namespace MT_CUDA_TARGET
}  // namespace minitorch
