// The parts of the ELF32 format (System V gABI, with the RISC-V psABI's e_flags) that the
// loader reads: field offsets inside each header, so a refusal can name where in the file
// the bad value sits.
#pragma once

#include <cstdint>

namespace vizor::elf::format {

// e_ident
constexpr uint8_t kMagic[4] = {0x7f, 'E', 'L', 'F'};
constexpr uint32_t kEiClass = 4;
constexpr uint32_t kEiData = 5;
constexpr uint32_t kEiVersion = 6;
constexpr uint8_t kElfClass32 = 1;
constexpr uint8_t kElfClass64 = 2;
constexpr uint8_t kElfData2Lsb = 1;
constexpr uint8_t kElfData2Msb = 2;
constexpr uint8_t kEvCurrent = 1;

// Elf32_Ehdr
namespace ehdr {
constexpr uint32_t kType = 16;
constexpr uint32_t kMachine = 18;
constexpr uint32_t kVersion = 20;
constexpr uint32_t kEntry = 24;
constexpr uint32_t kPhoff = 28;
constexpr uint32_t kShoff = 32;
constexpr uint32_t kFlags = 36;
constexpr uint32_t kEhsize = 40;
constexpr uint32_t kPhentsize = 42;
constexpr uint32_t kPhnum = 44;
constexpr uint32_t kShentsize = 46;
constexpr uint32_t kShnum = 48;
constexpr uint32_t kSize = 52;
} // namespace ehdr

constexpr uint16_t kEtRel = 1;
constexpr uint16_t kEtExec = 2;
constexpr uint16_t kEtDyn = 3;
constexpr uint16_t kEmRiscv = 243;
constexpr uint16_t kPnXnum = 0xffff; // e_phnum escape to extended numbering

// RISC-V psABI e_flags
constexpr uint32_t kEfRiscvRvc = 0x0001;
constexpr uint32_t kEfRiscvFloatAbi = 0x0006;
constexpr uint32_t kEfRiscvRve = 0x0008;
constexpr uint32_t kEfRiscvTso = 0x0010;

// Elf32_Phdr
namespace phdr {
constexpr uint32_t kType = 0;
constexpr uint32_t kOffset = 4;
constexpr uint32_t kPaddr = 12;
constexpr uint32_t kFilesz = 16;
constexpr uint32_t kMemsz = 20;
constexpr uint32_t kFlags = 24;
constexpr uint32_t kSize = 32;
} // namespace phdr

constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPtDynamic = 2;
constexpr uint32_t kPtInterp = 3;
constexpr uint32_t kPfX = 1;
constexpr uint32_t kPfW = 2;
constexpr uint32_t kPfR = 4;

// Elf32_Shdr
namespace shdr {
constexpr uint32_t kType = 4;
constexpr uint32_t kOffset = 16;
constexpr uint32_t kSize = 20;
constexpr uint32_t kLink = 24;
constexpr uint32_t kEntsize = 36;
constexpr uint32_t kHeaderSize = 40;
} // namespace shdr

constexpr uint32_t kShtSymtab = 2;
constexpr uint32_t kShtStrtab = 3;

// Elf32_Sym
namespace sym {
constexpr uint32_t kName = 0;
constexpr uint32_t kValue = 4;
constexpr uint32_t kInfo = 12;
constexpr uint32_t kShndx = 14;
constexpr uint32_t kSize = 16;
} // namespace sym

constexpr uint8_t kSttSection = 3;
constexpr uint8_t kSttFile = 4;
constexpr uint16_t kShnUndef = 0;

} // namespace vizor::elf::format
