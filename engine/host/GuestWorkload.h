// One workload for every level: a user program of the guest kernel
// (resources/guests: ulib.s + workloads/NAME.s) assembled once, inside the kernel
// image a VM boots, and the very same bytes of its user image started as a host task
// (a bare process or a container's), whose system calls the host model serves.
// The user image needs no kernel: it is position-independent and uses Linux's system
// call numbers (write, exit, getpid, sched_yield); the guest kernel's own call
// `count` (500) is answered -ENOSYS by the host and its result is not used.
#pragma once

#include "asm/Program.h"

#include <functional>
#include <optional>
#include <string>

namespace vizor::host {

struct GuestWorkload {
    std::string name;
    Program kernel;         // the guest kernel with this workload (native build)
    Program paravirtKernel; // the same with PARAVIRT defined (for the pv mode)
    Program hostProgram;    // the kernel's user image at 0x10000 plus a host start-up stub
    std::size_t imageBytes = 0;

    const Program& kernelFor(std::string_view mode) const {
        return mode == "pv" ? paravirtKernel : kernel;
    }
};

// Reads a file of the guest kernel's directory by name ("kernel.s", "workloads/io.s").
using GuestSourceReader = std::function<bool(const std::string& name, std::string& text)>;

// Builds the kernel as resources/guests/README.md says (privops.inc kernel.s proc.s vm.s
// console.s ulib.s workloads/NAME.s) and takes its user image out of it.
std::optional<GuestWorkload> buildGuestWorkload(const std::string& workload,
                                                const GuestSourceReader& read, std::string& error);

} // namespace vizor::host
