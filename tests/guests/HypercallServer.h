// A stand-in for the hypervisor's paravirtual interface, just enough to run the
// PARAVIRT guest kernel in the tests: the kernel runs in real S-mode (entered through
// its own firmware stub), and every `ecall` with a7 = the VIZ extension is served here
// in C++ through Machine's trap-handler hook, on the real CSRs. It checks the kernel's
// side of the contract (resources/guests/README.md); it is not the hypervisor: no
// deprivileging, no shadow or validated page tables, no cost model.
#pragma once

#include "machine/Machine.h"

#include <cstdint>
#include <string>

namespace guests {

class HypercallServer : public vizor::TrapHandler {
public:
    // Where the kernel keeps its transmit virtqueue (VIRTQ_PA in kernel.s).
    static constexpr uint32_t kVirtqueue = 0x80130000u;

    bool handleTrap(vizor::Machine& machine, const vizor::TrapInfo& trap) override;

    std::string console;         // bytes the guest sent through the virtio console
    unsigned hypercalls = 0;     // every VIZ ecall
    unsigned mmuUpdateCalls = 0; // MMU_UPDATE hypercalls ...
    unsigned pteUpdates = 0;     // ... and the page-table entries they carried
    unsigned kicks = 0;          // CONSOLE_KICK
    unsigned trapReturns = 0;    // TRAP_RETURN
    unsigned unknown = 0;        // function ids or CSRs the contract does not have
    uint16_t usedIndex = 0;      // the used ring's index, as the back end advanced it

private:
    uint32_t csrRead(vizor::Machine& m, uint32_t csr);
    void mmuUpdate(vizor::Machine& m);
    void trapReturn(vizor::Machine& m);
    void consoleKick(vizor::Machine& m);
    uint16_t lastAvail_ = 0;
};

} // namespace guests
