// Help > About Vizor: the version, and what Vizor is built on with each part's licence.
#pragma once

#include <QDialog>

class QMenu;

namespace vizor::app {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // The dialog's text (rich text): the version of Vizor, and of Qt and QCustomPlot as
    // they run (Qt's from the loaded library, not the headers it was built against).
    static QString text();

    // Adds "About Vizor" (and "About Qt") to `help`, opening the dialog over `parent`.
    static void addTo(QMenu* help, QWidget* parent);
};

} // namespace vizor::app
