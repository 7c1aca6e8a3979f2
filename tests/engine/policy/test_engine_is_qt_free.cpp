// The engine must never see Qt (design.md): neither an include in its sources nor a
// Qt library in what its target links. Both are checked here so CI fails if it changes.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class EngineIsQtFree : public QObject {
    Q_OBJECT
private slots:
    void noQtIncludeInSources();
    void targetLinksNoQt();
};

void EngineIsQtFree::noQtIncludeInSources() {
    const QString root = qEnvironmentVariable("VIZOR_SOURCE_DIR") + "/engine";
    QVERIFY2(QFile::exists(root), qPrintable("engine sources not found at " + root));
    static const QRegularExpression qtInclude(
        R"(^\s*#\s*include\s*[<"](Q[A-Za-z]+|Qt[A-Za-z]*/|qcustomplot))",
        QRegularExpression::MultilineOption);
    int files = 0;
    QStringList offenders;
    QDirIterator it(root, {"*.h", "*.hpp", "*.cpp", "*.cc"}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        ++files;
        if (qtInclude.match(QString::fromUtf8(file.readAll())).hasMatch())
            offenders << file.fileName();
    }
    QVERIFY2(files > 10, "too few engine sources found: is VIZOR_SOURCE_DIR right?");
    QVERIFY2(offenders.isEmpty(), qPrintable("Qt included in: " + offenders.join(", ")));
}

void EngineIsQtFree::targetLinksNoQt() {
    // Written at generate time from the target's LINK_LIBRARIES and
    // INTERFACE_LINK_LIBRARIES properties (tests/engine/policy/CMakeLists.txt).
    QFile file(QStringLiteral(VIZOR_ENGINE_LINK_FILE));
    QVERIFY2(file.open(QIODevice::ReadOnly), "link list of vizor_engine was not generated");
    const QString links = QString::fromUtf8(file.readAll());
    QVERIFY2(links.contains("vizor_warnings"), "link list looks empty: the check is broken");
    QVERIFY2(!links.contains("Qt", Qt::CaseInsensitive),
             qPrintable("vizor_engine links Qt: " + links));
}

QTEST_APPLESS_MAIN(EngineIsQtFree)
#include "test_engine_is_qt_free.moc"
