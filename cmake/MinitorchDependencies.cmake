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
if(NOT TARGET rapidcheck_gtest)
  message(FATAL_ERROR "RapidCheck was found without its GoogleTest extras (target rapidcheck_gtest). "
                      "Install Debian's librapidcheck-dev (0~1033-08b5058-3 or later).")
endif()
