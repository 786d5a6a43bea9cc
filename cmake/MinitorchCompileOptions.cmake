# Warnings, sanitizers and path mapping shared by every target.
function(minitorch_compile_options target)
  # -Wno-unused-parameter: the student handout's stubs (`MT_TODO("x.y");`)
  # leave the parameters of the stubbed function unused by design.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter)
  if(MINITORCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# File names in messages (NotImplemented, assertions) relative to the repository
# root: absolute paths, and the build-relative ones ccache compiles with.
file(RELATIVE_PATH minitorch_source_from_build ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
string(REGEX REPLACE "/+$" "" minitorch_source_from_build "${minitorch_source_from_build}")  # "../..", not "../../"
add_compile_options(-fmacro-prefix-map=${CMAKE_SOURCE_DIR}/= -fmacro-prefix-map=${minitorch_source_from_build}/=)

# ccache: paths relative to the source root, so that every copy of the tree (a
# worktree, the handout, check-handout's copies) shares one cache.
find_program(MINITORCH_CCACHE_PROGRAM ccache)
mark_as_advanced(MINITORCH_CCACHE_PROGRAM)
if(MINITORCH_CCACHE AND MINITORCH_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # The sloppiness ccache needs to cache compilations that use a precompiled header.
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=true
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${MINITORCH_CCACHE_PROGRAM})
endif()

if(MINITORCH_SANITIZE)
  add_compile_options(-fsanitize=${MINITORCH_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${MINITORCH_SANITIZE})
endif()

# minitorch_add_tests(NAME SOURCES...): one test program per module, linked with
# the shared support, registered with CTest test by test under a fixed
# RapidCheck seed (grading is deterministic; run the program by hand for random seeds).
set(MINITORCH_RC_EXTRA "" CACHE STRING
    "More RC_PARAMS for tests run by CTest after the manifest's seed, e.g. max_success=25 (sanitizer builds)")
string(STRIP "seed=${MINITORCH_RC_SEED} ${MINITORCH_RC_EXTRA}" MINITORCH_RC_PARAMS)

# GoogleTest, RapidCheck and the standard library are precompiled once (by
# minitorch_test_pch, CMakeLists.txt) and reused by every test program. (Every
# test program compiles with the same flags: the OpenMP kernels are compiled
# in the library, once.)
#
#   minitorch_add_tests(NAME [NO_CTEST] SOURCES...)
#
# NO_CTEST: a program only the grader runs (a mutation program: grader/mutants).
option(MINITORCH_PCH "Precompile the standard and test frameworks' headers" ON)
function(minitorch_add_tests name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_CTEST" "" "")
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  minitorch_compile_options(${name})
  if(MINITORCH_PCH)
    target_precompile_headers(${name} REUSE_FROM minitorch_test_pch)
  endif()
  target_link_libraries(${name} PRIVATE minitorch minitorch_test_support)
  if(NOT ARG_NO_CTEST)
    gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                         PROPERTIES ENVIRONMENT "RC_PARAMS=${MINITORCH_RC_PARAMS}" TIMEOUT 600)
  endif()
  add_dependencies(all_tests ${name})
endfunction()

# minitorch_add_app(NAME SOURCES...): a program a person runs.
function(minitorch_add_app name)
  if(MINITORCH_BUILD_APPS)
    add_executable(${name} ${ARGN})
    minitorch_compile_options(${name})
    target_link_libraries(${name} PRIVATE minitorch)
  endif()
endfunction()
