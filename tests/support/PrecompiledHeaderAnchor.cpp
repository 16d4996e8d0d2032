// The translation unit that carries the suites' shared precompiled header
// (tests/CMakeLists.txt, bw_test_pch). It has nothing of its own.
