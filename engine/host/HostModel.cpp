#include "host/HostModel.h"

#include "asm/Assembler.h"
#include "host/VcpuTask.h"

#include <algorithm>

namespace vizor::host {

namespace {
// What pid 0 runs when no task can: it asks the host how long nothing will happen
// (a0 loop rounds of two steps), waits that long, and asks again. So a task that wakes
// while the hart idles runs at once, not at the next tick.
constexpr const char* kIdleLoop = R"(
idle:
    li a7, 124
    ecall
wait:
    addi a0, a0, -1
    bnez a0, wait
    j idle
)";
constexpr uint32_t kFirstTaskFrame = board::kRamBase + (1u << 20); // 1 MiB kept for the host

MachineConfig machineConfig(const HostConfig& config) {
    MachineConfig m;
    m.ramSize = config.ramSize;
    return m;
}
} // namespace

HostModel::HostModel(const HostConfig& config)
    : config_(config), machine_(machineConfig(config)),
      frames_(kFirstTaskFrame, (config.ramSize - (1u << 20)) / kPageSize) {
    machine_.load(Program{});
    machine_.setTrapHandler(this);
    // The idle task, pid 0 as in Linux: owns no cgroup charge and spins in U-mode.
    Pcb& idle = newTask(cgroups_.root(), 0);
    cgroups_.detach(0, cgroups_.root());
    idle.mm->mapNew(layout::kTextBase >> 12, 0);
    const AssemblyResult loop = assemble(kIdleLoop, {"idle.s", layout::kTextBase, {}});
    const std::vector<uint8_t>& code = loop.program.sections.at(0).bytes;
    for (uint32_t i = 0; i < code.size(); ++i)
        machine_.pokePhysical(*idle.mm->translate(layout::kTextBase + i), code[i], 1);
    switchTo(idle, SwitchReason::Start);
}

HostModel::~HostModel() {
    machine_.setTrapHandler(nullptr);
}

// The hart's steps on host tasks plus the time it spent inside guests (VcpuTask.cpp).
uint64_t HostModel::now() const {
    return machine_.hart().steps + guestUsec_;
}

Pcb& HostModel::newTask(Cgroup& group, int ppid) {
    auto task = std::make_unique<Pcb>();
    task->pid = tasks_.empty() ? 0 : nextPid_++;
    task->ppid = ppid;
    task->cgroup = &group;
    task->mm = std::make_unique<AddressSpace>(machine_, frames_);
    task->context.pc = layout::kTextBase;
    task->context.x[2] = layout::kStackTop; // sp
    task->context.satp = task->mm->satp(static_cast<uint32_t>(task->pid));
    Pcb& ref = *task;
    tasks_[ref.pid] = std::move(task);
    cgroups_.attach(ref.pid, group);
    return ref;
}

int HostModel::spawn(const Program& program, std::string_view cgroupPath, PidNamespace* pidns) {
    Cgroup* group = cgroups_.find(cgroupPath);
    if (!group) return -err::kENOENT;
    if (!cgroups_.canAttach(*group).ok()) return -err::kEBUSY;
    for (Cgroup* g = group; g; g = g->parent)
        if (g->has(kPids) && g->pidsCurrent + 1 > g->pidsMax) return -err::kEAGAIN;
    Pcb& task = newTask(*group, 0);
    if (pidns) {
        task.pidns = pidns;
        task.nsPid = pidns->nextPid++;
    }
    for (Cgroup* g = group; g; g = g->parent)
        ++g->pidsCurrent;
    if (!task.mm->valid() || !loadProgram(task, program)) {
        exitTask(task, 0, 9);
        return -err::kENOMEM;
    }
    task.context.pc = program.entry;
    place(task);
    return task.pid;
}

// Saves the hart into the current task's PCB and loads the next task's, as a kernel's
// switch_to does; the register payload goes into a side table the event indexes.
void HostModel::switchTo(Pcb& next, SwitchReason reason) {
    ContextSwitchRecord record;
    record.time = now();
    record.reason = reason;
    HartState& hart = machine_.hart();
    if (current_ >= 0) {
        Pcb& prev = currentTask();
        std::copy(std::begin(hart.x), std::end(hart.x), prev.context.x);
        prev.context.x[0] = 0;
        prev.context.pc = hart.pc;
        prev.context.satp = hart.csr.satp;
        record.prevPid = prev.pid;
        record.saved = prev.context;
    }
    // The idle task resumes by asking for the next event again (its a0 is a wait count).
    if (next.pid == 0) next.context.x[10] = 1;
    std::copy(std::begin(next.context.x), std::end(next.context.x), hart.x);
    hart.pc = next.context.pc;
    hart.priv = Privilege::User;
    machine_.writeCsr(0x180, next.context.satp); // satp: the next address space
    record.nextPid = next.pid;
    record.restored = next.context;
    current_ = next.pid;
    sliceStart_ = now();
    switches_.push_back(record);
    emit(EventType::ContextSwitch, static_cast<uint32_t>(switches_.size() - 1),
         static_cast<uint32_t>(record.prevPid), static_cast<uint32_t>(next.pid),
         static_cast<uint32_t>(reason));
}

