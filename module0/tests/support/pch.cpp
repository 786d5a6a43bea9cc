// module0/tests/support/pch.cpp
//
// Nothing of its own: the target minitorch_test_pch compiles this file to
// build the precompiled header every test program reuses (CMakeLists.txt).
