// Decoding a 32-bit instruction word into its operation and operand fields.
#pragma once

#include "isa/InstructionTable.h"

#include <cstdint>

namespace vizor::isa {

struct DecodedInstruction {
    Op op = Op::Illegal;
    uint8_t rd = 0;
    uint8_t rs1 = 0;
    uint8_t rs2 = 0;
    // Sign-extended immediate for I/S/B/U/J formats (U: already shifted left by 12),
    // shamt for Shift, uimm5 for CsrImm, pred<<4|succ for Fence, aq<<1|rl for AMOs.
    int32_t imm = 0;
    uint16_t csr = 0; // CSR number for Zicsr instructions
    uint32_t raw = 0;
};

DecodedInstruction decode(uint32_t word);

// Immediate extraction helpers, shared with the assembler's encoder tests.
int32_t immI(uint32_t w);
int32_t immS(uint32_t w);
int32_t immB(uint32_t w);
int32_t immU(uint32_t w);
int32_t immJ(uint32_t w);

} // namespace vizor::isa
