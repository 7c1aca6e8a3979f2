// A small Linux-like host: tasks are real RV32 user programs running in U-mode on a
// vizor::Machine, each with its own Sv32 address space; their system calls and page
// faults reach the host model through Machine::setTrapHandler, as a qemu-user process's
// system calls reach qemu. A CFS-like scheduler shares the hart among tasks by cgroup v2
// cpu.weight and cpu.max; the memory and pids controllers charge and limit what tasks
// allocate. See README.md for the system calls, the time model and the layout.
#pragma once

#include "asm/Program.h"
#include "host/AddressSpace.h"
#include "host/CgroupTree.h"
#include "machine/Machine.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vizor::host {

// Linux RISC-V system call numbers (asm-generic/unistd.h) the host model serves.
namespace sys {
constexpr uint32_t kWrite = 64;
constexpr uint32_t kExit = 93;
constexpr uint32_t kExitGroup = 94;
constexpr uint32_t kNanosleep = 101;
constexpr uint32_t kSchedYield = 124;
constexpr uint32_t kGetpid = 172;
constexpr uint32_t kGetppid = 173;
constexpr uint32_t kBrk = 214;
constexpr uint32_t kClone = 220;
constexpr uint32_t kOpenat = 56;
constexpr uint32_t kClose = 57;
constexpr uint32_t kClone3 = 435;
constexpr uint32_t kIoctl = 29;
} // namespace sys

// The KVM interface a vCPU task uses (linux/kvm.h): ioctl(vcpu_fd, KVM_RUN, 0).
namespace kvm {
constexpr uint32_t kRun = 0xAE80;         // _IO(KVMIO, 0x80)
constexpr uint32_t kExitSystemEvent = 24; // KVM_EXIT_SYSTEM_EVENT: the guest shut down
constexpr int kVcpuFd = 3;                // the vCPU task's descriptor of its vCPU
} // namespace kvm

struct VcpuVm;

// A PID namespace (pid_namespaces(7)) one level below the host's: its tasks see pids
// numbered from 1 (getpid, getppid), the host sees their global pids.
struct PidNamespace {
    std::string name;
    int nextPid = 1;
};

// A container: processes in a cgroup with their own PID namespace, on the host kernel.
struct Container {
    std::string name;
    std::string cgroupPath;
    PidNamespace* pidns = nullptr;
};

enum class TaskState : uint8_t { Runnable, Sleeping, Exited };

// What a context switch saves and restores: x1..x31 (x[0] is always 0), pc and satp.
struct SavedContext {
    uint32_t x[32] = {};
    uint32_t pc = 0;
    uint32_t satp = 0;
    bool operator==(const SavedContext&) const = default;
};

// The process control block; apart from its address space, copied whole by snapshots.
struct PcbState {
    int pid = 0;
    int ppid = 0;
    TaskState state = TaskState::Runnable;
    SavedContext context; // valid while the task is not on the hart
    Cgroup* cgroup = nullptr;
    uint64_t cpuTimeUsec = 0;
    uint64_t vruntime = 0;                        // CFS virtual runtime in its run queue
    uint64_t wakeAt = 0;                          // while Sleeping
    uint64_t residentPages = 0, swappedPages = 0; // the memory charge
    int exitCode = 0;
    int killedBySignal = 0;            // 9 OOM kill, 11 segfault, 4 illegal instruction
    std::string output;                // bytes it wrote to fd 1 and 2
    std::string exitedFrom;            // the cgroup it was in when it exited
    std::map<int, uint32_t> cgroupFds; // open cgroup directories: fd -> cgroup id
    PidNamespace* pidns = nullptr;     // nullptr: the host's (initial) namespace
    int nsPid = 0;                     // the pid its own namespace knows it by
    uint64_t instructions = 0;         // instructions it retired on the hart
    uint64_t syscalls = 0;
    VcpuVm* vm = nullptr; // a vCPU task: the VM whose vCPU it is
    bool inGuest = false; // inside KVM_RUN: its time slices run the guest
};

struct Pcb : PcbState {
    std::unique_ptr<AddressSpace> mm;
};

