#include "cli/ProgramFile.h"

#include "asm/Assembler.h"
#include "elf/ElfLoader.h"

namespace vizor::cli {

std::optional<Program> programFromFile(const std::string& path, const std::string& bytes,
                                       bool paravirt, uint32_t ramSize, std::ostream& err) {
    if (elf::looksLikeElf(bytes)) {
        elf::RamWindow ram;
        ram.size = ramSize;
        elf::ElfLoadResult loaded = elf::loadElf(bytes, path, ram);
        if (!loaded.ok()) {
            err << loaded.error.format() << "\n";
            return std::nullopt;
        }
        return std::move(*loaded.program);
    }
    AssemblerOptions options;
    options.fileName = path;
    if (paravirt) options.defines["PARAVIRT"] = 1;
    AssemblyResult assembled = assemble(bytes, options);
    if (!assembled.ok()) {
        for (const Diagnostic& d : assembled.errors)
            err << d.format() << "\n";
        return std::nullopt;
    }
    return std::move(assembled.program);
}

} // namespace vizor::cli
