// System calls of host tasks, served in C++ as qemu-user serves a process's: a7 holds
// the Linux RISC-V number, a0..a5 the arguments, a0 the result (a negative errno on
// failure). The table is in README.md.
#include "host/HostModel.h"

namespace vizor::host {

namespace {
constexpr int kA0 = 10, kA1 = 11, kA7 = 17, kSp = 2;

uint32_t errno_(int e) {
    return static_cast<uint32_t>(-e);
}
} // namespace

void HostModel::syscall(Pcb& task, const TrapInfo& trap) {
    HartState& h = machine_.hart();
    h.pc = trap.pc + 4; // resume after the ecall, whatever happens to the task
    const uint32_t a0 = h.x[kA0], a1 = h.x[kA1];
    uint32_t result = 0;
    ++task.syscalls;
    switch (h.x[kA7]) {
    case sys::kWrite:
        result = sysWrite(task, a0, a1, h.x[12]);
        break;
    case sys::kExit:
    case sys::kExitGroup:
        exitTask(task, static_cast<int>(a0 & 0xff), 0);
        return;
    case sys::kGetpid:
        result = static_cast<uint32_t>(pidInNamespace(task));
        break;
    case sys::kGetppid:
        result = static_cast<uint32_t>(parentInNamespace(task));
        break;
    case sys::kIoctl:
        result = sysIoctl(task, a0, a1);
        break;
    case sys::kClone:
        result = sysClone(task, a1);
        break;
    case sys::kClone3:
        result = sysClone3(task, a0, a1);
        break;
    case sys::kOpenat:
        result = sysOpenat(task, a0, a1);
        break;
    case sys::kClose:
        result = sysClose(task, a0);
        break;
    case sys::kBrk:
        result = sysBrk(task, a0);
        break;
    case sys::kSchedYield:
        h.x[kA0] = 0;
        reschedule(SwitchReason::Yield, &task);
        return;
    case sys::kNanosleep:
        result = sysNanosleep(task, a0);
        break;
    default:
        result = errno_(err::kENOSYS);
    }
    if (task.state != TaskState::Exited) h.x[kA0] = result;
}

std::optional<uint32_t> HostModel::readUserWord(Pcb& task, uint32_t vaddr) {
    // copy_from_user: a page that is not resident is faulted in as the task would.
    if (!task.mm->translate(vaddr) && !fault(task, vaddr)) return std::nullopt;
    const auto paddr = task.mm->translate(vaddr & ~3u);
    if (!paddr) return std::nullopt;
    return machine_.peekPhysical(*paddr, 4);
}

uint32_t HostModel::sysWrite(Pcb& task, uint32_t fd, uint32_t buffer, uint32_t count) {
    if (fd != 1 && fd != 2) return errno_(err::kEBADF);
    std::string bytes;
    for (uint32_t i = 0; i < count; ++i) {
        const uint32_t va = buffer + i;
        const auto word = readUserWord(task, va);
        if (!word) return i ? i : errno_(err::kEFAULT);
        bytes += static_cast<char>(*word >> (8 * (va & 3)));
    }
    task.output += bytes;
    console_ += bytes;
    return count;
}

// brk(addr): 0 asks for the current break; pages between the start of the heap and
// the break are faulted in on first touch and charged then, as Linux does.
uint32_t HostModel::sysBrk(Pcb& task, uint32_t address) {
    AddressSpace& mm = *task.mm;
    if (address < mm.heapStart || address > layout::kHeapLimit) return mm.brk;
    const uint32_t firstGone = (address + kPageSize - 1) / kPageSize;
    const uint32_t lastOld = (mm.brk + kPageSize - 1) / kPageSize;
    for (uint32_t vpn = firstGone; vpn < lastOld; ++vpn) { // shrinking frees pages
        if (mm.resident().count(vpn)) {
            frames_.release(mm.unmap(vpn));
            uncharge(task, 1);
        }
        if (mm.swapped().erase(vpn)) {
            --task.swappedPages;
            --swapUsed_;
            for (Cgroup* g = task.cgroup; g; g = g->parent)
                --g->swapCurrent;
        }
    }
    if (firstGone < lastOld) machine_.flushTranslations();
    mm.brk = address;
    return address;
}

// nanosleep(req, rem) with the 32-bit timespec { tv_sec, tv_nsec } of the old 32-bit
// ABIs (rv32 Linux itself only has the time64 calls).
uint32_t HostModel::sysNanosleep(Pcb& task, uint32_t request) {
    const auto sec = readUserWord(task, request);
    const auto nsec = readUserWord(task, request + 4);
    if (!sec || !nsec) return errno_(err::kEFAULT);
    if (*nsec >= 1'000'000'000u) return errno_(err::kEINVAL);
    sleepFor(task, uint64_t{*sec} * 1'000'000 + *nsec / 1000);
    return 0;
}

} // namespace vizor::host
