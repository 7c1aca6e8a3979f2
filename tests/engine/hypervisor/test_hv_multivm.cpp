// Several VMs time-sharing one host (MultiVm): each guest's console under two VMs is
// what it prints alone, with enough host memory and with a host too small for both
// (host swapping); turns interleave deterministically.
#include "HypervisorTestSupport.h"
#include "cli/CommandLine.h"
#include "hypervisor/MultiVm.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>

using namespace vizor;
using namespace hvtest;

namespace {

constexpr uint64_t kMaxSteps = 20'000'000;

struct Pair {
    std::string first, second;
};

std::unique_ptr<hv::MultiVm> runTwo(const Program& a, const Program& b, uint32_t hostFrames) {
    hv::MultiVmConfig config;
    config.hostFrames = hostFrames;
    auto host = std::make_unique<hv::MultiVm>(config, 2);
    std::string error;
    if (!host->load(0, a, false, error) || !host->load(1, b, false, error))
        qWarning("%s", error.c_str());
    host->run(kMaxSteps);
    return host;
}

struct Outcome {
    int status = -1;
    std::string out, err;
};

Outcome invoke(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Outcome o;
    o.status = cli::runHeadless(args, out, err);
    o.out = out.str();
    o.err = err.str();
    return o;
}

std::string writeKernel(const QTemporaryDir& dir, const std::string& workload) {
    const std::string path = dir.filePath(QString::fromStdString(workload + ".s")).toStdString();
    std::ofstream(path) << guestKernelSource(workload);
    return path;
}

} // namespace

class TestHvMultiVm : public QObject {
    Q_OBJECT
private slots:
    void eachConsoleUnderTwoVmsEqualsItsOutputAlone_data();
    void eachConsoleUnderTwoVmsEqualsItsOutputAlone();
    void aHostTooSmallForBothSwapsAndTheOutputStaysTheSame();
    void turnsAlternateAndARunRepeatsExactly();
    void theCommandLineRunsEachVmWithItsOwnConsole();
    void badMultiVmOptionsAreRefusedWithAClearMessage_data();
    void badMultiVmOptionsAreRefusedWithAClearMessage();
};

void TestHvMultiVm::eachConsoleUnderTwoVmsEqualsItsOutputAlone_data() {
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("compute+io") << "compute"
                                << "io";
    QTest::newRow("syscalls+pagefaults") << "syscalls"
                                         << "pagefaults";
    QTest::newRow("mapping+selfmodify") << "mapping"
                                        << "selfmodify";
    QTest::newRow("compute+compute") << "compute"
                                     << "compute";
}

