// Help > About Vizor: the version and the licences of what Vizor is built on.
#include "app/AboutDialog.h"

#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QTest>
#include <QTimer>

using vizor::app::AboutDialog;

class AboutDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QApplication::setApplicationVersion(QStringLiteral("3.2.1")); }

    void showsVersionAndLicences() {
        AboutDialog dialog;
        const auto* label = dialog.findChild<QLabel*>(QStringLiteral("aboutText"));
        QVERIFY(label);
        const QString text = label->text();
        QVERIFY(text.contains(QStringLiteral("Vizor 3.2.1")));
        // The Qt that is running, which may differ from the headers Vizor was built with.
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        for (const char* licence : {"LGPL-3.0-only", "GPL-3.0-or-later"})
            QVERIFY2(text.contains(QLatin1String(licence)), licence);
        QVERIFY(text.contains(QStringLiteral("QCustomPlot")));
    }

    void helpMenuOpensIt() {
        QWidget parent;
        QMenu help;
        AboutDialog::addTo(&help, &parent);
        QCOMPARE(help.actions().size(), 2);
        QCOMPARE(help.actions().first()->menuRole(), QAction::AboutRole);
        // The dialog is modal: close it as soon as it shows, then the action returns.
        QTimer::singleShot(0, [&parent] {
            auto* shown = parent.findChild<AboutDialog*>();
            QVERIFY(shown && shown->isVisible());
            shown->reject();
        });
        help.actions().first()->trigger();
        QVERIFY(parent.findChild<AboutDialog*>() == nullptr);
    }
};

QTEST_MAIN(AboutDialogTest)
#include "test_about_dialog.moc"
