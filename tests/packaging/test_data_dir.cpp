// Where Vizor finds its data: VIZOR_DATA_DIR, else an installed prefix beside the
// executable, else the sources it was built from.
#include "app/DataDir.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace vizor::app;

class DataDirTest : public QObject {
    Q_OBJECT
private slots:
    void buildTreeUsesTheSources() {
        qunsetenv("VIZOR_DATA_DIR");
        const QString sources = QDir::cleanPath(qEnvironmentVariable("VIZOR_SOURCE_DIR"));
        QCOMPARE(dataRoot(), sources);
        QCOMPARE(resourcesDirectory(), sources + QStringLiteral("/resources"));
        QCOMPARE(lessonsDirectory(), sources + QStringLiteral("/lessons"));
        QVERIFY(QFileInfo::exists(resourcesDirectory() + QStringLiteral("/guests/kernel.s")));
    }

    void environmentWins() {
        qputenv("VIZOR_DATA_DIR", "/nonexistent/vizor");
        QCOMPARE(dataRoot(), QStringLiteral("/nonexistent/vizor"));
        QCOMPARE(lessonsDirectory(), QStringLiteral("/nonexistent/vizor/lessons"));
        qunsetenv("VIZOR_DATA_DIR");
    }

    void installedPrefixIsFoundBesideTheExecutable() {
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        const QString bin = prefix.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        QCOMPARE(installedRootFor(bin), QString()); // nothing installed yet
        QVERIFY(QDir().mkpath(prefix.filePath(QStringLiteral("share/vizor/resources/guests"))));
        QCOMPARE(installedRootFor(bin),
                 QDir::cleanPath(prefix.filePath(QStringLiteral("share/vizor"))));
    }
};

QTEST_MAIN(DataDirTest)
#include "test_data_dir.moc"
