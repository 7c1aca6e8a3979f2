// A program as the command line takes it: an ELF32 RISC-V executable, recognised by its
// magic whatever its name, or assembly source for the built-in assembler.
#pragma once

#include "asm/Program.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace vizor::cli {

// Errors go to `err`, each naming the file: `file:line:col: ...` for source,
// `file: offset 0x.. (field): ...` for an executable. `paravirt` defines PARAVIRT for
// source (the pv build); an executable runs as it was linked. Segments must fit in
// `ramSize` bytes of guest RAM at 0x8000_0000.
std::optional<Program> programFromFile(const std::string& path, const std::string& bytes,
                                       bool paravirt, uint32_t ramSize, std::ostream& err);

} // namespace vizor::cli
