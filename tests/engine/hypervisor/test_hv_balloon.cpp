// Ballooning on two VMs sharing a host too small for both (issue 4, "Must show" 6):
// the guest's balloon driver (resources/guests/balloon.s) gives free pages to the
// virtio balloon, the host gets their frames back and the other VM grows into them;
// deflating gives them back; both consoles stay what each prints alone; memory over
// time is in the timeline and in balloon_change / host_frames events.
#include "HypervisorTestSupport.h"
#include "cli/CommandLine.h"
#include "hypervisor/MultiVm.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

using namespace vizor;
using namespace hvtest;

namespace {

constexpr uint64_t kMaxSteps = 20'000'000;

// The two demonstration programs (resources/guests/demos): A uses memory and gives it
// back to its kernel, then computes; B computes, then needs memory.
const char* const kGiveBack = "demos/balloon-giveback.s";
const char* const kGrowLate = "demos/balloon-growlate.s";

// The kernel (balloon driver included) followed by one of the demonstration programs.
std::string kernelWith(const char* program) {
    const std::string dir = sourceDir() + "/resources/guests/";
    std::string source;
    for (const char* name : {"privops.inc", "kernel.s", "proc.s", "vm.s", "console.s", "balloon.s",
                             "ulib.s", program}) {
        std::ifstream in(dir + name);
        if (!in) return {};
        std::ostringstream text;
        text << in.rdbuf();
        source += text.str() + "\n";
    }
    return source;
}

constexpr uint32_t kHostFrames = 240; // A holds ~160 at its peak, B ~155: too small for both
constexpr uint32_t kInflate = 96;
constexpr uint64_t kInflateAt = 1'000'000; // A's cycle: its pages given back, B not grown yet
constexpr uint64_t kDeflateAt = 3'000'000; // after B has grown (and powered off)

// The memory events of one VM, all of them (the ring keeps only the latest).
struct MemoryEvents : EventObserver {
    std::vector<Event> events;
    void onEvent(const Event& e) override { events.push_back(e); }
};

struct Scenario {
    std::unique_ptr<hv::MultiVm> host;
    std::string aloneA, aloneB;
    std::unique_ptr<MemoryEvents> eventsA = std::make_unique<MemoryEvents>();
};

Scenario runScenario(bool balloon, uint32_t hostFrames = kHostFrames) {
    Scenario s;
    const Program a = assembleOrFail(kernelWith(kGiveBack), {{"BALLOON", 1}});
    const Program b = assembleOrFail(kernelWith(kGrowLate));
    s.aloneA = runMode("trap", assembleOrFail(kernelWith(kGiveBack))).console();
    s.aloneB = runMode("trap", b).console();
    hv::MultiVmConfig config;
    config.hostFrames = hostFrames;
    s.host = std::make_unique<hv::MultiVm>(config, 2);
    std::string error;
    if (!s.host->load(0, a, true, error) || !s.host->load(1, b, false, error))
        qWarning("%s", error.c_str());
    s.host->vm(0).machine().events().subscribe(s.eventsA.get(), maskOf(EventType::BalloonChange) |
                                                                    maskOf(EventType::HostFrames));
    if (balloon) {
        s.host->addBalloonTarget({0, kInflate, kInflateAt});
        s.host->addBalloonTarget({0, 0, kDeflateAt});
    }
    s.host->run(kMaxSteps);
    s.host->vm(0).machine().events().unsubscribe(s.eventsA.get());
    return s;
}

std::size_t firstSample(const std::vector<hv::HostSample>& t, std::size_t from,
                        const std::function<bool(const hv::HostSample&)>& test) {
    for (std::size_t i = from; i < t.size(); ++i)
        if (test(t[i])) return i;
    return t.size();
}

} // namespace

class TestHvBalloon : public QObject {
    Q_OBJECT
private slots:
    void withoutABalloonTheHostSwaps();
    void inflatingGivesFramesToTheHostAndTheOtherVmGrowsIntoThem();
    void memoryOverTimeIsInTheEvents();
    void theGuestRefusesToGoBelowItsFloor();
    void withoutTheDeviceTheDriverIsInert();
    void onAHostAlreadySwappingTheBalloonCountsDoublePaging();
    void theCommandLineSetsTargetsAndReportsMemoryPerVm();
};