void TestHvMultiVm::eachConsoleUnderTwoVmsEqualsItsOutputAlone() {
    QFETCH(QString, first);
    QFETCH(QString, second);
    const Program a = guestProgram(first.toStdString());
    const Program b = guestProgram(second.toStdString());
    const Run aloneA = runMode("trap", a), aloneB = runMode("trap", b);
    QCOMPARE(aloneA.vm->machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(aloneB.vm->machine().haltReason(), HaltReason::PowerOff);
    QVERIFY(aloneA.console().find("CRITICAL SECTION OK") != std::string::npos);

    const auto host = runTwo(a, b, 0);
    for (uint32_t i = 0; i < 2; ++i)
        QCOMPARE(host->vm(i).machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(host->vm(0).machine().console(), aloneA.console());
    QCOMPARE(host->vm(1).machine().console(), aloneB.console());
    QVERIFY(host->turns() > 4); // really time-shared, not one after the other
    QCOMPARE(host->host().swapOuts(), 0u);
}

// 2 x pagefaults touch more frames than the host has: the host swaps frames out of one
// VM to give them to the other (and back), invisibly to both consoles.
void TestHvMultiVm::aHostTooSmallForBothSwapsAndTheOutputStaysTheSame() {
    const Program p = guestProgram("pagefaults");
    const Run alone = runMode("trap", p);
    const auto roomy = runTwo(p, p, 0);
    uint32_t needed = 0; // the most host frames the two held at once
    for (const hv::HostSample& sample : roomy->timeline())
        needed = std::max(needed, sample.usedFrames[0] + sample.usedFrames[1]);
    qInfo("two pagefaults VMs hold up to %u host frames together", needed);
    QCOMPARE(roomy->host().freeFrames(), roomy->host().totalFrames()); // both powered off
    QVERIFY(needed > 100);

    const uint32_t frames = needed * 2 / 3;
    const auto tight = runTwo(p, p, frames);
    for (uint32_t i = 0; i < 2; ++i) {
        QCOMPARE(tight->vm(i).machine().haltReason(), HaltReason::PowerOff);
        QCOMPARE(tight->vm(i).machine().console(), alone.console());
        QVERIFY(tight->vm(i).p2m().stats().swapIns > 0);
    }
    QVERIFY(tight->host().swapOuts() > 0);
    qInfo("host of %u frames: %llu swap-outs, %llu swap-ins", frames,
          static_cast<unsigned long long>(tight->host().swapOuts()),
          static_cast<unsigned long long>(tight->host().swapIns()));
}

void TestHvMultiVm::turnsAlternateAndARunRepeatsExactly() {
    const Program a = guestProgram("io"), b = guestProgram("syscalls");
    const auto one = runTwo(a, b, 150), two = runTwo(a, b, 150);
    const auto& t = one->timeline();
    QVERIFY(t.size() > 4);
    QCOMPARE(t[0].vm, 0u);
    QCOMPARE(t[1].vm, 1u);
    QCOMPARE(t[2].vm, 0u);
    QCOMPARE(two->timeline().size(), t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        QCOMPARE(two->timeline()[i].hostSteps, t[i].hostSteps);
        QCOMPARE(two->timeline()[i].freeFrames, t[i].freeFrames);
        QCOMPARE(two->timeline()[i].usedFrames, t[i].usedFrames);
    }
    QCOMPARE(two->host().swapOuts(), one->host().swapOuts());
    for (uint32_t i = 0; i < 2; ++i) {
        const HartState &x = one->vm(i).machine().hart(), &y = two->vm(i).machine().hart();
        QCOMPARE(y.cycle, x.cycle);
        QCOMPARE(y.instret, x.instret);
        QCOMPARE(two->vm(i).p2m().stats().swapOuts, one->vm(i).p2m().stats().swapOuts);
        QCOMPARE(two->vm(i).machine().console(), one->vm(i).machine().console());
    }
}

// `vizor run A.s B.s --vms 2 --json`: one object per VM, each console as alone.
void TestHvMultiVm::theCommandLineRunsEachVmWithItsOwnConsole() {
    QTemporaryDir dir;
    const std::string a = writeKernel(dir, "compute"), b = writeKernel(dir, "io");
    const Outcome o = invoke({"run", a, b, "--vms", "2", "--host-frames", "200", "--json"});
    QCOMPARE(o.status, 0);
    const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(o.out)).object();
    QCOMPARE(json["vms"].toInt(), 2);
    QCOMPARE(json["host"].toObject()["frames"].toInt(), 200);
    const QJsonObject vms = json["vm"].toObject();
    QCOMPARE(vms["0"].toObject()["console"].toString().toStdString(),
             runMode("trap", guestProgram("compute")).console());
    QCOMPARE(vms["1"].toObject()["console"].toString().toStdString(),
             runMode("trap", guestProgram("io")).console());
    const QJsonObject memory = vms["1"].toObject()["memory"].toObject();
    QVERIFY(memory.contains("host_frames_used"));
    QVERIFY(memory.contains("balloon_pages"));
    QVERIFY(memory.contains("host_swap_outs"));
    QVERIFY(memory["hidden_faults"].toInt() > 0); // the paging counters come along

    const Outcome text = invoke({"run", a, "--vms", "2"}); // one program for both
    QCOMPARE(text.status, 0);
    QVERIFY(text.out.find("--- vm 1: " + a + " ---") != std::string::npos);
    QVERIFY(text.err.find("vizor: host ") != std::string::npos);
}

void TestHvMultiVm::badMultiVmOptionsAreRefusedWithAClearMessage_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("no vms") << QStringList{"--vms", "0"} << "--vms must be 1 to 16, got 0";
    QTest::newRow("vms word") << QStringList{"--vms", "two"} << "--vms needs a whole number";
    QTest::newRow("programs") << QStringList{"--vms", "3", "X"} << "one PROGRAM.s for all VMs";
    QTest::newRow("mode") << QStringList{"--vms", "2", "--mode", "bt"}
                          << "--mode bt is not supported";
    QTest::newRow("paging") << QStringList{"--vms", "2", "--paging", "nested"}
                            << "use shadow paging, not nested";
    QTest::newRow("host frames") << QStringList{"--vms", "2", "--host-frames", "7"}
                                 << "--host-frames must be at least 4 per VM (8 for 2), got 7";
    QTest::newRow("balloon vm") << QStringList{"--vms", "2", "--balloon", "2=10"}
                                << "--balloon names VM 2, but there are 2";
    QTest::newRow("balloon pages")
        << QStringList{"--vms", "2", "--balloon", "0=ten"} << "PAGES must be a whole number";
    QTest::newRow("balloon cycle")
        << QStringList{"--vms", "2", "--balloon", "0=10@soon"} << "CYCLE must be a whole number";
    QTest::newRow("slice") << QStringList{"--vms", "2", "--slice", "0"}
                           << "--slice must be at least 1";
}

void TestHvMultiVm::badMultiVmOptionsAreRefusedWithAClearMessage() {
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    QTemporaryDir dir;
    std::vector<std::string> args = {"run", writeKernel(dir, "io")};
    for (const QString& option : options)
        args.push_back(option == "X" ? args[1] : option.toStdString());
    const Outcome o = invoke(args);
    QCOMPARE(o.status, 2);
    QVERIFY2(o.err.find(message.toStdString()) != std::string::npos, o.err.c_str());
}

QTEST_APPLESS_MAIN(TestHvMultiVm)
#include "test_hv_multivm.moc"
