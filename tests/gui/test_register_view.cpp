// The register pane: the privilege banner follows the hart, CSRs sit beside the integer
// registers and are all visible at 1280x800 without scrolling, and the decimal column
// can be signed or unsigned (pointer-like registers are always unsigned).
#include "app/MainWindow.h"
#include "views/RegisterModel.h"
#include "views/RegisterView.h"

#include <QCheckBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace vizor;
using views::RegisterModel;

class RegisterViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void bannerShowsThePrivilegeMode();
    void registersAndCsrsAreSplit();
    void signedToggleLeavesPointersUnsigned();
    void everyCsrIsVisibleAt1280x800();
};

namespace {
QString cell(const QTableView* table, int row, int column) {
    return table->model()->index(row, column).data().toString();
}
int rowNamed(const QTableView* table, const QString& name) {
    for (int row = 0; row < table->model()->rowCount(); ++row)
        if (cell(table, row, 0) == name) return row;
    return -1;
}
} // namespace

void RegisterViewTest::bannerShowsThePrivilegeMode() {
    views::RegisterView view;
    HartState hart;
    view.registerModel()->setHart(hart, true);
    QCOMPARE(view.privilegeText(), QStringLiteral("M  Machine mode"));
    hart.priv = Privilege::User;
    view.registerModel()->setHart(hart, true);
    QCOMPARE(view.privilegeText(), QStringLiteral("U  User mode"));
}

void RegisterViewTest::registersAndCsrsAreSplit() {
    views::RegisterView view;
    const QTableView* regs = view.registerTable();
    const QTableView* csrs = view.csrTable();
    QCOMPARE(regs->model()->rowCount(), 33); // pc, x0..x31
    QCOMPARE(cell(regs, 0, 0), QStringLiteral("pc"));
    QCOMPARE(cell(regs, 1, 0), QStringLiteral("x0"));
    QCOMPARE(rowNamed(regs, QStringLiteral("mstatus")), -1);
    QVERIFY(rowNamed(csrs, QStringLiteral("satp")) >= 0);
    QCOMPARE(rowNamed(csrs, QStringLiteral("x5")), -1);
    QCOMPARE(rowNamed(csrs, QStringLiteral("priv")), -1); // the banner shows it
    QCOMPARE(csrs->model()->columnCount(), 2);
    HartState hart;
    hart.instret = 1234567;
    view.registerModel()->setHart(hart, true);
    QCOMPARE(cell(csrs, rowNamed(csrs, QStringLiteral("instret")), 1), QLocale().toString(1234567));
}

void RegisterViewTest::signedToggleLeavesPointersUnsigned() {
    views::RegisterView view;
    HartState hart;
    hart.x[2] = 0x80400000u;  // sp
    hart.x[10] = 0xfffffffeu; // a0
    view.registerModel()->setHart(hart, true);
    const QTableView* regs = view.registerTable();
    const int decimal = RegisterModel::Decimal;
    QCOMPARE(cell(regs, rowNamed(regs, QStringLiteral("x2")), decimal),
             QStringLiteral("2151677952"));
    QCOMPARE(cell(regs, rowNamed(regs, QStringLiteral("x10")), decimal), QStringLiteral("-2"));
    view.signedToggle()->setChecked(false);
    QCOMPARE(cell(regs, rowNamed(regs, QStringLiteral("x10")), decimal),
             QStringLiteral("4294967294"));
    QCOMPARE(cell(regs, rowNamed(regs, QStringLiteral("x2")), decimal),
             QStringLiteral("2151677952"));
}

void RegisterViewTest::everyCsrIsVisibleAt1280x800() {
    app::MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QTableView* csrs = window.registerView()->csrTable();
    const int last = csrs->model()->rowCount() - 1;
    QTRY_VERIFY(csrs->viewport()->rect().contains(csrs->visualRect(csrs->model()->index(last, 1))));
    QVERIFY(csrs->viewport()->rect().contains(csrs->visualRect(csrs->model()->index(0, 1))));
    QVERIFY(csrs->columnWidth(0) + csrs->columnWidth(1) <= csrs->viewport()->width() + 1);
}

QTEST_MAIN(RegisterViewTest)
#include "test_register_view.moc"
