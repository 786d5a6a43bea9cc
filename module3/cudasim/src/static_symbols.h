// module3/cudasim/src/static_symbols.h
//
// The names of static objects (the simulator's `__shared__` arrays are
// function-local statics), read from the program's own symbol table for a
// diagnostic: "cache", the array a race happened in.
#pragma once

#include <cstdint>
#include <string>

namespace cudasim::detail {

struct StaticObject {
  std::string name;          ///< its own name ("cache"), without the function's; "" if unknown
  std::uintptr_t begin = 0;  ///< its address
};

/// The static object of the main program that holds `address`, from
/// /proc/self/exe's .symtab (read on the first call; a stripped program
/// gives "").
StaticObject static_object_at(std::uintptr_t address);

}  // namespace cudasim::detail
