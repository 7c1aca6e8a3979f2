// An executable as source: the text that Vizor's assembler turns back into exactly the
// memory image and entry the ELF loader read — instructions disassembled (the
// disassembler's round-trip guarantee), everything else as .word/.byte, gaps and zero
// runs as .space, symbols as labels. The window opens an ELF as this listing, so the
// editor, breakpoints and source-level stepping work on it as on any program.
#pragma once

#include "asm/Program.h"

#include <optional>
#include <string>
#include <string_view>

namespace vizor::elf {

struct Listing {
    std::optional<std::string> text;
    std::string error; // why there is none: the image cannot be written as source
};

// `program` as loadElf returns it. The listing is checked by assembling it: if its image
// or entry differ from `program`'s (a symbol name the assembler reads otherwise, say), it
// is written again without those labels, and refused if it still differs.
Listing listingOf(const Program& program, std::string_view fileName);

} // namespace vizor::elf
