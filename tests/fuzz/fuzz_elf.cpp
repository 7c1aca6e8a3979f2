// ELF executables (engine/elf): any bytes are read into a Program or refused with one
// error naming the file, a field and an offset inside the file. What is read keeps the
// loader's promises — every segment inside the RAM window, none overlapping, the entry
// inside one — and then runs a few thousand steps on a machine of that RAM size.
#include "FuzzTarget.h"

#include "elf/ElfLoader.h"
#include "machine/Machine.h"

#include <algorithm>

namespace {

constexpr uint32_t kRamBase = 0x80000000u;
constexpr uint32_t kRamSize = 1u << 20; // small, so a huge .bss costs little per input

void checkProgram(const vizor::Program& program) {
    uint64_t previousEnd = kRamBase;
    bool entryInside = false;
    for (const vizor::Section& s : program.sections) {
        FUZZ_CHECK(!s.bytes.empty());
        FUZZ_CHECK(s.address >= previousEnd); // sorted, apart
        previousEnd = uint64_t{s.address} + s.bytes.size();
        FUZZ_CHECK(previousEnd <= uint64_t{kRamBase} + kRamSize);
        entryInside = entryInside || program.entry - s.address < s.bytes.size();
    }
    FUZZ_CHECK(entryInside);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = vizor::fuzz::asText(data, size);
    vizor::elf::RamWindow ram;
    ram.base = kRamBase;
    ram.size = kRamSize;
    const vizor::elf::ElfLoadResult result = vizor::elf::loadElf(bytes, "fuzz.elf", ram);
    if (!vizor::elf::looksLikeElf(bytes))
        FUZZ_CHECK(!result.ok() && result.error.field == "e_ident[EI_MAG]");
    if (!result.ok()) {
        FUZZ_CHECK(!result.error.field.empty() && !result.error.message.empty());
        // The field is in the file, or the file is too short to hold the ELF header.
        FUZZ_CHECK(result.error.offset < std::max<std::size_t>(size, 52));
        FUZZ_CHECK(result.error.format().starts_with("fuzz.elf: offset 0x"));
        return 0;
    }
    checkProgram(*result.program);
    vizor::MachineConfig config;
    config.ramSize = kRamSize;
    vizor::Machine machine(config);
    machine.load(*result.program);
    machine.run(5000);
    return 0;
}
