// File > Open Session / Save Session: moves a Session between a file and the window's
// panes (editor, memory, event log) and the engine's position.
#pragma once

#include "app/Session.h"

#include <QCoreApplication>

class QMenu;

namespace vizor::app {

class MainWindow;

class SessionActions {
    Q_DECLARE_TR_FUNCTIONS(SessionActions)

public:
    static Session capture(MainWindow& window);
    static bool open(MainWindow& window, const QString& path, QString* error);
    static void addTo(QMenu* file, MainWindow& window);
};

} // namespace vizor::app
