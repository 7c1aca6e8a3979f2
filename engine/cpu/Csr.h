// CSR numbers and mstatus/mip bit fields (privileged spec 1.12 names).
#pragma once

#include <cstdint>

namespace vizor::csr {

enum : uint16_t {
    kSstatus = 0x100,
    kSie = 0x104,
    kStvec = 0x105,
    kScounteren = 0x106,
    kSenvcfg = 0x10a,
    kSscratch = 0x140,
    kSepc = 0x141,
    kScause = 0x142,
    kStval = 0x143,
    kSip = 0x144,
    kSatp = 0x180,
    kMstatus = 0x300,
    kMisa = 0x301,
    kMedeleg = 0x302,
    kMideleg = 0x303,
    kMie = 0x304,
    kMtvec = 0x305,
    kMcounteren = 0x306,
    kMenvcfg = 0x30a,
    kMstatush = 0x310,
    kMenvcfgh = 0x31a,
    kMcountinhibit = 0x320,
    kMhpmevent3 = 0x323,
    kMhpmevent31 = 0x33f,
    kMscratch = 0x340,
    kMepc = 0x341,
    kMcause = 0x342,
    kMtval = 0x343,
    kMip = 0x344,
    kPmpcfg0 = 0x3a0,
    kPmpcfg3 = 0x3a3,
    kPmpaddr0 = 0x3b0,
    kPmpaddr15 = 0x3bf,
    kMcycle = 0xb00,
    kMinstret = 0xb02,
    kMhpmcounter3 = 0xb03,
    kMhpmcounter31 = 0xb1f,
    kMcycleh = 0xb80,
    kMinstreth = 0xb82,
    kMhpmcounter3h = 0xb83,
    kMhpmcounter31h = 0xb9f,
    kCycle = 0xc00,
    kTime = 0xc01,
    kInstret = 0xc02,
    kHpmcounter31 = 0xc1f,
    kCycleh = 0xc80,
    kTimeh = 0xc81,
    kInstreth = 0xc82,
    kHpmcounter31h = 0xc9f,
    kMvendorid = 0xf11,
    kMarchid = 0xf12,
    kMimpid = 0xf13,
    kMhartid = 0xf14,
    kMconfigptr = 0xf15,
};

// mstatus fields.
constexpr uint32_t kSIE = 1u << 1;
constexpr uint32_t kMIE = 1u << 3;
constexpr uint32_t kSPIE = 1u << 5;
constexpr uint32_t kMPIE = 1u << 7;
constexpr uint32_t kSPP = 1u << 8;
constexpr uint32_t kMPPShift = 11;
constexpr uint32_t kMPP = 3u << kMPPShift;
constexpr uint32_t kMPRV = 1u << 17;
constexpr uint32_t kSUM = 1u << 18;
constexpr uint32_t kMXR = 1u << 19;
constexpr uint32_t kTVM = 1u << 20;
constexpr uint32_t kTW = 1u << 21;
constexpr uint32_t kTSR = 1u << 22;

constexpr uint32_t kMstatusWritable =
    kSIE | kMIE | kSPIE | kMPIE | kSPP | kMPP | kMPRV | kSUM | kMXR | kTVM | kTW | kTSR;
constexpr uint32_t kSstatusMask = kSIE | kSPIE | kSPP | kSUM | kMXR;

// Interrupt numbers (mcause without the interrupt bit) and mip/mie bits.
enum : uint32_t {
    kIrqSSoft = 1,
    kIrqMSoft = 3,
    kIrqSTimer = 5,
    kIrqMTimer = 7,
    kIrqSExt = 9,
    kIrqMExt = 11
};
constexpr uint32_t kSSIP = 1u << kIrqSSoft;
constexpr uint32_t kMSIP = 1u << kIrqMSoft;
constexpr uint32_t kSTIP = 1u << kIrqSTimer;
constexpr uint32_t kMTIP = 1u << kIrqMTimer;
constexpr uint32_t kSEIP = 1u << kIrqSExt;
constexpr uint32_t kMEIP = 1u << kIrqMExt;
constexpr uint32_t kSupervisorInterrupts = kSSIP | kSTIP | kSEIP;
constexpr uint32_t kAllInterrupts = kSupervisorInterrupts | kMSIP | kMTIP | kMEIP;
// Exceptions that medeleg can delegate (no environment call from M, none of H's).
constexpr uint32_t kDelegableExceptions = 0xb3ffu;

// Exception causes.
enum : uint32_t {
    kInstructionMisaligned = 0,
    kInstructionAccessFault = 1,
    kIllegalInstruction = 2,
    kBreakpoint = 3,
    kLoadMisaligned = 4,
    kLoadAccessFault = 5,
    kStoreMisaligned = 6,
    kStoreAccessFault = 7,
    kEcallFromU = 8,
    kEcallFromS = 9,
    kEcallFromM = 11,
    kInstructionPageFault = 12,
    kLoadPageFault = 13,
    kStorePageFault = 15,
};
constexpr uint32_t kInterruptBit = 1u << 31;

} // namespace vizor::csr
