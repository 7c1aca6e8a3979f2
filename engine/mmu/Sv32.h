// Sv32 page-table entry layout and address fields (privileged spec, section "Sv32").
#pragma once

#include <cstdint>

namespace vizor::sv32 {

constexpr uint32_t kPteV = 1u << 0;
constexpr uint32_t kPteR = 1u << 1;
constexpr uint32_t kPteW = 1u << 2;
constexpr uint32_t kPteX = 1u << 3;
constexpr uint32_t kPteU = 1u << 4;
constexpr uint32_t kPteG = 1u << 5;
constexpr uint32_t kPteA = 1u << 6;
constexpr uint32_t kPteD = 1u << 7;

constexpr uint32_t kPageSize = 4096;
constexpr unsigned kLevels = 2;

constexpr uint32_t vpn(uint32_t vaddr, int level) {
    return (vaddr >> (12 + 10 * level)) & 0x3ff;
}
// PTE.PPN is 22 bits (34-bit physical space); the board only decodes 32 of them.
constexpr uint64_t ptePpn(uint32_t pte) {
    return pte >> 10;
}

constexpr uint32_t kSatpModeSv32 = 1u << 31;
constexpr uint32_t satpAsid(uint32_t satp) {
    return (satp >> 22) & 0x1ff;
}
constexpr uint32_t satpPpn(uint32_t satp) {
    return satp & 0x3fffff;
}

} // namespace vizor::sv32
