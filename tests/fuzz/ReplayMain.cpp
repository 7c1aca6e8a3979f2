// Replays a fuzz target's corpus: every regular file under the directories (or the files)
// named on the command line is fed to LLVMFuzzerTestOneInput once, in name order. A crash,
// a sanitizer report or a failed FUZZ_CHECK ends the process, so CTest fails; the input
// being replayed is printed first, so the failure names it. An empty corpus is a failure
// too: a replay that replays nothing would pass vacuously.
#include "FuzzTarget.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputsUnder(const fs::path& root) {
    std::vector<fs::path> files;
    if (fs::is_regular_file(root)) return {root};
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::vector<fs::path> files = inputsUnder(argv[i]);
        if (files.empty()) {
            std::fprintf(stderr, "%s: no corpus inputs found\n", argv[i]);
            return 1;
        }
        for (const fs::path& file : files) {
            std::fprintf(stderr, "replaying %s\n", file.c_str());
            std::ifstream in(file, std::ios::binary);
            const std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    std::printf("replayed %zu inputs\n", replayed);
    return replayed > 0 ? 0 : 1;
}
