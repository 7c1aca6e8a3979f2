// Several VMs time-sharing one host (MultiVm): each guest's console under two VMs is
// what it prints alone, with enough host memory and with a host too small for both
// (host swapping); turns interleave deterministically.
#include "HypervisorTestSupport.h"
#include "hypervisor/MultiVm.h"

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

} // namespace

class TestHvMultiVm : public QObject {
    Q_OBJECT
private slots:
    void eachConsoleUnderTwoVmsEqualsItsOutputAlone_data();
    void eachConsoleUnderTwoVmsEqualsItsOutputAlone();
    void aHostTooSmallForBothSwapsAndTheOutputStaysTheSame();
    void turnsAlternateAndARunRepeatsExactly();
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

QTEST_APPLESS_MAIN(TestHvMultiVm)
#include "test_hv_multivm.moc"
