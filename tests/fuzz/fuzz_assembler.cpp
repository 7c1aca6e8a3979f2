// The assembler on arbitrary text: it assembles or reports errors, each naming a line
// of the input; what it assembles disassembles without fault.
#include "FuzzTarget.h"

#include "asm/Assembler.h"
#include "isa/Disassembler.h"

#include <algorithm>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view source = vizor::fuzz::asText(data, size);
    vizor::AssemblerOptions options;
    options.fileName = "fuzz.s";
    options.defines["PARAVIRT"] = 1;
    const vizor::AssemblyResult result = vizor::assemble(source, options);
    const int lines = static_cast<int>(std::count(source.begin(), source.end(), '\n')) + 1;
    for (const vizor::Diagnostic& error : result.errors) {
        FUZZ_CHECK(!error.message.empty());
        FUZZ_CHECK(error.where.line >= 0 && error.where.line <= lines);
    }
    if (!result.ok()) return 0;
    for (const vizor::Section& section : result.program.sections)
        for (std::size_t at = 0; at + 4 <= section.bytes.size() && at < 4096; at += 4) {
            uint32_t word = 0;
            std::memcpy(&word, section.bytes.data() + at, 4);
            const uint32_t pc = section.address + static_cast<uint32_t>(at);
            FUZZ_CHECK(!vizor::isa::disassemble(word, pc, &result.program).empty());
        }
    return 0;
}
