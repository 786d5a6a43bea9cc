# The compiler: GCC 12 or newer (C++20 as the course uses it), or a Clang that
# builds it. This is the one place that says so.
#
# minitorch_choose_compiler(), before project(): where the system's default C++
# compiler is an older GCC (Ubuntu 22.04's is GCC 11), a new build tree uses
# the newest installed g++-N with N >= 12 instead (scripts/setup installs
# g++-12 there). CXX or -DCMAKE_CXX_COMPILER choose by hand, as usual.
# minitorch_check_compiler(), after project(): stops configure on an older GCC.
set(MINITORCH_MIN_GCC 12)

function(minitorch_choose_compiler)
  if(DEFINED CMAKE_CXX_COMPILER OR DEFINED ENV{CXX})
    return()
  endif()
  find_program(default_cxx NAMES c++ g++ NO_CACHE)
  if(NOT default_cxx)
    return()
  endif()
  execute_process(COMMAND ${default_cxx} --version OUTPUT_VARIABLE banner ERROR_QUIET)
  execute_process(COMMAND ${default_cxx} -dumpfullversion -dumpversion
                  OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT banner MATCHES "Free Software Foundation" OR NOT version VERSION_LESS MINITORCH_MIN_GCC)
    return()
  endif()
  find_program(newer_gxx NAMES g++-15 g++-14 g++-13 g++-12 NO_CACHE)
  if(newer_gxx)
    message(STATUS "The default C++ compiler is GCC ${version}; using ${newer_gxx} (GCC ${MINITORCH_MIN_GCC} or newer is needed)")
    set(CMAKE_CXX_COMPILER ${newer_gxx} CACHE FILEPATH "C++ compiler (GCC ${MINITORCH_MIN_GCC} or newer)")
  endif()
endfunction()

function(minitorch_check_compiler)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS MINITORCH_MIN_GCC)
    message(FATAL_ERROR
      "${CMAKE_CXX_COMPILER} is GCC ${CMAKE_CXX_COMPILER_VERSION}: MiniTorch C++ needs GCC ${MINITORCH_MIN_GCC} "
      "or newer (C++20). Install it (Ubuntu 22.04: sudo apt-get install g++-${MINITORCH_MIN_GCC}, which "
      "scripts/setup does), then configure a new build directory (CMake keeps the compiler of an old one).")
  endif()
endfunction()
