// CSR numbers, hstatus fields and exception causes of the RISC-V hypervisor extension
// (privileged spec 1.12, chapter "Hypervisor Extension"): the documented subset Vizor
// models. Kept apart from Csr.h so that the base machine does not change.
#pragma once

#include <cstdint>

namespace vizor::hcsr {

enum : uint16_t {
    kVsstatus = 0x200,
    kVsie = 0x204,
    kVstvec = 0x205,
    kVsscratch = 0x240,
    kVsepc = 0x241,
    kVscause = 0x242,
    kVstval = 0x243,
    kVsip = 0x244,
    kVsatp = 0x280,
    kHstatus = 0x600,
    kHedeleg = 0x602,
    kHideleg = 0x603,
    kHie = 0x604,
    kHgeie = 0x607,
    kHtval = 0x643,
    kHip = 0x644,
    kHvip = 0x645,
    kHtinst = 0x64a,
    kHgatp = 0x680,
};

// hstatus fields (RV32).
constexpr uint32_t kGVA = 1u << 6;  // htval/stval hold a guest virtual address
constexpr uint32_t kSPV = 1u << 7;  // V before the last trap into HS; sret returns to it
constexpr uint32_t kSPVP = 1u << 8; // privilege of that trapped virtual mode (1 = VS)
constexpr uint32_t kHU = 1u << 9;
constexpr uint32_t kVTVM = 1u << 20; // sfence.vma / satp in VS -> virtual instruction
constexpr uint32_t kVTW = 1u << 21;  // wfi in VS -> virtual instruction
constexpr uint32_t kVTSR = 1u << 22; // sret in VS -> virtual instruction
constexpr uint32_t kHstatusWritable = kGVA | kSPV | kSPVP | kHU | kVTVM | kVTW | kVTSR;

// mstatus fields the extension adds (mstatush on RV32 holds MPV and GVA).
constexpr uint32_t kMstatushMPV = 1u << 7;
constexpr uint32_t kMstatushGVA = 1u << 6;

// VS-level interrupts: bits of hip/hie/hvip (hideleg delegates them to VS, where they
// appear as the ordinary supervisor bits of vsip/vsie, shifted down by one).
enum : uint32_t { kIrqVSSoft = 2, kIrqVSTimer = 6, kIrqVSExt = 10 };
constexpr uint32_t kVSSIP = 1u << kIrqVSSoft;
constexpr uint32_t kVSTIP = 1u << kIrqVSTimer;
constexpr uint32_t kVSEIP = 1u << kIrqVSExt;
constexpr uint32_t kVsInterrupts = kVSSIP | kVSTIP | kVSEIP;

// Exception causes the extension adds.
enum : uint32_t {
    kEcallFromVS = 10,
    kInstructionGuestPageFault = 20,
    kLoadGuestPageFault = 21,
    kVirtualInstruction = 22,
    kStoreGuestPageFault = 23,
};

// hgatp (RV32): MODE bit 31 (1 = Sv32x4), VMID bits 28:22, PPN bits 21:0.
constexpr uint32_t kHgatpModeSv32x4 = 1u << 31;
constexpr uint32_t hgatpVmid(uint32_t hgatp) {
    return (hgatp >> 22) & 0x7f;
}
constexpr uint32_t hgatpPpn(uint32_t hgatp) {
    return hgatp & 0x3fffff;
}

} // namespace vizor::hcsr
