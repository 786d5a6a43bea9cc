// module3/tests/support/traffic_checks.h
//
// Checks of a kernel's memory traffic as the CUDA simulator counts it
// (cudasim/traffic.h), with messages that give the student's count, the bound
// and the fix: Tasks 3.3 and 3.4 grade the technique with them.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "cudasim/traffic.h"

namespace minitorch::testing {

/// "minitorch::sim::map_kernel<minitorch::Neg>" -> "map_kernel".
inline std::string kernel_base(const std::string& kernel) {
  const std::string head = kernel.substr(0, kernel.find('<'));
  const std::size_t colons = head.rfind("::");
  return colons == std::string::npos ? head : head.substr(colons + 2);
}

using cudasim::grouped;  // 1048576 -> "1,048,576"

/// Skips the test where the build does not count (AddressSanitizer).
#define SKIP_UNLESS_COUNTED()                                 \
  if (!cudasim::counting_available())                         \
  GTEST_SKIP() << "this build does not count memory traffic " \
                  "(AddressSanitizer checks the bounds instead)"

/// "(x,y,z)".
inline std::string coordinates(uint3 v) {
  return "(" + std::to_string(v.x) + "," + std::to_string(v.y) + "," + std::to_string(v.z) + ")";
}

/// " Cell 0 was written by thread (0,0,0) of block (0,0,0) and again by
/// thread (4,0,0) of block (3,0,0) (i = 100)." or "" (i: the thread's index
/// in a one-dimensional grid).
inline std::string repeated_store(const cudasim::LaunchTraffic& launch, const cudasim::BufferTraffic& buffer) {
  if (!buffer.repeated) return "";
  std::string text = " Cell " + std::to_string(buffer.repeated_cell) + " was written by thread " +
                     coordinates(buffer.first_thread) + " of block " + coordinates(buffer.first_block) +
                     " and again by thread " + coordinates(buffer.second_thread) + " of block " +
                     coordinates(buffer.second_block);
  if (launch.grid.y == 1 && launch.grid.z == 1 && launch.block.y == 1 && launch.block.z == 1) {
    text += " (i = " + std::to_string(buffer.second_block.x * launch.block.x + buffer.second_thread.x) + ")";
  }
  return text + ".";
}

/// The buffer of argument `argument` (called `what`) of the launch had each
/// of its `cells` cells stored exactly once; else the message ends with `fix`.
inline void expect_each_cell_stored_once(const cudasim::LaunchTraffic& launch, unsigned argument,
                                         const std::string& what, std::uint64_t cells, const std::string& fix) {
  const cudasim::BufferTraffic* buffer = launch.argument(argument);
  ASSERT_NE(buffer, nullptr) << launch.kernel << ": no device buffer for " << what;
  EXPECT_TRUE(buffer->stores == cells && buffer->cells_stored == cells)
      << "your " << kernel_base(launch.kernel) << " stored " << grouped(buffer->stores) << " values into " << what
      << ", which has " << grouped(cells) << " cells (" << grouped(buffer->cells_stored)
      << " of them written): each must be written exactly once." << repeated_store(launch, *buffer) << " " << fix;
}

/// The same for loads.
inline void expect_each_cell_loaded_once(const cudasim::LaunchTraffic& launch, unsigned argument,
                                         const std::string& what, std::uint64_t cells, const std::string& fix) {
  const cudasim::BufferTraffic* buffer = launch.argument(argument);
  ASSERT_NE(buffer, nullptr) << launch.kernel << ": no device buffer for " << what;
  EXPECT_TRUE(buffer->loads == cells && buffer->cells_loaded == cells)
      << "your " << kernel_base(launch.kernel) << " read " << grouped(buffer->loads) << " cells of " << what
      << " from global memory (" << grouped(buffer->cells_loaded) << " distinct, one of them read "
      << buffer->max_cell_loads << " times); it has " << grouped(cells) << " and each should be read once. " << fix;
}

}  // namespace minitorch::testing
