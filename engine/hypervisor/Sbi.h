// The firmware's role, played by the VMM: the SBI calls of the guest/VMM contract
// (README.md). Shared by every mode that runs the kernel without its firmware stub.
#pragma once

#include "hypervisor/VirtualCpu.h"
#include "machine/Machine.h"

#include <cstdint>
#include <functional>

namespace vizor::hv {

constexpr uint32_t kSbiTime = 0x54494D45u;  // "TIME"
constexpr uint32_t kSbiSrst = 0x53525354u;  // "SRST"
constexpr uint32_t kSbiVizor = 0x0956495Au; // vendor extension "VIZ": hypercalls (pv)
constexpr int32_t kSbiSuccess = 0;
constexpr int32_t kSbiErrNotSupported = -2;

// Serves the call in x[a7]/x[a6] with arguments from a0..; writes a0 (error) and a1.
// `setTimer` programs the absolute deadline (mtime units). system_reset writes the
// sifive_test finisher, which halts the machine.
void serveSbi(uint32_t* x, VirtualCpu& vcpu, Machine& machine,
              const std::function<void(uint64_t)>& setTimer);

} // namespace vizor::hv
