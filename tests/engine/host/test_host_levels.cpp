// Three levels side by side: the guest kernel's compute workload as bare host
// processes, in a container (cgroup + PID namespace) and in a VM whose vCPU is a host
// task; the same bytes of the user image everywhere. Also: PID namespaces on their
// own, and a VM bounded by its vCPU task's cgroup.
#include "HostTestSupport.h"
#include "host/GuestWorkload.h"
#include "host/Levels.h"
#include "host/VcpuTask.h"

using namespace vizor;
using namespace vizor::host;
using hosttest::statField;

namespace {

GuestWorkload workload(const std::string& name) {
    std::string error;
    const auto read = [](const std::string& file, std::string& text) {
        std::ifstream in(hosttest::sourceDir() + "/resources/guests/" + file);
        if (!in) return false;
        std::ostringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
        return true;
    };
    auto w = buildGuestWorkload(name, read, error);
    if (!w) qFatal("workload %s: %s", name.c_str(), error.c_str());
    return std::move(*w);
}

// The lines a process with this pid printed, taken from the guest kernel's console
// (where every line of the workload begins "  [pid N] ").
std::string linesOfPid(const std::string& console, int pid) {
    std::istringstream in(console);
    std::string line, picked;
    const std::string prefix = "  [pid " + std::to_string(pid) + "] ";
    while (std::getline(in, line))
        if (line.starts_with(prefix)) picked += line + "\n";
    return picked;
}

bool allExited(const HostModel& host) {
    for (int pid : host.pids())
        if (host.task(pid)->state != TaskState::Exited) return false;
    return true;
}

void runToEnd(HostModel& host, uint64_t limit) {
    while (!allExited(host) && host.now() < limit)
        host.run(10'000);
}

} // namespace

class HostLevelsTest : public QObject {
    Q_OBJECT
private slots:
    void theUserImageIsTheKernelsOwnBytes();
    void containerTasksSeeTheirNamespacePids();
    void threeLevelsRunTheSameWorkload();
    void workloadsTheHostServesPrintTheGuestsLines_data();
    void workloadsTheHostServesPrintTheGuestsLines();
    void theVcpuTasksCgroupBoundsTheVm();
    void vcpuContextSwitchesAreHostContextSwitches();
};

void HostLevelsTest::theUserImageIsTheKernelsOwnBytes() {
    const GuestWorkload w = workload("compute");
    const uint32_t start = w.kernel.symbol("user_image_start").value();
    const Section& image = w.hostProgram.sections.front();
    QCOMPARE(image.address, layout::kTextBase);
    QVERIFY(image.bytes.size() > 1000);
    for (const Section& s : w.kernel.sections) {
        if (start < s.address || start >= s.address + s.bytes.size()) continue;
        const std::vector<uint8_t> original(s.bytes.begin() + (start - s.address), s.bytes.end());
        QCOMPARE(image.bytes, original);
    }
    QVERIFY(w.hostProgram.entry >= layout::kTextBase + image.bytes.size()); // crt0 after it
}

void HostLevelsTest::containerTasksSeeTheirNamespacePids() {
    HostModel host;
    hosttest::makeGroup(host, "/box");
    const int outside = host.spawn(hosttest::program("hello"), "/");
    QVERIFY(host.createContainer("box", "/box").ok());
    QCOMPARE(host.createContainer("box", "/box").error, err::kEEXIST);
    QCOMPARE(host.createContainer("nowhere", "/missing").error, err::kENOENT);
    const int first = host.spawnInContainer(hosttest::program("hello"), "box");
    const int forker = host.spawnInContainer(hosttest::program("forker", {{"FORKS", 2}}), "box");
    QCOMPARE(outside, 1);
    QCOMPARE(first, 2);
    QCOMPARE(forker, 3);
    host.run(20000);
    // hello exits with getpid(): the host's pid outside, the namespace's inside.
    QCOMPARE(host.task(outside)->exitCode, 1);
    QCOMPARE(host.task(first)->exitCode, 1);
    // fork returns the child's pid in the namespace; the host numbers them 4 and 5.
    const Pcb* f = host.task(forker);
    QCOMPARE(f->nsPid, 2);
    QCOMPARE(f->context.x[18], 3u);
    QCOMPARE(f->context.x[19], 4u);
    QCOMPARE(host.task(4)->nsPid, 3);
    QCOMPARE(host.task(5)->nsPid, 4);
    QCOMPARE(host.task(4)->ppid, forker);
    QCOMPARE(host.readFile("/box", "cgroup.procs").value(), std::string("4\n5\n")); // host view
    QCOMPARE(host.parentInNamespace(*host.task(4)), 2);     // getppid inside the namespace
    QCOMPARE(host.parentInNamespace(*host.task(first)), 0); // started from outside
}

void HostLevelsTest::threeLevelsRunTheSameWorkload() {
    HostModel host;
    const GuestWorkload w = workload("compute");
    for (const char* g : {"/bare", "/box", "/vm"})
        hosttest::makeGroup(host, g);
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu +memory +pids");
    for (int i = 0; i < 3; ++i)
        QCOMPARE(host.spawn(w.hostProgram, "/bare"), i + 1);
    QVERIFY(host.createContainer("box", "/box").ok());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(host.spawnInContainer(w.hostProgram, "box"), i + 4);
    std::string error;
    const int vcpu = host.startVm("guest", w.kernel, "trap", "/vm", error);
    QVERIFY2(vcpu == 7, error.c_str());
    host.run(50'000);
    QCOMPARE(host.readFile("/vm", "cgroup.procs").value(), std::string("7\n"));
    QCOMPARE(host.readFile("/box", "cgroup.procs").value(), std::string("4\n5\n6\n"));
    runToEnd(host, 60'000'000);
    QVERIFY(allExited(host));

    const VcpuVm& vm = *host.vms().front();
    const std::string& console = vm.console();
    QVERIFY2(console.find("kernel: power off") != std::string::npos, console.c_str());
    QVERIFY(console.find("CRITICAL SECTION OK: counter = 3000") != std::string::npos);
    QVERIFY(console.find("  [pid 1] primes below 2000: 303, the largest 1999\n") !=
            std::string::npos);             // the kernel's README transcript
    QCOMPARE(host.task(vcpu)->exitCode, 0); // the guest's status, through KVM_RUN
    for (int nsPid = 1; nsPid <= 3; ++nsPid) {
        const std::string expected = linesOfPid(console, nsPid);
        QCOMPARE(expected.size() > 40, true);
        const Pcb& bare = *host.task(nsPid);
        const Pcb& boxed = *host.task(nsPid + 3);
        QCOMPARE(boxed.nsPid, nsPid); // getpid inside the container
        QCOMPARE(bare.output, expected);
        QCOMPARE(boxed.output, expected);
        QCOMPARE(bare.exitCode, 0);
        QCOMPARE(boxed.exitCode, 0);
    }

    const std::vector<LevelRow> rows = compareLevels(host);
    QCOMPARE(rows.size(), std::size_t{3});
    const LevelRow &bare = rows[0], &boxed = rows[1], &guest = rows[2];
    QCOMPARE(bare.level, std::string("process"));
    QCOMPARE(boxed.level, std::string("container"));
    QCOMPARE(guest.level, std::string("vm"));
    QCOMPARE(boxed.ownPids, (std::vector<int>{1, 2, 3}));
    QCOMPARE(boxed.pids, (std::vector<int>{4, 5, 6}));
    QCOMPARE(bare.exitedOk, 3);
    QCOMPARE(boxed.exitedOk, 3);
    QCOMPARE(guest.exitedOk, 1);
    // A container costs what bare processes cost: the same host kernel does the work.
    QCOMPARE(boxed.instructions, bare.instructions);
    QCOMPARE(boxed.hostSyscalls, bare.hostSyscalls);
    QCOMPARE(boxed.memoryPeakBytes, bare.memoryPeakBytes);
    // The VM runs a whole kernel besides the workload, and its VMM intervenes.
    QVERIFY(guest.instructions > bare.instructions);
    QVERIFY(guest.vmExits > 0);
    QVERIFY(guest.cpuUsec > guest.instructions); // exits cost more than one cycle each
    QVERIFY(guest.memoryPeakBytes > bare.memoryPeakBytes);
    QVERIFY(bare.cpuUsec > 0 && boxed.cpuUsec > 0);
    QCOMPARE(guest.cpuUsec, host.task(vcpu)->cpuTimeUsec);
    QVERIFY(guest.cpuUsec >= vm.guestUsec);
    qInfo("%s", formatLevels(rows).c_str());
}

void HostLevelsTest::workloadsTheHostServesPrintTheGuestsLines_data() {
    QTest::addColumn<QString>("name");
    for (const char* name : {"compute", "pagefaults", "io", "selfmodify"})
        QTest::newRow(name) << name;
}

// Each process of a workload, run on the host as pids 1-3, prints exactly what the
// guest kernel's process with that pid prints (native mode: the guest on its own).
void HostLevelsTest::workloadsTheHostServesPrintTheGuestsLines() {
    QFETCH(QString, name);
    const GuestWorkload w = workload(name.toStdString());
    HostModel host;
    for (int i = 0; i < 3; ++i)
        host.spawn(w.hostProgram, "/");
    std::string error;
    const int vcpu = host.startVm("guest", w.kernel, "native", "/", error);
    QVERIFY2(vcpu == 4, error.c_str());
    runToEnd(host, 60'000'000);
    QVERIFY(allExited(host));
    const std::string& console = host.vms().front()->console();
    QVERIFY2(console.find("kernel: power off") != std::string::npos, console.c_str());
    for (int pid = 1; pid <= 3; ++pid) {
        QCOMPARE(host.task(pid)->exitCode, 0);
        QCOMPARE(host.task(pid)->output, linesOfPid(console, pid));
        QVERIFY(!host.task(pid)->output.empty());
    }
}

void HostLevelsTest::theVcpuTasksCgroupBoundsTheVm() {
    HostModel host;
    const GuestWorkload w = workload("compute");
    hosttest::makeGroup(host, "/vm");
    hosttest::makeGroup(host, "/other");
    hosttest::mustWrite(host, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(host, "/vm", "cpu.max", "50000 100000");
    std::string error;
    const int vcpu = host.startVm("guest", w.kernel, "trap", "/vm", error);
    QVERIFY2(vcpu > 0, error.c_str());
    host.run(1'000'000);
    const Pcb& t = *host.task(vcpu);
    QCOMPARE(t.state, TaskState::Runnable); // the guest is still busy: it wants more CPU
    QCOMPARE(t.cgroup->path(), std::string("/vm"));
    const std::string stat = host.readFile("/vm", "cpu.stat").value();
    const double share = static_cast<double>(statField(stat, "usage_usec")) / 1e6;
    QVERIFY2(std::abs(share - 0.5) < 0.02, stat.c_str());
    QVERIFY2(statField(stat, "nr_throttled") >= 5, stat.c_str());
    QVERIFY(statField(stat, "throttled_usec") > 400'000);
    // All its time but a few steps of its own loop went to the guest.
    QVERIFY(t.cpuTimeUsec - host.vms().front()->guestUsec < 20);
    QVERIFY(host.idleUsec() > 450'000); // nobody else wanted the other half

    // Weights: the VM against a spinning task, 300 to 100.
    HostModel shared;
    hosttest::makeGroup(shared, "/vm");
    hosttest::makeGroup(shared, "/other");
    hosttest::mustWrite(shared, "/", "cgroup.subtree_control", "+cpu");
    hosttest::mustWrite(shared, "/vm", "cpu.weight", "300");
    const int v = shared.startVm("guest", w.kernel, "trap", "/vm", error);
    shared.spawn(hosttest::program("spin"), "/other");
    shared.run(1'000'000);
    const double vmUsec = static_cast<double>(shared.task(v)->cpuTimeUsec);
    const double otherUsec =
        static_cast<double>(statField(shared.readFile("/other", "cpu.stat").value(), "usage_usec"));
    QVERIFY2(std::abs(vmUsec / (vmUsec + otherUsec) - 0.75) < 0.02,
             (std::to_string(vmUsec) + " vs " + std::to_string(otherUsec)).c_str());
}

void HostLevelsTest::vcpuContextSwitchesAreHostContextSwitches() {
    HostModel host;
    const GuestWorkload w = workload("compute");
    std::string error;
    const int vcpu = host.startVm("guest", w.kernel, "trap", "/", error);
    const int spinner = host.spawn(hosttest::program("spin"), "/");
    host.run(200'000);
    host.schedule();
    // Where the vCPU loop's KVM_RUN ecall is: the task resumes right after it.
    const Program loop = assemble(vcpuLoopSource(), {"vcpu.s", layout::kTextBase, {}}).program;
    uint32_t afterEcall = 0;
    const std::vector<uint8_t>& code = loop.sections.front().bytes;
    for (uint32_t i = 0; i + 4 <= code.size() && !afterEcall; i += 4)
        if (code[i] == 0x73 && !code[i + 1] && !code[i + 2] && !code[i + 3])
            afterEcall = layout::kTextBase + i + 4;
    int intoVcpu = 0;
    const Pcb& t = *host.task(vcpu);
    for (const ContextSwitchRecord& r : host.contextSwitches()) {
        if (r.nextPid != vcpu) continue;
        if (++intoVcpu == 1) continue; // its start, at _start
        // Inside KVM_RUN the vCPU task is always resumed right after its ecall, with
        // a0..a2 of the call: the guest's progress lives in the VM, not in these registers.
        QCOMPARE(r.restored.pc, afterEcall);
        QCOMPARE(r.restored.x[11], 0xAE80u); // a1 = KVM_RUN
        QCOMPARE(r.restored.x[17], sys::kIoctl);
    }
    QVERIFY(intoVcpu >= 10); // it shares the hart with the spinner, slice by slice
    QVERIFY(t.inGuest);
    QVERIFY(std::abs(static_cast<double>(t.cpuTimeUsec) -
                     static_cast<double>(host.task(spinner)->cpuTimeUsec)) < 10'000);
    // The VM's own events are in its machine's stream: its exits and world switches.
    const EventStream& events = host.vms().front()->hypervisor->machine().events();
    QVERIFY(events.count(EventType::VmExit) > 0);
    QVERIFY(host.vms().front()->entries >= static_cast<uint64_t>(intoVcpu));
}

QTEST_APPLESS_MAIN(HostLevelsTest)
#include "test_host_levels.moc"
