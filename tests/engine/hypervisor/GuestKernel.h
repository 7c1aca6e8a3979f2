// The project's guest kernel (resources/guests/), put together as its README says:
// privops.inc + kernel.s + proc.s + vm.s + console.s + balloon.s + blk.s + ulib.s +
// workloads/NAME.s
// (the assembler has no .include). Plain C++ so the suite links only the engine.
#pragma once

#include "asm/Assembler.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hvtest {

inline std::string sourceDir() {
    const char* dir = std::getenv("VIZOR_SOURCE_DIR");
    return dir ? dir : VIZOR_SOURCE_DIR_DEFAULT;
}

inline const std::vector<std::string>& workloads() {
    static const std::vector<std::string> names = {"compute", "syscalls", "pagefaults",
                                                   "mapping", "io",       "selfmodify"};
    return names;
}

// Empty when a file is missing.
inline std::string guestKernelSource(const std::string& workload) {
    const std::string dir = sourceDir() + "/resources/guests/";
    std::string source;
    for (const std::string& name :
         {std::string("privops.inc"), std::string("kernel.s"), std::string("proc.s"),
          std::string("vm.s"), std::string("console.s"), std::string("balloon.s"),
          std::string("blk.s"), std::string("ulib.s"), "workloads/" + workload + ".s"}) {
        std::ifstream in(dir + name);
        if (!in) return {};
        std::ostringstream text;
        text << in.rdbuf();
        source += text.str() + "\n";
    }
    return source;
}

} // namespace hvtest
