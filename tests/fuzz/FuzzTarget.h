// One fuzz target per loader. Each target is a libFuzzer entry point; the same source
// also links with ReplayMain.cpp (any compiler) so CTest replays the committed corpus.
// A target aborts (FUZZ_CHECK) when the code under test breaks a promise it makes —
// an error without a location, a round trip that changes bytes — so the fuzzer reports
// wrong answers as well as crashes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace vizor::fuzz {

inline std::string_view asText(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
    std::abort();
}

} // namespace vizor::fuzz

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) ::vizor::fuzz::fail(#cond, __FILE__, __LINE__);                               \
    } while (false)
