// The memory pane: hex and ASCII with changed bytes marked, "go to" by address or
// symbol, physical vs virtual windows read by the engine, and exact watchpoints: a run
// stops right after the instruction that changed a watched word, and not on a store
// that wrote the same value.
#include "BridgeTestUtil.h"
#include "views/MemoryModel.h"
#include "views/MemoryView.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vizor;
using views::MemoryModel;

class MemoryViewTest : public QObject {
    Q_OBJECT
private slots:
    void modelShowsHexAsciiAndChanges();
    void goToAcceptsAddressesAndSymbols();
    void bridgeReadsPhysicalAndVirtualWindows();
    void watchpointStopsExactlyWhenTheWordChanges();
    void virtualWindowFollowsThePageTable();
    void aByteTypedWhilePausedIsWrittenAndStepBackUndoesIt();
};

namespace {
// M-mode maps two Sv32 megapages onto RAM (identity at 0x80000000, and 0x40000000) and
// drops to S-mode, where translation applies.
const char* const kPaging = R"(_start:
    li   t0, 0x80100000        # the root page table: a free, page-aligned page of RAM
    li   t1, 0x200000CF
    li   t4, 0x800
    add  t4, t0, t4
    sw   t1, 0(t4)
    sw   t1, 0x400(t0)
    srli t2, t0, 12
    li   t3, 0x80000000
    or   t2, t2, t3
    csrw satp, t2
    sfence.vma
    li   t0, 1 << 11
    csrw mstatus, t0
    la   t0, s_mode
    csrw mepc, t0
    mret
s_mode:
    j s_mode
)";
} // namespace

void MemoryViewTest::modelShowsHexAsciiAndChanges() {
    MemoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QByteArray bytes(32, '\0');
    bytes.replace(0, 2, "Hi");
    QByteArray readable(32, 1);
    readable[31] = 0;
    model.setWindow(0x80000000u, false, bytes, readable, true);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 17);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("48"));
    QCOMPARE(model.index(0, MemoryModel::kAsciiColumn).data().toString().left(3),
             QStringLiteral("Hi·"));
    QCOMPARE(model.index(1, 15).data().toString(), QStringLiteral("··"));
    QCOMPARE(model.headerData(1, Qt::Vertical, Qt::DisplayRole).toString(),
             QStringLiteral("80000010"));
    QVERIFY(!model.isChanged(1));
    bytes[1] = 'o';
    model.setWindow(0x80000000u, false, bytes, readable, true);
    QVERIFY(model.isChanged(1));
    QVERIFY(!model.isChanged(0));
    QVERIFY(model.index(0, 1).data(Qt::FontRole).value<QFont>().bold());
    model.setWindow(0x80000000u, false, bytes, readable, true); // a stop with no change
    QVERIFY(!model.isChanged(1));
    model.setWindow(0x80000100u, false, bytes, readable, true); // elsewhere: nothing to compare
    QVERIFY(!model.isChanged(1));
}

void MemoryViewTest::goToAcceptsAddressesAndSymbols() {
    views::MemoryView view;
    view.setSymbols({{QStringLiteral("data"), 0x80001004u}});
    QSignalSpy spy(&view, &views::MemoryView::windowRequested);
    QVERIFY(view.goTo(QStringLiteral("0x80000123")));
    QCOMPARE(spy.takeLast().at(0).toUInt(), 0x80000120u); // rows start at multiples of 16
    QVERIFY(view.goTo(QStringLiteral("data+0x20")));
    QCOMPARE(spy.takeLast().at(0).toUInt(), 0x80001020u);
    QVERIFY(view.goTo(QStringLiteral("2147483648")));
    QCOMPARE(spy.takeLast().at(0).toUInt(), 0x80000000u);
    QVERIFY(!view.goTo(QStringLiteral("nosuchsymbol")));
    QVERIFY(view.message().contains(QLatin1String("nosuchsymbol")));
    view.setVirtual(true);
    QCOMPARE(spy.takeLast().at(2).toBool(), true);
}

void MemoryViewTest::bridgeReadsPhysicalAndVirtualWindows() {
    app::EngineBridge bridge;
    bridge.load(QString::fromLatin1(kWatchProgram));
    QVERIFY(settle(bridge));
    const uint32_t data = *bridge.program()->symbol("data");
    bridge.setMemoryWindow(data, 16, false);
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().memory.address, data);
    QCOMPARE(bridge.snapshot().memory.bytes.size(), 16);
    QCOMPARE(bridge.snapshot().memory.readable.count('\1'), 16);
    bridge.stepInto(8);
    QVERIFY(settle(bridge));
    QCOMPARE(static_cast<uint8_t>(bridge.snapshot().memory.bytes[0]), 1u);
    // With satp = 0 (bare), a virtual address is its physical address.
    bridge.setMemoryWindow(data, 16, true);
    QVERIFY(settle(bridge));
    QVERIFY(bridge.snapshot().memory.isVirtual);
    QCOMPARE(static_cast<uint8_t>(bridge.snapshot().memory.bytes[0]), 1u);
    // A hole in the memory map reads as unreadable, not as zeros.
    bridge.setMemoryWindow(0x40000000u, 16, false);
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().memory.readable.count('\0'), 16);
}

