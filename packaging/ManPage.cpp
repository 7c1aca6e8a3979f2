// Writes vizor.1 from the help table in engine/cli/Help.cpp, so the man page and
// `vizor help` cannot drift apart. Run by the build; see packaging/CMakeLists.txt.
#include "cli/Help.h"

#include <fstream>
#include <iostream>

int main(int argc, char* argv[]) {
    if (argc != 2) {
        std::cerr << "usage: vizor_manpage OUTPUT.1\n";
        return 2;
    }
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    vizor::cli::printManPage(out, VIZOR_VERSION);
    out.close();
    if (!out) {
        std::cerr << "vizor_manpage: cannot write '" << argv[1] << "'\n";
        return 1;
    }
    return 0;
}
