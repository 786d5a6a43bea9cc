// module3/cudasim/include/cudasim/profile.h
//
// The simulator's profile: per kernel, its launches and the memory traffic
// they made (cudasim/traffic.h), printed as a table a student can read.
//
//   CUDASIM_PROFILE=1 ./build/release/module3/timing --backend cudasim
//
// prints the table when the process exits; programs with a --profile flag
// call set_profile_enabled and print_profile themselves. module3/README.md
// explains the columns with a tiled and an untiled matmul side by side.
#pragma once

#include <cstdio>

namespace cudasim {

/// Whether launches are added to the profile (CUDASIM_PROFILE on first use).
bool profile_enabled();

/// Turns the profile on or off for the whole process (on: printed at exit
/// unless print_profile was called).
void set_profile_enabled(bool on);

/// Prints the profile so far to `out` and clears it.
void print_profile(std::FILE* out);

}  // namespace cudasim