void HostModel::exitTask(Pcb& task, int code, int signal) {
    if (task.state == TaskState::Exited) return;
    task.state = TaskState::Exited;
    task.inGuest = false; // a killed vCPU task takes its VM with it
    task.exitCode = code;
    task.killedBySignal = signal;
    releaseMemory(task);
    for (Cgroup* g = task.cgroup; g; g = g->parent)
        --g->pidsCurrent;
    cgroups_.detach(task.pid, *task.cgroup);
    task.exitedFrom = task.cgroup->path();
    task.cgroup = nullptr; // the group may be removed once empty
}

void HostModel::emit(EventType type, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    const HartState& h = machine_.hart();
    Event e;
    e.cycle = h.cycle + guestUsec_; // host time goes on while a guest runs
    e.instret = h.instret;
    e.pc = h.pc;
    e.type = type;
    e.priv = static_cast<uint8_t>(h.priv);
    e.a = a;
    e.b = b;
    e.c = c;
    e.d = d;
    machine_.events().publish(e);
}

WriteResult HostModel::writeFile(std::string_view path, std::string_view file,
                                 std::string_view value) {
    Cgroup* group = cgroups_.find(path);
    if (!group) return {err::kENOENT, "no such cgroup"};
    if (file != "cgroup.procs") {
        WriteResult r = cgroups_.write(path, file, value);
        // A new bandwidth setting starts a fresh period now.
        if (r.ok() && file == "cpu.max") group->periodStart = now();
        return r;
    }
    int pid = 0;
    try {
        pid = std::stoi(std::string(value));
    } catch (...) {
        return {err::kEINVAL, "expected a pid"};
    }
    auto it = tasks_.find(pid);
    if (pid == 0 || it == tasks_.end() || it->second->state == TaskState::Exited)
        return {err::kESRCH, "no such process"};
    WriteResult r = cgroups_.canAttach(*group);
    if (!r.ok()) return r;
    Pcb& task = *it->second;
    // The pids charge moves with the process; memory stays charged where it was
    // allocated, as in Linux (memory is not migrated by default in v2).
    for (Cgroup* g = task.cgroup; g; g = g->parent)
        --g->pidsCurrent;
    for (Cgroup* g = group; g; g = g->parent)
        ++g->pidsCurrent;
    cgroups_.detach(pid, *task.cgroup);
    cgroups_.attach(pid, *group);
    task.cgroup = group;
    if (task.state == TaskState::Runnable) place(task);
    return {};
}

std::optional<std::string> HostModel::readFile(std::string_view path, std::string_view file) const {
    return cgroups_.read(path, file);
}

const Pcb* HostModel::task(int pid) const {
    auto it = tasks_.find(pid);
    return it == tasks_.end() ? nullptr : it->second.get();
}

std::vector<int> HostModel::pids() const {
    std::vector<int> all;
    for (const auto& [pid, t] : tasks_)
        if (pid) all.push_back(pid);
    return all;
}

// Every trap from a task lands here first: system calls, page faults and faults that
// kill the task. Nothing is delivered to a guest vector: there is no guest kernel.
bool HostModel::handleTrap(Machine&, const TrapInfo& trap) {
    if (trap.interrupt() || trap.priv != Privilege::User || current_ < 0) return false;
    account(); // the time up to the trap belongs to this task, whatever happens next
    Pcb& task = currentTask();
    if (task.pid == 0) {
        idleTrap(trap);
        return true;
    }
    if (trap.cause == 8) {
        syscall(task, trap);
    } else if (trap.cause == 12 || trap.cause == 13 || trap.cause == 15) {
        if (!fault(task, trap.tval) && task.state != TaskState::Exited) exitTask(task, 0, 11);
    } else {
        exitTask(task, 0, trap.cause == 2 ? 4 : 11); // SIGILL or SIGSEGV (SIGBUS)
    }
    if (task.state == TaskState::Exited)
        reschedule(SwitchReason::Exit);
    else if (task.state == TaskState::Sleeping)
        reschedule(SwitchReason::Sleep);
    return true;
}

} // namespace vizor::host
