// Instruction words back to assembler text that the embedded assembler turns into the
// same word again when assembled at the same pc (the round-trip guarantee the tests
// check for every row of the instruction table).
//
// Text conventions: ABI register names, CSR names where the CSR has one (else a hex
// number), the common aliases GNU objdump prints (nop, li, mv, j, ret, beqz, csrr ...),
// and pc-relative targets as absolute hex addresses ("beq a0, a1, 0x80000010"): the
// assembler subtracts the pc again, so the address is both readable and exact. With a
// Program, targets that hit a symbol print as "loop" or "loop+8" instead; those
// assemble back within that program. Words that are not instructions of the table, or
// use encodings the assembler cannot produce (e.g. fence.tso, nonzero reserved fields),
// print as ".word 0x........".
#pragma once

#include <cstdint>
#include <string>

namespace vizor {
struct Program;
}

namespace vizor::isa {

std::string disassemble(uint32_t word, uint32_t pc);
std::string disassemble(uint32_t word, uint32_t pc, const vizor::Program* program);

} // namespace vizor::isa
