#include "hypervisor/Sbi.h"

#include "machine/Machine.h"

namespace vizor::hv {

void serveSbi(uint32_t* x, VirtualCpu& vcpu, Machine& machine,
              const std::function<void(uint64_t)>& setTimer) {
    uint32_t& a0 = x[10];
    uint32_t& a1 = x[11];
    const uint32_t eid = x[17], fid = x[16];
    machine.emitEvent(EventType::SbiCall, eid, fid);
    if (eid == kSbiTime && fid == 0) {
        vcpu.setTimerPending(false); // set_timer clears the pending supervisor timer
        setTimer(uint64_t{a1} << 32 | a0);
        a0 = kSbiSuccess;
        a1 = 0;
        return;
    }
    if (eid == kSbiSrst && fid == 0) {
        const bool failure = a1 != 0;
        machine.busWrite(board::kTestFinisherBase, failure ? (0x3333u | 1u << 16) : 0x5555u, 4);
        a0 = kSbiSuccess;
        return;
    }
    a0 = static_cast<uint32_t>(kSbiErrNotSupported);
}

} // namespace vizor::hv
