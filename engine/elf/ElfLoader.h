// ELF32 RISC-V executables (what `riscv64-unknown-elf-ld -m elf32lriscv` writes) read into
// the Program the machine and the hypervisors load: each PT_LOAD segment becomes a section
// at its physical address, with its .bss tail (p_memsz beyond p_filesz) as zero bytes,
// e_entry becomes the entry, and .symtab, when present, the symbol table. Anything the
// board could not run as a bare-metal image is refused with the field and its file
// offset named (engine/elf/README.md lists every check).
#pragma once

#include "asm/Program.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vizor::elf {

// Where a segment may go: the guest's RAM. The default is the board's RAM as every
// execution mode gives it to the guest (16 MiB at 0x8000_0000).
struct RamWindow {
    uint32_t base = 0x80000000u;
    uint32_t size = 16u << 20;
};

struct ElfError {
    std::string file;
    std::string field;   // "e_machine", "program header 2 p_filesz", ...
    uint64_t offset = 0; // file offset of that field
    std::string message; // what was found and what was expected
    // "file: offset 0x12 (e_machine): expected EM_RISCV (243), got 62"
    std::string format() const;
};

struct ElfLoadResult {
    std::optional<Program> program;
    ElfError error; // meaningful when !program
    bool ok() const { return program.has_value(); }
};

// True when the bytes start with the ELF magic, 0x7f 'E' 'L' 'F': how `vizor run` and the
// window tell an executable from assembly source.
bool looksLikeElf(std::string_view bytes);

ElfLoadResult loadElf(std::string_view bytes, std::string_view fileName, const RamWindow& ram = {});

} // namespace vizor::elf
