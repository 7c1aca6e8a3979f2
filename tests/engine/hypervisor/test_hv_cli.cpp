// `vizor run --mode/--x86-sensitive/--costs` and `vizor compare`, through the same entry
// point app/main.cpp uses; and the cost model: cycles are counts times primitives.
#include "HypervisorTestSupport.h"
#include "MiniKernel.h"
#include "cli/CommandLine.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sstream>

using namespace vizor;
using namespace vizor::hv;

namespace {

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

QJsonObject json(const Outcome& o) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(o.out)).object();
}

} // namespace

class HypervisorCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runInTrapModeReportsTheHypervisor();
    void runRefusesUnknownAndUnimplementedModes();
    void x86SwitchReachesTheMachine();
    void compareRunsEveryModeSideBySide();
    void costFileChangesCyclesThroughCountsOnly();
    void costFileErrorsNameTheLine();

private:
    QTemporaryDir dir_;
    std::string kernel_;
    std::string write(const char* name, const std::string& text) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", name);
        f.write(text.data(), static_cast<qint64>(text.size()));
        return path.toStdString();
    }
};

void HypervisorCliTest::initTestCase() {
    QVERIFY(dir_.isValid());
    kernel_ = write("kernel.s", ".equ ROUNDS, 3\n.equ LOOP, 200\n.equ CS_COUNT, 10\n" +
                                    std::string(hvtest::kMiniKernel));
}

void HypervisorCliTest::runInTrapModeReportsTheHypervisor() {
    const Outcome o = invoke({"run", kernel_, "--mode", "trap", "--json"});
    QCOMPARE(o.status, 0);
    const QJsonObject j = json(o);
    QCOMPARE(j["mode"].toString(), QString("trap"));
    QVERIFY(j["console"].toString().contains("CRITICAL SECTION OK"));
    const QJsonObject hvj = j["hypervisor"].toObject();
    QVERIFY(hvj["exits"].toInt() > 0);
    QCOMPARE(hvj["world_switches"].toInt(), 2 * hvj["exits"].toInt());
    QVERIFY(hvj["exits_by_reason"].toObject()["sbi_call"].toInt() > 0);
    QVERIFY(hvj["virtual_cycles"].toInteger() > 0);
    // The same run is reproducible byte for byte.
    QCOMPARE(invoke({"run", kernel_, "--mode", "trap", "--json"}).out, o.out);
    // Text mode: console on stdout, the hypervisor line on stderr.
    const Outcome text = invoke({"run", kernel_, "--mode", "emulate"});
    QVERIFY(text.out.find("DONE") != std::string::npos);
    QVERIFY(text.err.find("mode emulate") != std::string::npos);
}

void HypervisorCliTest::runRefusesUnknownAndUnimplementedModes() {
    Outcome o = invoke({"run", kernel_, "--mode", "warp"});
    QCOMPARE(o.status, 2);
    QVERIFY(o.err.find("unknown mode") != std::string::npos);
    o = invoke({"run", kernel_, "--mode", "patch"}); // every mode is implemented now
    QCOMPARE(o.status, 0);
    o = invoke({"run", kernel_, "--mode"});
    QCOMPARE(o.status, 2);
}

void HypervisorCliTest::x86SwitchReachesTheMachine() {
    const Outcome o = invoke({"run", kernel_, "--mode", "trap", "--x86-sensitive"});
    QCOMPARE(o.status, 0);
    QVERIFY(o.out.find("SELFCHECK FAIL") != std::string::npos);
    QVERIFY(o.out.find("CRITICAL SECTION BROKEN") != std::string::npos);
}

void HypervisorCliTest::compareRunsEveryModeSideBySide() {
    const Outcome o = invoke({"compare", kernel_, "--json"});
    QCOMPARE(o.status, 0);
    const QJsonObject modes = json(o)["modes"].toObject();
    QCOMPARE(modes.size(), 7);
    for (const char* m : {"native", "emulate", "trap"}) {
        const QJsonObject mode = modes[m].toObject();
        QVERIFY(mode["implemented"].toBool());
        QVERIFY(mode["console_matches_native"].toBool());
        QCOMPARE(mode["halted_reason"].toString(), QString("poweroff"));
    }
    QVERIFY(modes["patch"].toObject()["implemented"].toBool());
    QVERIFY(modes["patch"].toObject()["console_matches_native"].toBool());
    QVERIFY(modes["bt"].toObject()["console_matches_native"].toBool());
    QVERIFY(modes["pv"].toObject()["implemented"].toBool());
    QCOMPARE(modes["native"].toObject()["overhead_vs_native"].toString(), QString("1.0000"));
    QVERIFY(modes["emulate"].toObject()["overhead_vs_native"].toString().toDouble() > 1.0);
    const Outcome table = invoke({"compare", kernel_});
    QVERIFY(table.out.find("trap ") != std::string::npos);
    QVERIFY(table.out.find("patch ") != std::string::npos);
    QVERIFY(table.out.find("not implemented") == std::string::npos); // every mode runs now
}

void HypervisorCliTest::costFileChangesCyclesThroughCountsOnly() {
    const std::string costs = write("costs.txt", "# no world switch cost\nworld_switch = 0\n");
    const QJsonObject base = json(invoke({"run", kernel_, "--mode", "trap", "--json"}));
    const QJsonObject free =
        json(invoke({"run", kernel_, "--mode", "trap", "--json", "--costs", costs}));
    const QJsonObject b = base["hypervisor"].toObject();
    const QJsonObject f = free["hypervisor"].toObject();
    QCOMPARE(f["exits"].toInt(), b["exits"].toInt()); // the mechanism did the same
    const qint64 saved = b["virtual_cycles"].toInteger() - f["virtual_cycles"].toInteger();
    QCOMPARE(saved, qint64(b["world_switches"].toInt()) * qint64(CostModel{}.worldSwitch));
}

void HypervisorCliTest::costFileErrorsNameTheLine() {
    std::string error;
    QVERIFY(!CostModel::parse("instruction = 1\nwarp_drive = 3\n", error));
    QVERIFY(error.find("line 2") != std::string::npos);
    QVERIFY(!CostModel::parse("instruction = many\n", error));
    const auto model = CostModel::parse("  shadow_sync=7 # comment\n\n", error);
    QVERIFY(model);
    QCOMPARE(model->shadowSync, 7u);
    QCOMPARE(CostModel::entries().size(), 16u);
    const std::string bad = write("bad.txt", "nonsense\n");
    QCOMPARE(invoke({"run", kernel_, "--mode", "trap", "--costs", bad}).status, 2);
}

QTEST_APPLESS_MAIN(HypervisorCliTest)
#include "test_hv_cli.moc"
