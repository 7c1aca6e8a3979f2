// The register table: a well-behaved model (QAbstractItemModelTester), values that
// changed since the last stop marked, and edits turned into requests only while paused.
#include "views/RegisterModel.h"
#include "views/RegisterTable.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace vizor;
using vizor::views::RegisterModel;

class RegisterModelTest : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void listsRegistersPcPrivilegeAndCsrs();
    void marksValuesChangedSinceTheLastStop();
    void progressWhileRunningComparesWithTheLastStop();
    void theSameStopPublishedAgainKeepsTheMarks();
    void clearHistoryForgetsChanges();
    void sstatusIsAViewOfMstatus();
    void editsBecomeRequestsOnlyWhenEditable();
    void parsesWhatUsersType();
};

namespace {
QString cell(const RegisterModel& m, const char* name, int column) {
    return m.data(m.index(m.rowOf(QString::fromLatin1(name)), column), Qt::DisplayRole).toString();
}
} // namespace

void RegisterModelTest::passesTheModelTester() {
    RegisterModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    HartState hart;
    model.setHart(hart, true);
    hart.x[5] = 7;
    model.setHart(hart, true);
    model.setEditable(true);
    model.clearHistory();
    QVERIFY(model.rowCount() > 50);
}

void RegisterModelTest::listsRegistersPcPrivilegeAndCsrs() {
    RegisterModel model;
    HartState hart;
    hart.x[10] = 0xfffffffeu;
    hart.pc = 0x80000010u;
    hart.csr.mtvec = 0x80000100u;
    hart.instret = 12;
    model.setHart(hart, true);
    QCOMPARE(cell(model, "x10", RegisterModel::Alias), QStringLiteral("a0"));
    QCOMPARE(cell(model, "x10", RegisterModel::Hex), QStringLiteral("0xfffffffe"));
    QCOMPARE(cell(model, "x10", RegisterModel::Decimal), QStringLiteral("-2"));
    QCOMPARE(cell(model, "pc", RegisterModel::Hex), QStringLiteral("0x80000010"));
    QVERIFY(cell(model, "priv", RegisterModel::Hex).startsWith(QLatin1Char('M')));
    QCOMPARE(cell(model, "mtvec", RegisterModel::Hex), QStringLiteral("0x80000100"));
    QCOMPARE(cell(model, "instret", RegisterModel::Decimal), QStringLiteral("12"));
    const QModelIndex sp = model.index(model.rowOf(u"x2"), RegisterModel::Name);
    QCOMPARE(model.data(sp, Qt::ToolTipRole).toString(), QStringLiteral("Stack pointer"));
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(!model.data(model.index(row, RegisterModel::Name), Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
    for (const char* csr : {"mstatus", "misa", "medeleg", "mideleg", "mie", "mip", "mscratch",
                            "mepc", "mcause", "mtval", "mcounteren", "sstatus", "stvec", "sscratch",
                            "sepc", "scause", "stval", "satp", "cycle"})
        QVERIFY2(model.rowOf(QString::fromLatin1(csr)) >= 0, csr);
}

void RegisterModelTest::marksValuesChangedSinceTheLastStop() {
    RegisterModel model;
    HartState hart;
    model.setHart(hart, true);
    const int t0 = model.rowOf(u"x5");
    const int a0 = model.rowOf(u"x10");
    QVERIFY(!model.isChanged(t0));
    hart.x[5] = 42;
    hart.pc += 4;
    model.setHart(hart, true);
    QVERIFY(model.isChanged(t0));
    QVERIFY(model.isChanged(model.rowOf(u"pc")));
    QVERIFY(!model.isChanged(a0));
    const QModelIndex value = model.index(t0, RegisterModel::Hex);
    QVERIFY(model.data(value, Qt::BackgroundRole).isValid());
    QVERIFY(model.data(value, Qt::FontRole).value<QFont>().bold());
    QVERIFY(model.data(value, Qt::ToolTipRole).toString().contains(QLatin1String("0x00000000")));
    QVERIFY(!model.data(model.index(a0, RegisterModel::Hex), Qt::BackgroundRole).isValid());
    QVERIFY(!model.data(model.index(a0, RegisterModel::Hex), Qt::FontRole).value<QFont>().bold());
    ++hart.steps;              // a later stop (a step that changed no register shown here)
    model.setHart(hart, true); // the next stop without changes clears the marks
    QVERIFY(!model.isChanged(t0));
}

void RegisterModelTest::progressWhileRunningComparesWithTheLastStop() {
    RegisterModel model;
    HartState hart;
    model.setHart(hart, true);
    hart.x[6] = 1;
    model.setHart(hart, false);
    QVERIFY(model.isChanged(model.rowOf(u"x6")));
    hart.x[6] = 0; // back to the value at the last stop
    ++hart.steps;
    model.setHart(hart, false);
    QVERIFY(!model.isChanged(model.rowOf(u"x6")));
}

// Another pane asking for data republishes the same stop; the marks must survive it.
void RegisterModelTest::theSameStopPublishedAgainKeepsTheMarks() {
    RegisterModel model;
    HartState hart;
    model.setHart(hart, true);
    hart.x[7] = 3;
    ++hart.steps;
    model.setHart(hart, true);
    QVERIFY(model.isChanged(model.rowOf(u"x7")));
    model.setHart(hart, true);
    QVERIFY(model.isChanged(model.rowOf(u"x7")));
    model.setHart(hart, false);
    QVERIFY(model.isChanged(model.rowOf(u"x7")));
}

void RegisterModelTest::clearHistoryForgetsChanges() {
    RegisterModel model;
    HartState hart;
    model.setHart(hart, true);
    hart.x[7] = 3;
    model.setHart(hart, true);
    QVERIFY(model.isChanged(model.rowOf(u"x7")));
    model.clearHistory();
    QVERIFY(!model.isChanged(model.rowOf(u"x7")));
    hart.x[7] = 9; // a new program: its first state is the baseline
    model.setHart(hart, true);
    QVERIFY(!model.isChanged(model.rowOf(u"x7")));
}

void RegisterModelTest::sstatusIsAViewOfMstatus() {
    RegisterModel model;
    HartState hart;
    hart.csr.mstatus = 0xffffffffu;
    model.setHart(hart, true);
    QCOMPARE(cell(model, "sstatus", RegisterModel::Hex), QStringLiteral("0x800de762"));
    const views::RegisterSpec* sstatus = views::findRegister("sstatus");
    QVERIFY(sstatus && sstatus->write);
    hart.csr.mstatus = 0x00001800u; // MPP = M must survive an sstatus write
    sstatus->write(hart, 0xffffffffu);
    QCOMPARE(hart.csr.mstatus, 0x800de762u | 0x00001800u);
}

void RegisterModelTest::editsBecomeRequestsOnlyWhenEditable() {
    RegisterModel model;
    model.setHart(HartState{}, true);
    QSignalSpy spy(&model, &RegisterModel::editRequested);
    const QModelIndex t0 = model.index(model.rowOf(u"x5"), RegisterModel::Hex);
    QVERIFY(!(model.flags(t0) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(t0, QStringLiteral("2a"), Qt::EditRole));
    model.setEditable(true);
    QVERIFY(model.flags(t0) & Qt::ItemIsEditable);
    QVERIFY(model.setData(t0, QStringLiteral("2a"), Qt::EditRole));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("x5"));
    QCOMPARE(spy.at(0).at(1).toUInt(), 42u);
    const QModelIndex decimal = model.index(model.rowOf(u"x5"), RegisterModel::Decimal);
    QVERIFY(model.setData(decimal, QStringLiteral("-1"), Qt::EditRole));
    QCOMPARE(spy.at(1).at(1).toUInt(), 0xffffffffu);
    QVERIFY(!model.setData(t0, QStringLiteral("zz"), Qt::EditRole));
    // x0 is hard-wired, the counters are the timeline: neither can be edited.
    QVERIFY(
        !(model.flags(model.index(model.rowOf(u"x0"), RegisterModel::Hex)) & Qt::ItemIsEditable));
    QVERIFY(!(model.flags(model.index(model.rowOf(u"instret"), RegisterModel::Hex)) &
              Qt::ItemIsEditable));
    QCOMPARE(spy.size(), 2);
}

void RegisterModelTest::parsesWhatUsersType() {
    using views::parseRegisterValue;
    QCOMPARE(parseRegisterValue(QStringLiteral("0x8000_0000"), false), 0x80000000u);
    QCOMPARE(parseRegisterValue(QStringLiteral("ff"), true), 0xffu);
    QCOMPARE(parseRegisterValue(QStringLiteral("-2048"), false), 0xfffff800u);
    QCOMPARE(parseRegisterValue(QStringLiteral("4294967295"), false), 0xffffffffu);
    QVERIFY(!parseRegisterValue(QStringLiteral("4294967296"), false));
    QVERIFY(!parseRegisterValue(QStringLiteral("0x1_0000_0000"), true));
    QVERIFY(!parseRegisterValue(QStringLiteral(""), true));
}

QTEST_MAIN(RegisterModelTest)
#include "test_register_model.moc"
