#include "isa/Decoder.h"

#include <array>

namespace vizor::isa {

int32_t immI(uint32_t w) {
    return static_cast<int32_t>(w) >> 20;
}

int32_t immS(uint32_t w) {
    return (static_cast<int32_t>(w & 0xfe000000u) >> 20) | static_cast<int32_t>((w >> 7) & 0x1f);
}

int32_t immB(uint32_t w) {
    return (static_cast<int32_t>(w & 0x80000000u) >> 19) | static_cast<int32_t>((w & 0x80) << 4) |
           static_cast<int32_t>((w >> 20) & 0x7e0) | static_cast<int32_t>((w >> 7) & 0x1e);
}

int32_t immU(uint32_t w) {
    return static_cast<int32_t>(w & 0xfffff000u);
}

int32_t immJ(uint32_t w) {
    return (static_cast<int32_t>(w & 0x80000000u) >> 11) | static_cast<int32_t>(w & 0xff000) |
           static_cast<int32_t>((w >> 9) & 0x800) | static_cast<int32_t>((w >> 20) & 0x7fe);
}

namespace {

// Rows grouped by the 7-bit major opcode so decoding scans a handful of rows, not all.
struct OpcodeIndex {
    std::array<std::array<uint8_t, 24>, 128> rows{};
    std::array<uint8_t, 128> counts{};

    OpcodeIndex() {
        std::size_t n = 0;
        const InstructionInfo* table = instructionTable(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto major = table[i].match & 0x7f;
            rows[major][counts[major]++] = static_cast<uint8_t>(i);
        }
    }
};

const InstructionInfo* identify(uint32_t word) {
    static const OpcodeIndex index;
    std::size_t n = 0;
    const InstructionInfo* table = instructionTable(n);
    const auto major = word & 0x7f;
    for (uint8_t k = 0; k < index.counts[major]; ++k) {
        const InstructionInfo& row = table[index.rows[major][k]];
        if ((word & row.mask) == row.match) return &row;
    }
    return nullptr;
}

int32_t immediateFor(Format format, uint32_t w) {
    switch (format) {
    case Format::I:
    case Format::Load:
    case Format::Jalr:
        return immI(w);
    case Format::Store:
        return immS(w);
    case Format::Branch:
        return immB(w);
    case Format::U:
        return immU(w);
    case Format::Jal:
        return immJ(w);
    case Format::Shift:
        return static_cast<int32_t>((w >> 20) & 0x1f);
    case Format::CsrImm:
        return static_cast<int32_t>((w >> 15) & 0x1f);
    case Format::AmoLr:
    case Format::Amo:
        return static_cast<int32_t>((w >> 25) & 0x3);
    case Format::Fence:
        return static_cast<int32_t>((w >> 20) & 0xff);
    default:
        return 0;
    }
}

} // namespace

DecodedInstruction decode(uint32_t word) {
    DecodedInstruction d;
    d.raw = word;
    const InstructionInfo* row = identify(word);
    if (!row) return d;
    d.op = row->op;
    d.rd = (word >> 7) & 0x1f;
    d.rs1 = (word >> 15) & 0x1f;
    d.rs2 = (word >> 20) & 0x1f;
    d.csr = static_cast<uint16_t>(word >> 20);
    d.imm = immediateFor(row->format, word);
    return d;
}

} // namespace vizor::isa
