// module3/cudasim/src/profile_table.h
//
// The profile's table: launches summed per kernel (cudasim/profile.h).
#pragma once

#include "cudasim/traffic.h"

namespace cudasim::detail {

/// Adds one finished launch to its kernel's row.
void add_to_profile(const LaunchTraffic& traffic);

}  // namespace cudasim::detail
