// Field placement for the RV32 instruction formats: MATCH | operands.
#pragma once

#include <cstdint>

namespace vizor::assembler {

constexpr uint32_t u32(int64_t v) {
    return static_cast<uint32_t>(v);
}

constexpr uint32_t encodeR(uint32_t match, uint32_t rd, uint32_t rs1, uint32_t rs2) {
    return match | rd << 7 | rs1 << 15 | rs2 << 20;
}

constexpr uint32_t encodeI(uint32_t match, uint32_t rd, uint32_t rs1, int64_t imm) {
    return match | rd << 7 | rs1 << 15 | (u32(imm) & 0xfff) << 20;
}

constexpr uint32_t encodeS(uint32_t match, uint32_t rs2, uint32_t rs1, int64_t imm) {
    const uint32_t i = u32(imm);
    return match | (i & 0x1f) << 7 | rs1 << 15 | rs2 << 20 | ((i >> 5) & 0x7f) << 25;
}

constexpr uint32_t encodeB(uint32_t match, uint32_t rs1, uint32_t rs2, int64_t offset) {
    const uint32_t i = u32(offset);
    return match | ((i >> 11) & 1) << 7 | ((i >> 1) & 0xf) << 8 | rs1 << 15 | rs2 << 20 |
           ((i >> 5) & 0x3f) << 25 | ((i >> 12) & 1) << 31;
}

constexpr uint32_t encodeU(uint32_t match, uint32_t rd, int64_t imm20) {
    return match | rd << 7 | (u32(imm20) & 0xfffff) << 12;
}

constexpr uint32_t encodeJ(uint32_t match, uint32_t rd, int64_t offset) {
    const uint32_t i = u32(offset);
    return match | rd << 7 | (i & 0xff000) | ((i >> 11) & 1) << 20 | ((i >> 1) & 0x3ff) << 21 |
           ((i >> 20) & 1) << 31;
}

// Opcodes the pseudo-instructions expand to.
inline constexpr uint32_t kLui = 0x00000037u;
inline constexpr uint32_t kAuipc = 0x00000017u;
inline constexpr uint32_t kAddi = 0x00000013u;
inline constexpr uint32_t kJalr = 0x00000067u;
inline constexpr uint32_t kJal = 0x0000006fu;

} // namespace vizor::assembler
