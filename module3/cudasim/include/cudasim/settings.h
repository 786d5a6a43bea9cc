// module3/cudasim/include/cudasim/settings.h
//
// The simulator's policies, each with a process default read once from the
// environment and a setter for tests:
//
//   CUDASIM_EXITED=error|warn|ignore   a thread returns while others of its block
//                                      wait at __syncthreads(): throw KernelError
//                                      (default), print a warning once per launch
//                                      and release the waiting threads, or release
//                                      them silently (what numba's simulator and,
//                                      in practice, NVIDIA hardware do; still UB)
//   CUDASIM_WATCHDOG=SECONDS           a launch that makes no progress for this
//                                      long (a thread spinning on a flag another
//                                      thread sets) prints where it is stuck and
//                                      ends the process with exit code 124.
//                                      Default 10; 0 disables the watchdog.
//
// Invalid values make the first launch throw std::invalid_argument naming the
// variable.
#pragma once

#include <string_view>

namespace cudasim {

enum class ExitedPolicy { error, warn, ignore };

/// Parses "error", "warn" or "ignore"; throws std::invalid_argument otherwise.
ExitedPolicy exited_policy_from_string(std::string_view text);

/// The current policy (CUDASIM_EXITED on first use).
ExitedPolicy exited_policy();

/// Sets the policy for the whole process.
void set_exited_policy(ExitedPolicy policy);

/// The watchdog's timeout in seconds, 0 when disabled (CUDASIM_WATCHDOG on first use).
double watchdog_seconds();

/// Sets the watchdog's timeout for the whole process (0 disables it; negative
/// or non-finite values throw std::invalid_argument).
void set_watchdog_seconds(double seconds);

}  // namespace cudasim