void MemoryViewTest::watchpointStopsExactlyWhenTheWordChanges() {
    app::EngineBridge bridge;
    bridge.load(QString::fromLatin1(kWatchProgram));
    QVERIFY(settle(bridge));
    const Program& p = *bridge.program();
    bridge.setWatchpoints({*p.symbol("data")}, false);
    bridge.run();
    QVERIFY(settle(bridge));
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Paused);
    QCOMPARE(bridge.snapshot().hart.pc, *p.symbol("after_first"));
    QCOMPARE(bridge.snapshot().watchpointHit.value_or(0), *p.symbol("data"));
    bridge.run(); // the next store writes the same value: not a change
    QTRY_COMPARE(bridge.snapshot().hart.pc, *p.symbol("after_second"));
    QCOMPARE(bridge.snapshot().state, app::RunState::Paused);
    bridge.setWatchpoints({}, false);
    bridge.run();
    QTRY_COMPARE(bridge.snapshot().state, app::RunState::Halted);
    QVERIFY(!bridge.snapshot().watchpointHit);
}

void MemoryViewTest::virtualWindowFollowsThePageTable() {
    app::EngineBridge bridge;
    bridge.load(QString::fromLatin1(kPaging));
    QVERIFY(settle(bridge));
    QVERIFY(bridge.program());
    bridge.runToLine(19); // j s_mode: in S-mode, with satp set
    QTRY_COMPARE(bridge.snapshot().hart.priv, Privilege::Supervisor);
    bridge.setMemoryWindow(0x80000000u, 32, false);
    QVERIFY(settle(bridge));
    const QByteArray physical = bridge.snapshot().memory.bytes;
    bridge.setMemoryWindow(0x40000000u, 32, true);
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().memory.readable.count('\1'), 32);
    QCOMPARE(bridge.snapshot().memory.bytes, physical); // the same RAM through the mapping
    bridge.setMemoryWindow(0x40000000u, 32, false);     // as a physical address: a hole
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().memory.readable.count('\0'), 32);
    bridge.setMemoryWindow(0x10000000u - 16, 32, true); // unmapped virtual: unreadable
    QVERIFY(settle(bridge));
    QCOMPARE(bridge.snapshot().memory.readable.count('\0'), 32);
}

// Double-click a hex cell, type two digits: the engine writes the byte (as the program
// would see it), the future recorded from there is dropped, and step back undoes it.
void MemoryViewTest::aByteTypedWhilePausedIsWrittenAndStepBackUndoesIt() {
    app::EngineBridge bridge;
    views::MemoryView view;
    connect(&view, &views::MemoryView::byteEditRequested, &bridge,
            &app::EngineBridge::setMemoryByte);
    connect(&bridge, &app::EngineBridge::snapshotChanged, this, [&](const app::EngineSnapshot& s) {
        view.model()->setWindow(s.memory.address, s.memory.isVirtual, s.memory.bytes,
                                s.memory.readable, s.stopped);
        view.model()->setEditable(s.state == app::RunState::Paused);
    });
    bridge.load(QString::fromLatin1(kWatchProgram));
    QVERIFY(settle(bridge));
    const uint32_t data = *bridge.program()->symbol("data");
    bridge.setMemoryWindow(data, 16, false);
    bridge.stepInto(7); // la, csrw, la, li, sw: the first store has written 1
    QVERIFY(settle(bridge));
    QCOMPARE(view.model()->byteAt(0), 1);
    const QModelIndex cell = view.model()->index(0, 0);
    QVERIFY(view.model()->flags(cell) & Qt::ItemIsEditable);
    QVERIFY(!view.model()
                 ->flags(view.model()->index(0, MemoryModel::kAsciiColumn))
                 .testFlag(Qt::ItemIsEditable));
    QVERIFY(!view.model()->setData(cell, QStringLiteral("1g"), Qt::EditRole)); // not hex
    QVERIFY(view.model()->setData(cell, QStringLiteral("7f"), Qt::EditRole));
    QVERIFY(settle(bridge));
    QCOMPARE(view.model()->byteAt(0), 0x7f);
    QCOMPARE(bridge.snapshot().memory.bytes.at(0), char(0x7f));
    bridge.stepBack(); // before the store and the edit
    QVERIFY(settle(bridge));
    QCOMPARE(view.model()->byteAt(0), 0);
    bridge.stepInto(1); // the store again, without the edit: the edit is undone
    QVERIFY(settle(bridge));
    QCOMPARE(view.model()->byteAt(0), 1);
}

QTEST_MAIN(MemoryViewTest)
#include "test_memory_view.moc"
