// module3/cudasim/include/cudasim/runtime.h
//
// The subset of the CUDA runtime API the course's host code uses, for g++.
// One simulated device (device 0). Launches are synchronous.
//
// Device memory is host memory: cudaMalloc allocates exactly the requested
// size with malloc (so AddressSanitizer reports an access past its end at the
// kernel's line) and records the range, so that cudaMemcpy/cudaMemset can
// check their direction and bounds and cudasim::launch can reject host
// pointers passed to a kernel. Errors are returned as CUDA returns them and
// also kept as the calling OS thread's last error (cudaGetLastError).
//
// The names live in namespace cudasim::runtime_api (so that a program can
// link this simulator and the real CUDA runtime side by side) and are brought
// into the global namespace, where CUDA code names them.
#pragma once

#include <cstddef>

namespace cudasim::runtime_api {

/// CUDA's error codes (the subset the simulator returns; same names and values).
enum cudaError {
  cudaSuccess = 0,
  cudaErrorInvalidValue = 1,
  cudaErrorMemoryAllocation = 2,
  cudaErrorInitializationError = 3,
  cudaErrorInvalidConfiguration = 9,
  cudaErrorInvalidDevicePointer = 17,
  cudaErrorInvalidMemcpyDirection = 21,
  cudaErrorInsufficientDriver = 35,
  cudaErrorNoDevice = 100,
  cudaErrorInvalidDevice = 101,
  cudaErrorIllegalAddress = 700,
  cudaErrorLaunchFailure = 719,
  cudaErrorNotSupported = 801,
  cudaErrorUnknown = 999,
};
using cudaError_t = cudaError;

/// The direction of a copy (CUDA's values).
enum cudaMemcpyKind {
  cudaMemcpyHostToHost = 0,
  cudaMemcpyHostToDevice = 1,
  cudaMemcpyDeviceToHost = 2,
  cudaMemcpyDeviceToDevice = 3,
  cudaMemcpyDefault = 4,
};

/// Allocates `size` bytes of device memory into *ptr (nullptr for size 0).
/// cudaErrorInvalidValue if ptr is null, cudaErrorMemoryAllocation if out of memory.
cudaError_t cudaMalloc(void** ptr, std::size_t size);

/// cudaMalloc for a typed pointer.
template <class T>
cudaError_t cudaMalloc(T** ptr, std::size_t size) {
  return cudaMalloc(reinterpret_cast<void**>(ptr), size);
}

/// Frees memory from cudaMalloc; nullptr is a no-op. cudaErrorInvalidDevicePointer
/// for any other pointer that is not the start of a live allocation.
cudaError_t cudaFree(void* ptr);

/// Copies `count` bytes. The device side(s) of `kind` must lie inside one live
/// allocation (cudaErrorInvalidValue otherwise) and the host side(s) outside
/// every allocation (cudaErrorInvalidMemcpyDirection otherwise, also for a kind
/// that is not a cudaMemcpyKind). cudaMemcpyDefault infers the direction.
cudaError_t cudaMemcpy(void* dst, const void* src, std::size_t count, cudaMemcpyKind kind);

/// Sets `count` bytes of device memory to `value`; the range must lie inside one
/// live allocation (cudaErrorInvalidValue otherwise).
cudaError_t cudaMemset(void* ptr, int value, std::size_t count);

/// Waits for the device: a no-op (launches are synchronous). Returns cudaSuccess.
cudaError_t cudaDeviceSynchronize();

/// The calling OS thread's last error; resets it to cudaSuccess.
cudaError_t cudaGetLastError();

/// The calling OS thread's last error, left as it is.
cudaError_t cudaPeekAtLastError();

/// CUDA's description of an error ("invalid argument"), or "unrecognized error code".
const char* cudaGetErrorString(cudaError_t error);

/// The error's enumerator name ("cudaErrorInvalidValue"), or "unrecognized error code".
const char* cudaGetErrorName(cudaError_t error);

/// One device.
cudaError_t cudaGetDeviceCount(int* count);

/// Selects the device: 0 is the only one (cudaErrorInvalidDevice otherwise).
cudaError_t cudaSetDevice(int device);

/// The selected device: 0.
cudaError_t cudaGetDevice(int* device);

}  // namespace cudasim::runtime_api

using cudasim::runtime_api::cudaError;
using cudasim::runtime_api::cudaError_t;
using cudasim::runtime_api::cudaMemcpyKind;
using enum cudasim::runtime_api::cudaError;
using enum cudasim::runtime_api::cudaMemcpyKind;
using cudasim::runtime_api::cudaDeviceSynchronize;
using cudasim::runtime_api::cudaFree;
using cudasim::runtime_api::cudaGetDevice;
using cudasim::runtime_api::cudaGetDeviceCount;
using cudasim::runtime_api::cudaGetErrorName;
using cudasim::runtime_api::cudaGetErrorString;
using cudasim::runtime_api::cudaGetLastError;
using cudasim::runtime_api::cudaMalloc;
using cudasim::runtime_api::cudaMemcpy;
using cudasim::runtime_api::cudaMemset;
using cudasim::runtime_api::cudaPeekAtLastError;
using cudasim::runtime_api::cudaSetDevice;
