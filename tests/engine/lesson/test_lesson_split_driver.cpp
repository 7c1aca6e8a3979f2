// Lesson 13 (the split driver) says what the engine does; this checks each claim on the
// lesson's own run: the first line goes all the way round the ring inside one kick, the
// ninth line's entries land in slot 0 of both rings, the driver never acknowledges the
// notification, and over the whole run one kick carries each console line.
#include "hypervisor/Sbi.h"
#include "hypervisor/Virtqueue.h"
#include "lesson/Lesson.h"
#include "lesson/LessonRunner.h"

#include <QtTest>

using namespace vizor;
using namespace vizor::lesson;
using hv::VirtqueueEvent;

namespace {

std::string sourceDir() {
    const char* dir = std::getenv("VIZOR_SOURCE_DIR");
    return dir && *dir ? dir : VIZOR_SOURCE_DIR_DEFAULT;
}

std::vector<Event> eventsUpTo(const LessonRunner& runner, int step) {
    std::vector<Event> out;
    for (std::size_t i = 0; i < runner.outcome(step).eventEnd; ++i)
        out.push_back(runner.events()[i].event);
    return out;
}

std::vector<Event> ofKind(const std::vector<Event>& events, VirtqueueEvent kind) {
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.type == EventType::Virtqueue && hv::virtqueueEventKind(e.d) == kind) out.push_back(e);
    return out;
}

std::string consoleOf(const std::vector<Event>& events) {
    std::string text;
    for (const Event& e : events)
        if (e.type == EventType::ConsoleOutput) text += static_cast<char>(e.a);
    return text;
}

} // namespace

class TestLessonSplitDriver : public QObject {
    Q_OBJECT
private slots:
    void theLessonsClaimsHold() {
        const LoadResult loaded = loadLessonFile(sourceDir() + "/lessons/13-split-driver.lesson");
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.errors.front().format().c_str());
        LessonRunner runner(*loaded.lesson, sourceDir());
        std::string error;
        while (runner.played() < runner.stepCount())
            QVERIFY2(runner.next(error), error.c_str());
        QCOMPARE(runner.stepCount(), 3);

        // Step 1: one kick, and the whole round trip in the order the arrows number it,
        // without the guest running in between (no switch back to it inside the kick).
        const std::vector<Event> first = eventsUpTo(runner, 0);
        QCOMPARE(ofKind(first, VirtqueueEvent::Kick).size(), std::size_t{1});
        std::vector<VirtqueueEvent> order;
        bool inKick = false, guestRanInside = false;
        for (const Event& e : first) {
            if (e.type == EventType::Virtqueue) {
                order.push_back(hv::virtqueueEventKind(e.d));
                inKick = order.back() != VirtqueueEvent::Notify;
            }
            if (inKick && e.type == EventType::WorldSwitch && e.a == 1) guestRanInside = true;
        }
        const std::vector<VirtqueueEvent> round = {
            VirtqueueEvent::Kick,     VirtqueueEvent::AvailPop,    VirtqueueEvent::Descriptor,
            VirtqueueEvent::Consumed, VirtqueueEvent::UsedPublish, VirtqueueEvent::Notify};
        QVERIFY(order == round);
        QVERIFY(!guestRanInside);
        // The kick is the CONSOLE_KICK hypercall (FID 6).
        bool kickHypercall = false;
        for (const Event& e : first)
            kickHypercall |= e.type == EventType::SbiCall && e.a == hv::kSbiVizor && e.b == 6;
        QVERIFY(kickHypercall);
        QCOMPARE(ofKind(first, VirtqueueEvent::Consumed).front().a,
                 static_cast<uint32_t>(consoleOf(first).size()));

        // Step 2: nine lines; the ninth's entries are in slot 0 of both rings (indices
        // 8 and 9 modulo 8), every line was descriptor 0, and nothing was acknowledged.
        const std::vector<Event> nine = eventsUpTo(runner, 1);
        QCOMPARE(ofKind(nine, VirtqueueEvent::Kick).size(), std::size_t{9});
        QCOMPARE(ofKind(nine, VirtqueueEvent::AvailPop).back().b % 8, 0u);
        QCOMPARE(ofKind(nine, VirtqueueEvent::UsedPublish).back().a, 9u);
        QCOMPARE((ofKind(nine, VirtqueueEvent::UsedPublish).back().a - 1) % 8, 0u);
        for (const Event& e : ofKind(nine, VirtqueueEvent::Descriptor))
            QCOMPARE(e.c & 0xffff, 0u);
        const Event lastKick = ofKind(nine, VirtqueueEvent::Kick).back();
        QCOMPARE(lastKick.a, 9u); // avail.idx the driver published
        QCOMPARE(lastKick.b, 8u); // last_avail: nothing else was waiting

        // Step 3: one kick per console line, every byte through the ring, no InterruptACK.
        const std::vector<Event> all = eventsUpTo(runner, 2);
        const std::string console = consoleOf(all);
        const auto lines =
            static_cast<std::size_t>(std::count(console.begin(), console.end(), '\n'));
        QCOMPARE(ofKind(all, VirtqueueEvent::Kick).size(), lines);
        uint64_t bytes = 0;
        for (const Event& e : ofKind(all, VirtqueueEvent::Consumed))
            bytes += e.a;
        QCOMPARE(bytes, static_cast<uint64_t>(console.size()));
        QVERIFY(ofKind(all, VirtqueueEvent::InterruptAck).empty());
        QCOMPARE(ofKind(all, VirtqueueEvent::Notify).size(), lines);
    }
};

QTEST_GUILESS_MAIN(TestLessonSplitDriver)
#include "test_lesson_split_driver.moc"