struct HostSnapshot;
using HostSnapshotPtr = std::shared_ptr<const HostSnapshot>;

enum class SwitchReason : uint8_t { Preempt, Yield, Sleep, Exit, Throttle, Start };

struct ContextSwitchRecord {
    uint64_t time = 0; // virtual µs
    int prevPid = -1, nextPid = 0;
    SwitchReason reason = SwitchReason::Preempt;
    SavedContext saved;    // prev's registers as saved into its PCB
    SavedContext restored; // next's registers as loaded from its PCB
};

struct HostConfig {
    uint32_t ramSize = 32u << 20;
    uint32_t sliceUsec = 3000;      // time slice before the scheduler looks again
    uint32_t tickUsec = 1000;       // scheduler tick (HZ=1000): wake-ups are seen by then
    uint64_t swapPages = 8192;      // host swap space (32 MiB)
    uint32_t swapOutUsec = 20;      // reclaim cost per page, paid by the charging task
    uint32_t swapInUsec = 50;       // a major fault's wait for the swap device
    uint32_t highPenaltyUsec = 200; // memory.high overage penalty per page still above
};

class HostModel : public TrapHandler {
public:
    explicit HostModel(const HostConfig& config = {});
    ~HostModel() override;

    // Start a program (assembled at layout::kTextBase) as a new task in a cgroup;
    // returns its pid, or a negative errno (-EAGAIN at pids.max, -ENOMEM, -ENOENT).
    int spawn(const Program& program, std::string_view cgroupPath, PidNamespace* pidns = nullptr);

    // Containers (Namespaces.cpp): a cgroup that must exist and a new PID namespace.
    WriteResult createContainer(const std::string& name, std::string_view cgroupPath);
    const Container* container(std::string_view name) const;
    const std::vector<Container>& containers() const { return containers_; }
    int spawnInContainer(const Program& program, std::string_view name);
    // The pid a task sees for itself: its namespace's number.
    static int pidInNamespace(const Pcb& task) { return task.pidns ? task.nsPid : task.pid; }
    // getppid: the parent's pid in the task's namespace, 0 if the parent is outside it.
    int parentInNamespace(const Pcb& task) const;

    // VMs (VcpuTask.cpp): the hypervisor runs `kernel` in `mode`; its vCPU is a host task
    // in `cgroupPath`. Returns the vCPU task's pid or a negative errno; `error` says why.
    int startVm(const std::string& name, const Program& kernel, std::string_view mode,
                std::string_view cgroupPath, std::string& error);
    const std::vector<std::unique_ptr<VcpuVm>>& vms() const { return vms_; }

    // Interface files, as the kernel's: cgroup.procs moves a task, the rest go to the tree.
    WriteResult writeFile(std::string_view path, std::string_view file, std::string_view value);
    std::optional<std::string> readFile(std::string_view path, std::string_view file) const;
    WriteResult mkdir(std::string_view path) { return cgroups_.create(path); }

    // Run for a span of virtual time (1 step = 1 µs, see README.md).
    void run(uint64_t usec);
    // One scheduler decision now, without running anything (tests, step-through).
    void schedule();
    uint64_t now() const;

    const Pcb* task(int pid) const;
    std::vector<int> pids() const; // every task ever started except the idle task (pid 0)
    int currentPid() const { return current_; }
    uint64_t idleUsec() const { return idleUsec_; }
    const std::string& console() const { return console_; }

    const std::vector<ContextSwitchRecord>& contextSwitches() const { return switches_; }
    const ContextSwitchRecord& contextSwitchRecord(std::size_t i) const { return switches_.at(i); }

    Machine& machine() { return machine_; }
    CgroupTree& cgroups() { return cgroups_; }
    const CgroupTree& cgroups() const { return cgroups_; }
    const HostConfig& config() const { return config_; }

    // Snapshots (HostSnapshot.cpp): the machine and every part of the host's state, so
    // a scenario can be run, stepped back and run again identically. nullptr while a VM
    // runs on the host (its hypervisor's state is not part of host snapshots).
    HostSnapshotPtr snapshot() const;
    void restore(const HostSnapshotPtr& snapshot);
    // A hash of the machine's and the host's whole state: equal states, equal hashes.
    uint64_t stateHash() const;

