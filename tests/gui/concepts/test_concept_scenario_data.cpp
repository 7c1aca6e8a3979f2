// Where the concept views' real runs find the guest kernel and the scenarios: an
// installed Vizor (share/vizor beside bin/) or VIZOR_DATA_DIR, not only the source tree
// it was built from, so the lesson exporter and the gallery work from a package.
#include "views/concepts/ScenarioRun.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace vizor::views::concepts;

class TestScenarioData : public QObject {
    Q_OBJECT
private slots:
    void installedPrefixIsFoundBesideTheExecutable();
    void runsReadTheDataRootTheyAreGiven();
};

namespace {

// Copies the guest kernel's sources into <root>/resources/guests, plus a workload that
// exists only there.
bool installGuests(const QString& root) {
    const QString from = QString::fromStdString(dataRoot()) + QStringLiteral("/resources/guests");
    const QString to = root + QStringLiteral("/resources/guests");
    if (!QDir().mkpath(to + QStringLiteral("/workloads"))) return false;
    for (const QString& name : QDir(from).entryList({"*.s", "*.inc"}, QDir::Files))
        if (!QFile::copy(from + '/' + name, to + '/' + name)) return false;
    return QFile::copy(from + QStringLiteral("/workloads/syscalls.s"),
                       to + QStringLiteral("/workloads/installed-only.s"));
}

} // namespace

void TestScenarioData::installedPrefixIsFoundBesideTheExecutable() {
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const QString bin = prefix.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    QCOMPARE(installedDataRootFor(bin.toStdString()), std::string()); // nothing installed
    QVERIFY(installGuests(prefix.filePath(QStringLiteral("share/vizor"))));
    QCOMPARE(QString::fromStdString(installedDataRootFor(bin.toStdString())),
             QDir::cleanPath(prefix.filePath(QStringLiteral("share/vizor"))));
}

void TestScenarioData::runsReadTheDataRootTheyAreGiven() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(installGuests(root.path()));
    const QByteArray sources = qgetenv("VIZOR_SOURCE_DIR");
    ScenarioOptions o;
    o.workload = "installed-only";
    o.maxSteps = 50'000;
    // From the sources (the tests' VIZOR_SOURCE_DIR) there is no such workload...
    QVERIFY(!runScenario(o).ok());
    // ...from the data directory there is.
    qunsetenv("VIZOR_SOURCE_DIR");
    qputenv("VIZOR_DATA_DIR", root.path().toLocal8Bit());
    QCOMPARE(QString::fromStdString(dataRoot()), root.path());
    const ScenarioRun run = runScenario(o);
    qunsetenv("VIZOR_DATA_DIR");
    qputenv("VIZOR_SOURCE_DIR", sources);
    QVERIFY2(run.ok(), run.error.c_str());
    QVERIFY(!run.events.empty());
}

QTEST_MAIN(TestScenarioData)
#include "test_concept_scenario_data.moc"
