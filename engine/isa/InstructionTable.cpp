#include "isa/InstructionTable.h"

#include <array>

namespace vizor::isa {
namespace {

constexpr std::array kTable = {
#define VIZOR_X(name, mnemonic, format, match, mask)                                               \
    InstructionInfo{Op::name, mnemonic, Format::format, match, mask},
    VIZOR_RV32_INSTRUCTIONS(VIZOR_X)
#undef VIZOR_X
};

} // namespace

const InstructionInfo* instructionTable(std::size_t& count) {
    count = kTable.size();
    return kTable.data();
}

const InstructionInfo* infoFor(Op op) {
    const auto index = static_cast<std::size_t>(op);
    return index < kTable.size() ? &kTable[index] : nullptr;
}

const InstructionInfo* infoFor(std::string_view mnemonic) {
    for (const auto& row : kTable)
        if (row.mnemonic == mnemonic) return &row;
    return nullptr;
}

} // namespace vizor::isa
