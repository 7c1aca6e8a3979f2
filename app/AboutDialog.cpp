#include "app/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace vizor::app {

namespace {

struct Component {
    QString name;
    QString version;
    const char* licence; // SPDX identifier, shown as written
    const char* url;
};

QList<Component> components() {
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion()), "LGPL-3.0-only",
         "https://www.qt.io/licensing/open-source-lgpl-obligations"},
        {QStringLiteral("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR), "GPL-3.0-or-later",
         "https://www.qcustomplot.com/"},
        {QStringLiteral("GNU C++ library"), QString(), "GPL-3.0-or-later WITH GCC-exception-3.1",
         "https://gcc.gnu.org/onlinedocs/libstdc++/"},
    };
}

} // namespace

QString AboutDialog::text() {
    QString rows;
    for (const Component& c : components())
        rows +=
            QStringLiteral("<tr><td><a href=\"%1\">%2</a></td><td>%3</td><td>%4</td></tr>")
                .arg(QString::fromLatin1(c.url), c.name, c.version, QString::fromLatin1(c.licence));
    return tr("<h2>Vizor %1</h2>"
              "<p>Watch a hypervisor run a RISC-V guest kernel, instruction by instruction.</p>"
              "<p>Vizor is built on:</p>")
               .arg(QApplication::applicationVersion()) +
           QStringLiteral("<table cellspacing=\"6\"><tr><th align=\"left\">%1</th>"
                          "<th align=\"left\">%2</th><th align=\"left\">%3</th></tr>%4</table>")
               .arg(tr("Component"), tr("Version"), tr("Licence"), rows);
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Vizor"));
    auto* label = new QLabel(text(), this);
    label->setObjectName(QStringLiteral("aboutText"));
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

void AboutDialog::addTo(QMenu* help, QWidget* parent) {
    QAction* about = help->addAction(tr("&About Vizor"), parent, [parent] {
        AboutDialog dialog(parent);
        dialog.exec();
    });
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

} // namespace vizor::app
