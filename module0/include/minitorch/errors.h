// module0/include/minitorch/errors.h
//
// The exceptions every part of MiniTorch throws. Library code never aborts the
// process on bad input: it throws one of these with a message that says what
// was expected and what came instead.
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>

namespace minitorch {

/// Base class of every MiniTorch error.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A task of the course that has not been implemented yet (a stub of the
/// student handout). The message names the task, the function and file:line.
class NotImplemented : public Error {
 public:
  NotImplemented(const std::string& task, const std::source_location& where);
  const std::string& task() const { return task_; }

 private:
  std::string task_;
};

/// A bad index: wrong rank, out of range, negative, or strides that do not
/// match the shape.
class IndexingError : public Error {
 public:
  using Error::Error;
};

/// Shapes that do not fit together: cannot broadcast, matmul inner dimensions.
class ShapeError : public Error {
 public:
  using Error::Error;
};

/// A bad argument: view of a non-contiguous tensor, unknown name, bad option.
class ValueError : public Error {
 public:
  using Error::Error;
};

/// A missing or corrupt data file, with the command that installs it.
class DataError : public Error {
 public:
  using Error::Error;
};

namespace detail {
[[noreturn]] void throw_not_implemented(const char* task, std::source_location where = std::source_location::current());
}  // namespace detail

}  // namespace minitorch

/// The stub of the student handout: `MT_TODO("2.1");` throws
/// minitorch::NotImplemented naming the task, the enclosing function and its
/// file:line. It is [[noreturn]], so a stubbed function needs no dummy return.
/// In CUDA device code (a kernel cannot throw) it records the task and leaves
/// the kernel; the CUDA backend throws NotImplemented when the host next reads
/// a result (minitorch/cuda_device.cuh). Kernels return void, so `return;` fits.
#if defined(__CUDA_ARCH__)
#define MT_TODO(task)                            \
  do {                                           \
    ::minitorch::cuda_detail::report_todo(task); \
    return;                                      \
  } while (0)
#else
#define MT_TODO(task) ::minitorch::detail::throw_not_implemented(task)
#endif
