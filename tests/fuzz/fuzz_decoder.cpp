// The decoder and disassembler on arbitrary instruction words, checked against the
// assembler: every word the disassembler prints as an instruction (not ".word") must
// assemble back, at the same pc, to exactly the same word — the round-trip guarantee of
// isa/Disassembler.h, here for every word the fuzzer reaches rather than one per table row.
#include "FuzzTarget.h"

#include "asm/Assembler.h"
#include "isa/Decoder.h"
#include "isa/Disassembler.h"

#include <cstring>
#include <string>

namespace {

constexpr uint32_t kPc = 0x80000000u;

void roundTrip(uint32_t word) {
    const vizor::isa::DecodedInstruction decoded = vizor::isa::decode(word);
    FUZZ_CHECK(decoded.raw == word);
    FUZZ_CHECK(decoded.rd < 32 && decoded.rs1 < 32 && decoded.rs2 < 32);
    const std::string text = vizor::isa::disassemble(word, kPc);
    FUZZ_CHECK(!text.empty());
    if (text.starts_with(".word")) return;
    const vizor::AssemblyResult again = vizor::assemble(text + "\n");
    if (!again.ok()) {
        std::fprintf(stderr, "0x%08x -> '%s' does not assemble: %s\n", word, text.c_str(),
                     again.errors.front().format().c_str());
        FUZZ_CHECK(again.ok());
    }
    const std::vector<uint8_t>& bytes = again.program.sections.front().bytes;
    uint32_t back = 0;
    if (bytes.size() >= 4) std::memcpy(&back, bytes.data(), 4);
    if (bytes.size() != 4 || back != word) {
        std::fprintf(stderr, "0x%08x -> '%s' -> 0x%08x (%zu bytes)\n", word, text.c_str(), back,
                     bytes.size());
        FUZZ_CHECK(bytes.size() == 4 && back == word);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    for (size_t at = 0; at + 4 <= size && at < 64; at += 4) {
        uint32_t word = 0;
        std::memcpy(&word, data + at, 4);
        roundTrip(word);
    }
    return 0;
}