    bool handleTrap(Machine& machine, const TrapInfo& trap) override;

private:
    // HostModel.cpp: tasks and context switches
    Pcb& newTask(Cgroup& group, int ppid);
    void switchTo(Pcb& next, SwitchReason reason);
    void exitTask(Pcb& task, int code, int signal);
    void emit(EventType type, uint32_t a, uint32_t b = 0, uint32_t c = 0, uint32_t d = 0);
    Pcb& currentTask() { return *tasks_.at(current_); }
    // Syscalls.cpp
    void syscall(Pcb& task, const TrapInfo& trap);
    uint32_t sysWrite(Pcb& task, uint32_t fd, uint32_t buffer, uint32_t count);
    std::optional<std::string> readUserString(Pcb& task, uint32_t vaddr, uint32_t max);
    // Clone.cpp
    uint32_t sysClone(Pcb& parent, uint32_t newSp);
    uint32_t sysClone3(Pcb& parent, uint32_t args, uint32_t size);
    uint32_t forkInto(Pcb& parent, Cgroup& target, uint32_t newSp);
    uint32_t sysOpenat(Pcb& task, uint32_t dirFd, uint32_t pathAddress);
    uint32_t sysClose(Pcb& task, uint32_t fd);
    uint32_t sysBrk(Pcb& task, uint32_t address);
    uint32_t sysNanosleep(Pcb& task, uint32_t request);
    std::optional<uint32_t> readUserWord(Pcb& task, uint32_t vaddr);
    // Scheduler.cpp
    void account();
    void refillBandwidth();
    bool wakeSleepers(); // true if any task woke
    Pcb* pick(const Pcb* skip);
    Pcb* pickIn(Cgroup& group, const Pcb* skip);
    bool hasRunnable(const Cgroup& group) const;
    void place(Pcb& task);
    void reschedule(SwitchReason reason, const Pcb* skip = nullptr);
    uint64_t budget() const;
    // VcpuTask.cpp
    void runGuest(Pcb& vcpu, uint64_t usec);
    uint32_t sysIoctl(Pcb& task, uint32_t fd, uint32_t request);
    void chargeGuestMemory(Pcb& vcpu, bool now);
    uint64_t untilNextEvent() const; // next wake-up or refill of a throttled group
    void idleTrap(const TrapInfo& trap);
    void throttle(Cgroup& group);
    void sleepFor(Pcb& task, uint64_t usec);
    // Memory.cpp
    bool chargePages(Pcb& task, uint64_t pages);
    void uncharge(Pcb& task, uint64_t pages);
    void handleHigh(Pcb& task);
    uint64_t reclaim(Cgroup& group, uint64_t pages);
    bool swapOut(Pcb& owner, uint32_t vpn);
    bool chargeSwap(Cgroup& group);
    void oomKill(Cgroup& group);
    bool fault(Pcb& task, uint32_t vaddr);
    bool loadProgram(Pcb& task, const Program& program);
    void releaseMemory(Pcb& task);
    bool inSubtree(const Pcb& task, const Cgroup& group) const;

    HostConfig config_;
    Machine machine_;
    FrameAllocator frames_;
    CgroupTree cgroups_;
    std::map<int, std::unique_ptr<Pcb>> tasks_;
    int current_ = -1;
    int nextPid_ = 1;
    uint64_t lastAccounted_ = 0; // step count at the last accounting
    uint64_t sliceStart_ = 0;    // when the task on the hart was switched in
    uint64_t idleUsec_ = 0;
    uint64_t swapUsed_ = 0;
    std::string console_;
    std::vector<ContextSwitchRecord> switches_;
    uint64_t guestUsec_ = 0;   // time the hart spent in guests: part of now()
    uint64_t lastInstret_ = 0; // host hart's instret at the last accounting
    std::vector<std::unique_ptr<PidNamespace>> pidNamespaces_;
    std::vector<Container> containers_;
    std::vector<std::unique_ptr<VcpuVm>> vms_;
};

} // namespace vizor::host
