// VMs whose vCPU is a host task (see VcpuTask.h). The vCPU task enters its guest with
// ioctl(KVM_RUN); from then on, whenever the scheduler puts it on the hart, the slice
// runs the guest through the VM's hypervisor instead of the task's own code, and the
// host's clock moves by the virtual cycles that took (one cycle is one µs, as one host
// step is). Preemption, throttling and accounting are the host scheduler's, unchanged:
// as in Linux, a vCPU thread is preempted inside KVM_RUN and resumes the guest later.
#include "host/VcpuTask.h"

#include "asm/Assembler.h"
#include "host/HostModel.h"

#include <algorithm>

namespace vizor::host {

namespace {
constexpr int kA0 = 10, kA1 = 11, kA2 = 12;
// How often the host looks for guest pages that became resident (and charges them):
// after this many guest instructions (a page cannot fill faster than it is written).
constexpr uint64_t kMemoryScanInstructions = 100'000;

constexpr const char* kVcpuLoop = R"(# The vCPU thread of a VMM: run the guest until it shuts down.
    .text
    .globl _start
_start:
    li a0, 3                # the vCPU's descriptor
    li a1, 0xAE80           # KVM_RUN
    li a2, 0
    li a7, 29               # ioctl
    ecall
    bltz a0, failed
    li t0, 24               # KVM_EXIT_SYSTEM_EVENT: the guest shut down
    bne a1, t0, _start      # any other exit: enter the guest again
    mv a0, a2               # exit with the guest's status
    li a7, 93
    ecall
failed:
    li a0, 127
    li a7, 93
    ecall
)";

uint32_t negative(int e) {
    return static_cast<uint32_t>(-e);
}

// The status the vCPU thread exits with: the guest's own, or 255 if it hung.
uint32_t guestStatus(const VcpuVm& vm) {
    if (vm.halt == HaltReason::PowerOff || vm.halt == HaltReason::Failure)
        return vm.hypervisor->machine().exitCode() & 0xff;
    return 255;
}
} // namespace

const char* vcpuLoopSource() {
    return kVcpuLoop;
}

int HostModel::startVm(const std::string& name, const Program& kernel, std::string_view mode,
                       std::string_view cgroupPath, std::string& error) {
    auto vm = std::make_unique<VcpuVm>();
    vm->name = name;
    vm->mode = std::string(mode);
    vm->hypervisor = hv::makeHypervisor(mode, hv::VmConfig{});
    if (!vm->hypervisor) {
        error = "unknown execution mode '" + vm->mode + "'";
        return -err::kEINVAL;
    }
    if (!vm->hypervisor->load(kernel, error)) return -err::kEINVAL;
    const AssemblyResult loop = assemble(kVcpuLoop, {"vcpu.s", layout::kTextBase, {}});
    const int pid = spawn(loop.program, cgroupPath);
    if (pid < 0) {
        error = "cannot start the vCPU task in " + std::string(cgroupPath) + " (errno " +
                std::to_string(-pid) + ")";
        return pid;
    }
    Pcb& vcpu = *tasks_.at(pid);
    vcpu.vm = vm.get();
    vm->vcpuPid = pid;
    vm->charged.assign(vm->hypervisor->machine().config().ramSize / kPageSize, false);
    vms_.push_back(std::move(vm));
    chargeGuestMemory(vcpu, true); // the loaded kernel image
    return pid;
}

// ioctl(fd, request): only KVM_RUN on the vCPU task's own vCPU descriptor. The call
// returns when the guest shuts down, with the exit reason in a1 and the guest's status
// in a2 (where KVM would fill in the shared struct kvm_run).
uint32_t HostModel::sysIoctl(Pcb& task, uint32_t fd, uint32_t request) {
    if (!task.vm || fd != kvm::kVcpuFd) return negative(err::kEBADF);
    if (request != kvm::kRun) return negative(err::kENOTTY);
    HartState& h = machine_.hart();
    if (task.vm->finished()) {
        h.x[kA1] = kvm::kExitSystemEvent;
        h.x[kA2] = guestStatus(*task.vm);
        return 0;
    }
    task.inGuest = true;
    machine_.requestStop(); // the host's run loop takes over and enters the guest
    return 0;
}

// One slice of the vCPU task in guest mode: the hypervisor runs the guest until the
// slice's time is used (its VMM's work counts, in the cost model's cycles) or the
// guest shuts down.
void HostModel::runGuest(Pcb& vcpu, uint64_t usec) {
    VcpuVm& vm = *vcpu.vm;
    hv::Hypervisor& hypervisor = *vm.hypervisor;
    const uint64_t start = hypervisor.virtualCycles();
    uint64_t used = 0;
    ++vm.entries;
    while (used < usec && !vm.finished()) {
        const RunResult r = hypervisor.run(usec - used);
        used = hypervisor.virtualCycles() - start;
        if (r.reason != HaltReason::InstructionLimit && r.reason != HaltReason::None)
            vm.halt = r.reason;
        else if (r.executed == 0)
            break;
    }
    used = std::max<uint64_t>(used, 1); // time always moves on
    vm.guestUsec += used;
    guestUsec_ += used;
    account(); // the slice belongs to the vCPU task and its cgroups
    chargeGuestMemory(vcpu, vm.finished());
    if (!vm.finished() || vcpu.state == TaskState::Exited) return;
    vcpu.inGuest = false; // KVM_RUN returns to the vCPU thread
    HartState& h = machine_.hart();
    h.x[kA0] = 0;
    h.x[kA1] = kvm::kExitSystemEvent;
    h.x[kA2] = guestStatus(vm);
}

// The VM's RAM is the VMM process's anonymous memory: a page is charged when the guest
// (or the VMM, for its shadow tables) first fills it. The host sees a page as filled
// once it holds a non-zero byte; a page the guest frees stays charged, as the host
// cannot tell (that is what ballooning is for). Looked at every
// kMemoryScanInstructions guest instructions and when the guest stops.
void HostModel::chargeGuestMemory(Pcb& vcpu, bool force) {
    VcpuVm& vm = *vcpu.vm;
    const uint64_t instructions = vm.hypervisor->stats().guestInstructions();
    if (!force && instructions - vm.lastScan < kMemoryScanInstructions) return;
    vm.lastScan = instructions;
    const Machine& ram = vm.hypervisor->machine();
    uint64_t fresh = 0;
    for (uint32_t page = 0; page < vm.charged.size(); ++page) {
        if (vm.charged[page]) continue;
        const uint32_t base = board::kRamBase + page * kPageSize;
        for (uint32_t offset = 0; offset < kPageSize; offset += 4) {
            if (ram.peekPhysical(base + offset, 4).value_or(0)) {
                vm.charged[page] = true;
                ++fresh;
                break;
            }
        }
    }
    if (!fresh || vcpu.state == TaskState::Exited) return;
    vm.chargedPages += fresh;
    chargePages(vcpu, fresh); // may OOM-kill the VM, as memory.max would kill its VMM
}

} // namespace vizor::host
