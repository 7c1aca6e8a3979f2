// The event stream: counted by type, observers by type, a bounded ring, and saved
// states that share blocks instead of copying the ring.
#include "events/EventStream.h"

#include <QTest>

using namespace vizor;

namespace {
Event makeEvent(EventType type, uint64_t cycle) {
    Event e;
    e.type = type;
    e.cycle = cycle;
    return e;
}

struct Recorder : EventObserver {
    std::vector<Event> seen;
    void onEvent(const Event& e) override { seen.push_back(e); }
};
} // namespace

class EventStreamTest : public QObject {
    Q_OBJECT
private slots:
    void countsEveryTypeEvenWhenNotRecorded();
    void observersGetOnlyTheirTypes();
    void ringKeepsTheNewestEvents();
    void loadRestoresTheRingAsItWas();
    void savedStatesShareUntouchedBlocks();
};

void EventStreamTest::countsEveryTypeEvenWhenNotRecorded() {
    EventStream stream(2048);
    stream.setRecordMask(maskOf(EventType::Exception));
    stream.publish(makeEvent(EventType::Exception, 1));
    stream.publish(makeEvent(EventType::ConsoleOutput, 2));
    stream.publish(makeEvent(EventType::ConsoleOutput, 3));
    QCOMPARE(stream.count(EventType::Exception), 1u);
    QCOMPARE(stream.count(EventType::ConsoleOutput), 2u);
    QCOMPARE(stream.recent().size(), std::size_t{1});
    QCOMPARE(eventTypeName(EventType::PageWalkStep), std::string_view("page_walk_step"));
}

void EventStreamTest::observersGetOnlyTheirTypes() {
    EventStream stream;
    stream.setRecordMask(0);
    Recorder traps;
    stream.subscribe(&traps, maskOf(EventType::Exception) | maskOf(EventType::Interrupt));
    QVERIFY(stream.wants(EventType::Interrupt));
    QVERIFY(!stream.wants(EventType::Wfi));
    stream.publish(makeEvent(EventType::Interrupt, 1));
    stream.publish(makeEvent(EventType::Wfi, 2));
    stream.publish(makeEvent(EventType::Exception, 3));
    QCOMPARE(traps.seen.size(), std::size_t{2});
    QCOMPARE(traps.seen[1].cycle, 3u);
    stream.unsubscribe(&traps);
    stream.publish(makeEvent(EventType::Exception, 4));
    QCOMPARE(traps.seen.size(), std::size_t{2});
}

void EventStreamTest::ringKeepsTheNewestEvents() {
    EventStream stream(1024);
    QCOMPARE(stream.capacity(), std::size_t{1024});
    for (uint64_t i = 0; i < 3000; ++i)
        stream.publish(makeEvent(EventType::Exception, i));
    const auto recent = stream.recent();
    QCOMPARE(recent.size(), std::size_t{1024});
    QCOMPARE(recent.front().cycle, 3000u - 1024u);
    QCOMPARE(recent.back().cycle, 2999u);
    QCOMPARE(stream.totalRecorded(), 3000u);
}

void EventStreamTest::loadRestoresTheRingAsItWas() {
    EventStream stream(4096);
    for (uint64_t i = 0; i < 1500; ++i)
        stream.publish(makeEvent(EventType::Exception, i));
    const EventStream::State saved = stream.save();
    const auto before = stream.recent();
    for (uint64_t i = 0; i < 5000; ++i)
        stream.publish(makeEvent(EventType::Interrupt, 10000 + i));
    stream.load(saved);
    const auto after = stream.recent();
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        QCOMPARE(after[i].cycle, before[i].cycle);
    QCOMPARE(stream.count(EventType::Interrupt), 0u);
    QCOMPARE(stream.count(EventType::Exception), 1500u);
}

void EventStreamTest::savedStatesShareUntouchedBlocks() {
    EventStream stream(1u << 16);
    for (uint64_t i = 0; i < 10000; ++i)
        stream.publish(makeEvent(EventType::Exception, i));
    const EventStream::State a = stream.save();
    stream.publish(makeEvent(EventType::Exception, 10000)); // writes into one block only
    const EventStream::State b = stream.save();
    std::size_t shared = 0;
    for (std::size_t i = 0; i < a.blocks.size(); ++i)
        shared += a.blocks[i] == b.blocks[i];
    QCOMPARE(shared, a.blocks.size() - 1);
    QCOMPARE(a.written + 1, b.written);
}

QTEST_APPLESS_MAIN(EventStreamTest)
#include "test_event_stream.moc"
