// Compiles the tests' precompiled headers (tests/CMakeLists.txt); nothing else.
