// playground/src/built_module.cpp
//
// The one file compiled for its level: which modules this build has. Every
// other file of the playground compiles to the same object at every level;
// CMake chooses the files (playground/CMakeLists.txt) and they register their
// pages (registry.h).
#include "app.h"

namespace playground {

int built_module() { return MINITORCH_PLAYGROUND_MODULE; }

}  // namespace playground
