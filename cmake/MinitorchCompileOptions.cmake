# Warnings, sanitizers and path mapping shared by every target.
function(minitorch_compile_options target)
  # -Wno-unused-parameter: the student handout's stubs (`MT_TODO("x.y");`)
  # leave the parameters of the stubbed function unused by design.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter)
  if(MINITORCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# File names in messages (NotImplemented, assertions) relative to the repository root.
add_compile_options(-fmacro-prefix-map=${CMAKE_SOURCE_DIR}/=)

if(MINITORCH_SANITIZE)
  add_compile_options(-fsanitize=${MINITORCH_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${MINITORCH_SANITIZE})
endif()

# minitorch_add_tests(NAME SOURCES...): one test program per module, linked with
# the shared support, registered with CTest test by test under a fixed
# RapidCheck seed (grading is deterministic; run the program by hand for random seeds).
set(MINITORCH_RC_PARAMS "seed=20240901" CACHE STRING
    "RC_PARAMS for tests run by CTest (fixed seed: deterministic; sanitizer builds also lower max_success)")
function(minitorch_add_tests name)
  add_executable(${name} ${ARGN})
  minitorch_compile_options(${name})
  target_link_libraries(${name} PRIVATE minitorch minitorch_test_support)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       PROPERTIES ENVIRONMENT "RC_PARAMS=${MINITORCH_RC_PARAMS}" TIMEOUT 600)
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
