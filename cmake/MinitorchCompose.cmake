# The composition of a build: what later modules add to the backends of
# earlier ones, put together by the highest module of the build.
#
# A module never names a later one (scripts/check-layers), so Module 2 cannot
# list the fast backend and Module 3 cannot give it Module 4's convolutions.
# Instead each module from 2 on has a src/backends.cpp that defines the
# composed functions (backends(), extend_simple_backend(), ...: see
# module2/include/minitorch/tensor_backend.h) for a build that ends with it,
# and a build compiles exactly one of them: the highest module's. Every other
# file of the library compiles to the same object at every MINITORCH_MODULE,
# so switching the level recompiles one file and relinks.
#
#   minitorch_compose(src/backends.cpp [GPU src/backends_gpu.cu])
#
# in a module's CMakeLists.txt names its composition (GPU: the part that the
# GPU backend, minitorch_cuda_gpu, compiles with nvcc); a later module's call
# replaces it. minitorch_add_composition(), at the end of the top-level
# CMakeLists.txt, adds the last one named to the library.
function(minitorch_compose host)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "GPU" "")
  set_property(GLOBAL PROPERTY MINITORCH_COMPOSITION ${CMAKE_CURRENT_SOURCE_DIR}/${host})
  if(ARG_GPU)
    set_property(GLOBAL PROPERTY MINITORCH_COMPOSITION_GPU ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_GPU})
  else()
    set_property(GLOBAL PROPERTY MINITORCH_COMPOSITION_GPU "")
  endif()
endfunction()

function(minitorch_add_composition)
  get_property(host GLOBAL PROPERTY MINITORCH_COMPOSITION)
  get_property(gpu GLOBAL PROPERTY MINITORCH_COMPOSITION_GPU)
  if(host)
    target_sources(minitorch PRIVATE ${host})
  endif()
  if(gpu AND TARGET minitorch_cuda_gpu)
    target_sources(minitorch_cuda_gpu PRIVATE ${gpu})
  endif()
endfunction()
