// module3/cudasim/include/cudasim/cudasim.h
//
// The simulator's C++ API (schedules, policies, errors, traffic, profile). Kernel sources
// include <cudasim/cuda.h> and <cudasim/launch.h> instead; tests and programs
// that choose a schedule include this.
#pragma once

#include "cudasim/device_pointers.h"
#include "cudasim/kernel_error.h"
#include "cudasim/kernel_name.h"
#include "cudasim/limits.h"
#include "cudasim/profile.h"
#include "cudasim/schedule.h"
#include "cudasim/settings.h"
#include "cudasim/traffic.h"
