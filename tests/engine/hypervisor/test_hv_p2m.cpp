// Host frames shared by several VMs and each VM's p2m: demand allocation, host
// swapping across VMs when the pool is overcommitted, and the balloon's bookkeeping.
#include "hypervisor/memory/HostMemory.h"
#include "hypervisor/memory/P2m.h"

#include <QtTest>

using namespace vizor::hv::memory;

class TestHvP2m : public QObject {
    Q_OBJECT
private slots:
    void firstTouchAllocatesAndLaterTouchesReuse() {
        HostMemory host(8);
        P2m vm(host, 0x80000, 16);
        QCOMPARE(vm.lookup(0x80003).state, P2mState::NotPresent);
        const auto f = vm.touch(0x80003);
        QVERIFY(f.has_value());
        QCOMPARE(vm.lookup(0x80003).state, P2mState::Present);
        QCOMPARE(vm.touch(0x80003), f);
        QCOMPARE(host.freeFrames(), 7u);
        QCOMPARE(host.usedBy(vm.vm()), 1u);
        QCOMPARE(host.frame(*f).gfn, 0x80003u);
        QCOMPARE(vm.stats().demandAllocations, 1u);
        QVERIFY(!vm.touch(0x7ffff).has_value()); // outside the VM
        QVERIFY(!vm.touch(0x80010).has_value());
    }

    void anOvercommittedHostSwapsFramesOutOfTheOtherVm() {
        HostMemory host(4);
        P2m a(host, 0x80000, 8), b(host, 0x80000, 8);
        for (uint32_t i = 0; i < 4; ++i)
            QVERIFY(a.touch(0x80000 + i).has_value());
        QCOMPARE(host.freeFrames(), 0u);
        std::vector<uint32_t> gone;
        a.setListener([&](uint32_t gfn, P2mChange c) {
            if (c == P2mChange::SwappedOut) gone.push_back(gfn);
        });
        QVERIFY(b.touch(0x80000).has_value());
        QCOMPARE(gone, std::vector<uint32_t>{0x80000}); // the clock hand starts at frame 0
        QCOMPARE(a.lookup(0x80000).state, P2mState::Swapped);
        QCOMPARE(host.usedBy(a.vm()), 3u);
        QCOMPARE(host.usedBy(b.vm()), 1u);
        QCOMPARE(host.swapOuts(), 1u);
        // A touches its swapped page again: swapped in, evicting the next frame.
        QVERIFY(a.touch(0x80000).has_value());
        QCOMPARE(a.stats().swapIns, 1u);
        QCOMPARE(a.lookup(0x80000).state, P2mState::Present);
        QCOMPARE(host.swapOuts(), 2u);
        QCOMPARE(host.freeFrames(), 0u);
        QCOMPARE(host.usedBy(a.vm()) + host.usedBy(b.vm()), 4u);
    }

    void inflatingReturnsFramesAndDeflatingLetsThemBeTouchedAgain() {
        HostMemory host(4);
        P2m a(host, 0x80000, 8), b(host, 0x80000, 8);
        for (uint32_t i = 0; i < 4; ++i)
            QVERIFY(a.touch(0x80000 + i).has_value());
        QVERIFY(a.inflate(0x80001));
        QVERIFY(a.inflate(0x80002));
        QVERIFY(a.inflate(0x80007)); // never touched: gives the host nothing
        QVERIFY(!a.inflate(0x80007));
        QCOMPARE(host.freeFrames(), 2u);
        QCOMPARE(a.balloonedFrames(), 3u);
        QVERIFY(!a.touch(0x80001).has_value()); // a ballooned page is not the guest's
        QVERIFY(b.touch(0x80000).has_value());
        QVERIFY(b.touch(0x80001).has_value());
        QCOMPARE(host.swapOuts(), 0u); // B grew into the frames A gave, no swapping
        QVERIFY(a.deflate(0x80001));
        QCOMPARE(a.lookup(0x80001).state, P2mState::NotPresent);
        QVERIFY(a.touch(0x80001).has_value()); // full host: someone is swapped out
        QCOMPARE(host.swapOuts(), 1u);
    }

    void givingAwayASwappedFrameIsDoublePaging() {
        HostMemory host(2);
        P2m a(host, 0, 4);
        QVERIFY(a.touch(0).has_value());
        QVERIFY(a.touch(1).has_value());
        QVERIFY(a.touch(2).has_value()); // frame of gfn 0 swapped out
        QCOMPARE(a.lookup(0).state, P2mState::Swapped);
        QVERIFY(a.inflate(0));
        QCOMPARE(a.stats().doublePaging, 1u);
        QCOMPARE(a.swappedFrames(), 0u);
        QCOMPARE(host.freeFrames(), 0u);
        QVERIFY(a.touch(1).has_value()); // present, never swapped: not counted
        QVERIFY(a.touch(3).has_value()); // evicts gfn 1 or 2 ...
        const uint32_t out = a.lookup(1).state == P2mState::Swapped ? 1 : 2;
        QVERIFY(a.touch(out).has_value()); // ... which comes back in
        QVERIFY(a.inflate(out));
        QCOMPARE(a.stats().doublePaging, 2u);
        const uint32_t other = out == 1 ? 3 : 1;
        if (a.lookup(other).state == P2mState::Present) {
            QVERIFY(a.inflate(other));
            QCOMPARE(a.stats().doublePaging, 2u);
        }
    }

    void aPoweredOffVmGivesEveryFrameBack() {
        HostMemory host(4);
        P2m a(host, 0, 8);
        for (uint32_t i = 0; i < 3; ++i)
            QVERIFY(a.touch(i).has_value());
        QVERIFY(a.inflate(5));
        QCOMPARE(a.releaseAll(), 3u);
        QCOMPARE(host.freeFrames(), 4u);
        QCOMPARE(host.usedBy(a.vm()), 0u);
        QCOMPARE(a.balloonedFrames(), 0u);
        QCOMPARE(a.lookup(1).state, P2mState::NotPresent);
    }
};

QTEST_APPLESS_MAIN(TestHvP2m)
#include "test_hv_p2m.moc"
