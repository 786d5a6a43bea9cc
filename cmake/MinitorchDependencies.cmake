# Finds every dependency from the distribution's packages. A missing one stops
# configure with the package to install (scripts/setup installs them all).
function(minitorch_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR
      "${what} not found. Install it with `scripts/setup` "
      "(Debian/Ubuntu: sudo apt-get install ${package}).")
  endif()
endfunction()

find_package(GTest QUIET)
minitorch_require(GTest_FOUND "GoogleTest" "libgtest-dev libgmock-dev")

# Debian's rapidcheck ships a config file without a version file: no version here.
find_package(rapidcheck CONFIG QUIET)
minitorch_require(rapidcheck_FOUND "RapidCheck" "librapidcheck-dev")
# Older packagings (Ubuntu 22.04's 0~1033-08b5058-2) may ship the GoogleTest
# extra's header without its target: it is only that header over rapidcheck.
if(NOT TARGET rapidcheck_gtest)
  find_path(MINITORCH_RAPIDCHECK_GTEST_INCLUDE rapidcheck/gtest.h)
  if(NOT MINITORCH_RAPIDCHECK_GTEST_INCLUDE)
    message(FATAL_ERROR "RapidCheck was found without its GoogleTest extra (rapidcheck/gtest.h). "
                        "Install librapidcheck-dev 0~1033-08b5058 or later (scripts/setup).")
  endif()
  add_library(rapidcheck_gtest INTERFACE IMPORTED)
  target_include_directories(rapidcheck_gtest INTERFACE ${MINITORCH_RAPIDCHECK_GTEST_INCLUDE})
  target_link_libraries(rapidcheck_gtest INTERFACE rapidcheck)
endif()