// The baseline: the same two guests, no balloon target. B's growth finds the host full.
void TestHvBalloon::withoutABalloonTheHostSwaps() {
    const Scenario s = runScenario(false);
    for (uint32_t i = 0; i < 2; ++i)
        QCOMPARE(s.host->vm(i).machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(s.host->vm(0).machine().console(), s.aloneA);
    QCOMPARE(s.host->vm(1).machine().console(), s.aloneB);
    QVERIFY(s.host->host().swapOuts() > 0);
    QCOMPARE(s.host->vm(0).balloon().actual(), 0u);
    qInfo("no balloon, host of %u frames: %llu swap-outs, %llu swap-ins", kHostFrames,
          static_cast<unsigned long long>(s.host->host().swapOuts()),
          static_cast<unsigned long long>(s.host->host().swapIns()));
}

void TestHvBalloon::inflatingGivesFramesToTheHostAndTheOtherVmGrowsIntoThem() {
    const Scenario s = runScenario(true);
    const hv::MultiVm& host = *s.host;
    for (uint32_t i = 0; i < 2; ++i)
        QCOMPARE(host.vm(i).machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(host.vm(0).machine().console(), s.aloneA); // correct output throughout
    QCOMPARE(host.vm(1).machine().console(), s.aloneB);

    const auto& t = host.timeline();
    // Inflation: from the last turn with an empty balloon to the first with all N pages.
    const std::size_t full =
        firstSample(t, 0, [](auto& x) { return x.balloonPages[0] == kInflate; });
    QVERIFY(full < t.size());
    std::size_t before = full;
    while (before > 0 && t[before].balloonPages[0] != 0)
        --before;
    qInfo("inflation: turns %zu..%zu, host free %u -> %u, A %u -> %u, B %u -> %u", before, full,
          t[before].freeFrames, t[full].freeFrames, t[before].usedFrames[0], t[full].usedFrames[0],
          t[before].usedFrames[1], t[full].usedFrames[1]);
    QCOMPARE(t[full].freeFrames, t[before].freeFrames + kInflate);
    QCOMPARE(t[full].usedFrames[0], t[before].usedFrames[0] - kInflate);
    QCOMPARE(t[full].usedFrames[1], t[before].usedFrames[1]); // B had not grown yet
    QCOMPARE(host.vm(0).p2m().stats().balloonInflated, uint64_t{kInflate});

    // B grows into the frames A gave, with no swapping, until A takes its pages back.
    const std::size_t deflating =
        firstSample(t, full, [](auto& x) { return x.balloonPages[0] < kInflate; });
    uint32_t peakB = 0;
    for (std::size_t i = full; i < deflating; ++i)
        peakB = std::max(peakB, t[i].usedFrames[1]);
    qInfo("B grew from %u to %u frames while A's balloon held %u pages", t[full].usedFrames[1],
          peakB, kInflate);
    QVERIFY(peakB >= t[full].usedFrames[1] + 100);
    QVERIFY(peakB + t[before].usedFrames[0] > kHostFrames); // B did not fit next to A
    QCOMPARE(host.host().swapOuts(), 0u);

    // Deflation: the pages are A's again; it touches them and the host backs them.
    QVERIFY(deflating < t.size());
    const std::size_t empty =
        firstSample(t, deflating, [](auto& x) { return x.balloonPages[0] == 0; });
    QVERIFY(empty < t.size());
    QVERIFY(t[empty].usedFrames[0] >= t[deflating - 1].usedFrames[0] + kInflate);
    QCOMPARE(host.vm(0).p2m().stats().balloonDeflated, uint64_t{kInflate});
    QCOMPARE(host.vm(0).balloon().counts().refused, 0u);
}

// balloon_change when the host sets a target and when the guest reports `actual`;
// host_frames after every turn of the VM, matching the timeline.
void TestHvBalloon::memoryOverTimeIsInTheEvents() {
    const Scenario s = runScenario(true);
    std::vector<std::pair<uint32_t, uint32_t>> balloon; // (actual, target)
    std::vector<uint32_t> hostFree;
    for (const Event& e : s.eventsA->events) {
        if (e.type == EventType::BalloonChange) balloon.emplace_back(e.a, e.b);
        if (e.type == EventType::HostFrames) hostFree.push_back(e.a);
    }
    QVERIFY(balloon.size() >= 4);
    QCOMPARE(balloon.front(), std::make_pair(0u, kInflate)); // the host's target
    QVERIFY(std::find(balloon.begin(), balloon.end(), std::make_pair(kInflate, kInflate)) !=
            balloon.end());
    QCOMPARE(balloon.back(), std::make_pair(0u, 0u)); // all taken back
    std::vector<uint32_t> fromTimeline;
    for (const hv::HostSample& x : s.host->timeline())
        if (x.vm == 0) fromTimeline.push_back(x.freeFrames);
    QCOMPARE(hostFree, fromTimeline);
}

// A target larger than the guest can give: it keeps BALLOON_FLOOR (64) free frames of
// its 1536-frame pool and reports how far it went in `actual`.
void TestHvBalloon::theGuestRefusesToGoBelowItsFloor() {
    const Program a = assembleOrFail(guestKernelSource("compute"), {{"BALLOON", 1}});
    hv::MultiVmConfig config;
    hv::MultiVm host(config, 1);
    std::string error;
    QVERIFY2(host.load(0, a, true, error), error.c_str());
    host.addBalloonTarget({0, 5000, 0});
    host.run(kMaxSteps);
    QCOMPARE(host.vm(0).machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(host.vm(0).machine().console(), runMode("trap", guestProgram("compute")).console());
    const uint32_t actual = host.vm(0).balloon().actual();
    const uint32_t inUse = host.vm(0).machine().peekPhysical(*a.symbol("frames_in_use"), 4).value();
    qInfo("target 5000, balloon %u pages, kernel frames in use %u", actual, inUse);
    QVERIFY(actual < 5000);
    QVERIFY(actual + inUse + 64 <= 1536);
    QVERIFY(actual + inUse + 64 + 32 > 1536); // it went as far as the floor allowed
}

// A kernel with the driver but a machine without the device: same console, no balloon.
void TestHvBalloon::withoutTheDeviceTheDriverIsInert() {
    const Program a = assembleOrFail(guestKernelSource("io"), {{"BALLOON", 1}});
    hv::MultiVmConfig config;
    hv::MultiVm host(config, 1);
    std::string error;
    QVERIFY(host.load(0, a, false, error));
    host.run(kMaxSteps);
    QCOMPARE(host.vm(0).machine().console(), runMode("trap", guestProgram("io")).console());
    QCOMPARE(host.vm(0).balloon().counts().buffers, 0u);
    QCOMPARE(*host.vm(0).machine().peekPhysical(*a.symbol("balloon_dev"), 4), 0u);
    // On the bare board (empty virtio-mmio slots, as QEMU's virt), too.
    const Run native = runMode("native", a);
    QCOMPARE(native.console(), runMode("native", guestProgram("io")).console());
    QCOMPARE(native.word(*a.symbol("balloon_dev")), 0u);
}

// A host so small that it has swapped A's freed pages out before the balloon asks for
// them: the driver reads each free page's link to take it, the host brings it back in,
// and then it is given away. Both guests still print what they print alone.
void TestHvBalloon::onAHostAlreadySwappingTheBalloonCountsDoublePaging() {
    const Scenario s = runScenario(true, 120);
    for (uint32_t i = 0; i < 2; ++i)
        QCOMPARE(s.host->vm(i).machine().haltReason(), HaltReason::PowerOff);
    QCOMPARE(s.host->vm(0).machine().console(), s.aloneA);
    QCOMPARE(s.host->vm(1).machine().console(), s.aloneB);
    const hv::memory::P2mStats& p = s.host->vm(0).p2m().stats();
    qInfo("host of 120 frames: A swapped out %llu, in %llu, double paging %llu of %llu pages",
          static_cast<unsigned long long>(p.swapOuts), static_cast<unsigned long long>(p.swapIns),
          static_cast<unsigned long long>(p.doublePaging),
          static_cast<unsigned long long>(p.balloonInflated));
    QVERIFY(p.doublePaging > 0);
    QVERIFY(p.doublePaging <= p.balloonInflated);
    const Scenario roomy = runScenario(true);
    QCOMPARE(roomy.host->vm(0).p2m().stats().doublePaging, 0u);
}

void TestHvBalloon::theCommandLineSetsTargetsAndReportsMemoryPerVm() {
    QTemporaryDir dir;
    const std::string a = dir.filePath("giveback.s").toStdString();
    const std::string b = dir.filePath("growlate.s").toStdString();
    std::ofstream(a) << kernelWith(kGiveBack);
    std::ofstream(b) << kernelWith(kGrowLate);
    std::ostringstream out, err;
    const int status =
        cli::runHeadless({"run", a, b, "--vms", "2", "--host-frames", "240", "--balloon",
                          "0=96@1000000", "--balloon", "0=0@3000000", "--json"},
                         out, err);
    QVERIFY2(status == 0, err.str().c_str());
    const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(out.str())).object();
    const QJsonObject vmA = json["vm"].toObject()["0"].toObject();
    const QJsonObject memory = vmA["memory"].toObject();
    QCOMPARE(memory["balloon_inflated"].toInt(), 96);
    QCOMPARE(memory["balloon_deflated"].toInt(), 96);
    QCOMPARE(memory["balloon_pages"].toInt(), 0);
    QCOMPARE(memory["host_frames_used"].toInt(), 0); // powered off: all given back
    QCOMPARE(json["host"].toObject()["swap_outs"].toInt(), 0);
    QCOMPARE(json["host"].toObject()["free_frames"].toInt(), 240);
    QCOMPARE(vmA["console"].toString().toStdString(),
             runMode("trap", assembleOrFail(kernelWith(kGiveBack))).console());
}

QTEST_APPLESS_MAIN(TestHvBalloon)
#include "test_hv_balloon.moc"
