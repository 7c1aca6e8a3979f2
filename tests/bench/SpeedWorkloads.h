// The speed suite's workloads (tests/bench/workloads/): a frame (system.s for Vizor's
// execution modes and qemu-system, flat.s for a bare hart and Unicorn) followed by one
// workload body, assembled by Vizor's own assembler with ITERATIONS and the frame's
// switches defined. Plain C++: the suite links only the engine.
#pragma once

#include "asm/Assembler.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace speed {

inline std::string sourceDir() {
    const char* dir = std::getenv("VIZOR_SOURCE_DIR");
    return dir ? dir : VIZOR_SOURCE_DIR_DEFAULT;
}

// compute and memory run in S-mode under Sv32; kernel runs its loop in U-mode so that
// every system call is a trap into the frame's S-mode kernel.
inline const std::vector<std::string>& workloadNames() {
    static const std::vector<std::string> names = {"compute", "memory", "kernel"};
    return names;
}

inline std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The frame ("system" or "flat") and the workload, assembled; errors go to stderr and
// give nullopt.
inline std::optional<vizor::Program>
assembleWorkload(const std::string& frame, const std::string& workload, int64_t iterations) {
    const std::string dir = sourceDir() + "/tests/bench/workloads/";
    const auto frameText = readFile(dir + frame + ".s");
    const auto body = readFile(dir + "bench-" + workload + ".s");
    if (!frameText || !body) {
        std::fprintf(stderr, "cannot read %s%s.s or bench-%s.s\n", dir.c_str(), frame.c_str(),
                     workload.c_str());
        return std::nullopt;
    }
    vizor::AssemblerOptions options;
    options.fileName = frame + "+bench-" + workload + ".s";
    options.defines["ITERATIONS"] = iterations;
    if (frame == "system") options.defines[workload == "kernel" ? "USER_MODE" : "PAGING"] = 1;
    const vizor::AssemblyResult assembled = vizor::assemble(*frameText + "\n" + *body, options);
    if (!assembled.ok()) {
        for (const auto& e : assembled.errors)
            std::fprintf(stderr, "%s\n", e.format().c_str());
        return std::nullopt;
    }
    return assembled.program;
}

inline double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of this process: on a shared machine wall time also counts other programs.
inline double cpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace speed
