// The embedded assembler: GNU-as compatible syntax for the RV32IMA + Zicsr + Zifencei
// subset the guest uses. The assembler is also the linker: it places sections itself.
//
// Layout: .text comes first at AssemblerOptions::baseAddress; every other section follows
// in order of first appearance, each starting at the next 16-byte boundary after the
// previous one ends. Symbols are resolved by repeating passes until every symbol keeps
// its value, so forward references work everywhere (also in .equ, .space and li).
//
// Encodings are those of GNU as (rv32, -mno-relax, linked with --no-relax), checked
// byte for byte by tests/engine/asm: the same pseudo-instruction expansions (li, la,
// call, tail ...), the same code padding for .align, and the same treatment of a
// conditional branch to an out-of-reach label (inverse branch over a jal). Known
// differences: a branch to a *number* is encoded directly (GNU would always expand it),
// and a section is not padded at its end up to its alignment.
#pragma once

#include "asm/Program.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vizor {

struct AssemblerOptions {
    std::string fileName = "input.s";
    uint32_t baseAddress = 0x80000000u;
    // Symbols defined before the first line, as if by `.equ NAME, value` (e.g. PARAVIRT=1).
    std::map<std::string, int64_t> defines;
};

struct AssemblyResult {
    Program program;
    std::vector<Diagnostic> errors; // at most kMaxErrors (+1 "too many errors" note)
    bool ok() const { return errors.empty(); }
};

AssemblyResult assemble(std::string_view source, const AssemblerOptions& options = {});

} // namespace vizor
