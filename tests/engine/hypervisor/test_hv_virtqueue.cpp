// The split driver's `virtqueue` events under pv: every line the PARAVIRT kernel prints
// goes round the ring as kick, pop from the available ring, descriptor read, bytes to the
// device, used-ring publication and notification, in that order; the bytes between pop
// and publication are exactly the console's, and the indices advance one by one up to the
// values the back end and the guest's ring hold at the end.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "events/EventStream.h"
#include "hypervisor/ParavirtMode.h"
#include "hypervisor/Virtqueue.h"

using namespace vizor;
using namespace vizor::hv;

namespace {

class Recorder : public EventObserver {
public:
    void onEvent(const Event& event) override { events.push_back(event); }
    std::vector<Event> events;
};

struct Recorded {
    hvtest::Run run;
    std::vector<Event> events;
};

Recorded runPv(const std::string& workload, bool record) {
    Recorded r;
    const Program program =
        hvtest::assembleOrFail(hvtest::guestKernelSource(workload), {{"PARAVIRT", 1}});
    r.run.vm = makeHypervisor("pv", VmConfig{});
    std::string error;
    if (!r.run.vm->load(program, error)) qWarning("%s", error.c_str());
    EventStream& stream = r.run.vm->machine().events();
    Recorder recorder;
    if (record)
        stream.subscribe(&recorder,
                         maskOf(EventType::Virtqueue) | maskOf(EventType::ConsoleOutput));
    else
        stream.setRecordMask(0); // nobody records: the events are only counted
    r.run.result = r.run.vm->run(100'000'000);
    stream.unsubscribe(&recorder);
    r.events = std::move(recorder.events);
    return r;
}

VirtqueueEvent kindOf(const Event& e) {
    return virtqueueEventKind(e.d);
}

} // namespace

class HypervisorVirtqueueTest : public QObject {
    Q_OBJECT
private slots:
    void everyLineGoesRoundTheRingInOrder();
    void theEventsDoNotChangeTheRun();
};

void HypervisorVirtqueueTest::everyLineGoesRoundTheRingInOrder() {
    const Recorded r = runPv("io", true);
    QCOMPARE(r.run.result.reason, HaltReason::PowerOff);
    const auto& pv = dynamic_cast<const ParavirtMode&>(*r.run.vm);
    const VmStats stats = r.run.vm->stats();

    enum Phase { Idle, Kicked, Popped, Described, Consumed, Published };
    Phase phase = Idle;
    uint32_t kicks = 0, used = 0, lastAvail = 0, head = 0, length = 0;
    std::string device, line, console; // device: bytes seen between pop and publication
    for (const Event& e : r.events) {
        if (e.type == EventType::ConsoleOutput) {
            QVERIFY2(phase == Described, "console bytes outside a request");
            line += static_cast<char>(e.a);
            continue;
        }
        QCOMPARE(virtqueueEventDevice(e.d), uint32_t{VirtioConsole::kDeviceId});
        QCOMPARE(virtqueueEventQueue(e.d), 1u); // transmitq
        QCOMPARE(virtqueueEventNum(e.d), 8u);   // VQ_SIZE in console.s
        switch (kindOf(e)) {
        case VirtqueueEvent::Kick:
            QVERIFY(phase == Idle || phase == Published);
            QCOMPARE(e.b, lastAvail);     // the device's last_avail
            QCOMPARE(e.c, used);          // used.idx
            QCOMPARE(e.a, lastAvail + 1); // one new buffer per line
            ++kicks;
            phase = Kicked;
            break;
        case VirtqueueEvent::AvailPop:
            QCOMPARE(phase, Kicked);
            QCOMPARE(e.b, lastAvail);
            QCOMPARE(e.c, lastAvail + 1);
            QCOMPARE(e.a, 0u); // console.s always hands over descriptor 0
            head = e.a;
            phase = Popped;
            break;
        case VirtqueueEvent::Descriptor:
            QCOMPARE(phase, Popped);
            QCOMPARE(e.c & 0xffff, head);
            QCOMPARE(e.c >> 16, 0u); // one descriptor, device-readable, no NEXT
            QVERIFY(e.b > 0 && e.b <= 128);
            length = e.b;
            line.clear();
            phase = Described;
            break;
        case VirtqueueEvent::Consumed:
            QCOMPARE(phase, Described);
            QCOMPARE(e.a, length);
            QCOMPARE(static_cast<uint32_t>(line.size()), length);
            console += line;
            phase = Consumed;
            break;
        case VirtqueueEvent::UsedPublish:
            QCOMPARE(phase, Consumed);
            QCOMPARE(e.a, used + 1);
            QCOMPARE(e.b, head);
            used = e.a;
            ++lastAvail;
            phase = Published;
            break;
        case VirtqueueEvent::Notify:
            QCOMPARE(phase, Published);
            QCOMPARE(e.a & 1, 1u);
            QCOMPARE(e.b, 1u);
            QCOMPARE(e.c, used);
            phase = Idle;
            break;
        case VirtqueueEvent::InterruptAck:
            QFAIL("console.s polls used.idx and never acknowledges");
        }
    }
    QCOMPARE(phase, Idle);
    QVERIFY(kicks > 10);
    QCOMPARE(uint64_t{kicks}, stats.consoleKicks);
    QCOMPARE(used, uint32_t{pv.console().usedIndex()});
    QCOMPARE(lastAvail, uint32_t{pv.console().lastAvailIndex()});
    // The used index in guest memory (VIRTQ_PA + 4096) is the one the events end on.
    QCOMPARE(r.run.word(0x80130000u + 4096) >> 16, used);
    // Every byte the console printed went through the ring, in order.
    QCOMPARE(console, r.run.console());
}

// Recording or not, the machine does the same thing: the events only report.
void HypervisorVirtqueueTest::theEventsDoNotChangeTheRun() {
    const Recorded recorded = runPv("syscalls", true);
    const Recorded quiet = runPv("syscalls", false);
    QVERIFY(quiet.events.empty());
    QCOMPARE(quiet.run.vm->machine().hart().instret, recorded.run.vm->machine().hart().instret);
    QCOMPARE(quiet.run.vm->machine().hart().cycle, recorded.run.vm->machine().hart().cycle);
    QCOMPARE(quiet.run.vm->machine().hart().steps, recorded.run.vm->machine().hart().steps);
    QCOMPARE(quiet.run.vm->machine().stateHash(), recorded.run.vm->machine().stateHash());
    QCOMPARE(quiet.run.console(), recorded.run.console());
    QCOMPARE(quiet.run.vm->machine().events().count(EventType::Virtqueue),
             recorded.run.vm->machine().events().count(EventType::Virtqueue));
    QVERIFY(quiet.run.vm->machine().events().count(EventType::Virtqueue) > 0);
}

QTEST_APPLESS_MAIN(HypervisorVirtqueueTest)
#include "test_hv_virtqueue.moc"
