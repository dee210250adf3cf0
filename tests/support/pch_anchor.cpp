// The one source of the libraries that own the test executables' shared precompiled headers
// (tests/CMakeLists.txt): a library needs a source to be compiled with its header.
