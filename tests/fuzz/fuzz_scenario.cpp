// Host scenario files: every command runs against a real (small) host model, with the
// task programs shipped in resources/host, so a mutated scenario reaches cgroup writes,
// spawns and scheduling. Errors must name the file and line. Virtual time per input is
// capped by the harness (each `run` up to 50 ms, 200 ms in all) only to keep each
// execution short; the engine itself is fuzzed, not the cap.
#include "FuzzTarget.h"

#include "host/Scenario.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace {

bool loadShipped(const std::string& name, std::string& source) {
    static const std::string dir = std::string(VIZOR_SOURCE_DIR_DEFAULT) + "/resources/host/";
    // Only the shipped programs, by base name ("../spin" in a shipped scenario is "spin").
    const std::string base = name.substr(name.rfind('/') + 1);
    if (base.empty() || base.starts_with(".")) return false;
    std::ifstream in(dir + (base.ends_with(".s") ? base : base + ".s"));
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    source = text.str();
    return true;
}

// True when the input asks for more virtual time than the harness allows.
bool tooLong(std::string_view text) {
    uint64_t total = 0;
    for (std::size_t at = text.find("run"); at != std::string_view::npos;
         at = text.find("run", at + 3)) {
        std::size_t digits = at + 3;
        while (digits < text.size() && (text[digits] == ' ' || text[digits] == '\t'))
            ++digits;
        uint64_t usec = 0;
        const auto [end, ec] =
            std::from_chars(text.data() + digits, text.data() + text.size(), usec);
        if (ec == std::errc::result_out_of_range || usec > 50'000) return true;
        total += usec;
        if (total > 200'000) return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = vizor::fuzz::asText(data, size);
    if (size > 4096 || tooLong(text)) return -1; // not added to the corpus
    vizor::host::HostConfig config;
    config.ramSize = 8u << 20;
    vizor::host::HostModel host(config);
    const auto result = vizor::host::runScenario(host, text, "fuzz.txt", loadShipped);
    for (const std::string& error : result.errors)
        FUZZ_CHECK(error.starts_with("fuzz.txt:"));
    FUZZ_CHECK(!vizor::host::describeHost(host).empty());
    return 0;
}
