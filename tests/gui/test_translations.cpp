// Italian is a first-class language: every string of the window must be translated,
// and translations must keep the placeholders (%1, %L1) and accelerators of the source.
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

class TranslationsTest : public QObject {
    Q_OBJECT
private slots:
    void italianIsComplete();
};

namespace {
QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%L?\\d"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}
} // namespace

void TranslationsTest::italianIsComplete() {
    QFile file(qEnvironmentVariable("VIZOR_SOURCE_DIR") +
               QStringLiteral("/resources/translations/vizor_it.ts"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    QString source;
    int messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString translation = xml.readElementText();
            QVERIFY2(!unfinished && !translation.isEmpty(), qPrintable(source));
            QCOMPARE(placeholders(translation), placeholders(source));
            QCOMPARE(translation.contains(QLatin1Char('&')), source.contains(QLatin1Char('&')));
            ++messages;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 50);
}

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
