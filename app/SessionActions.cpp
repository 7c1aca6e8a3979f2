#include "app/SessionActions.h"

#include "app/HypervisorPanes.h"
#include "app/InspectorPanes.h"
#include "app/MainWindow.h"
#include "views/CodeEditor.h"
#include "views/EventLogView.h"
#include "views/MemoryView.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

namespace vizor::app {

Session SessionActions::capture(MainWindow& window) {
    Session s;
    s.programText = window.editor()->toPlainText();
    s.fileName = window.windowFilePath();
    s.breakpointLines = window.editor()->breakpointLines();
    s.watchpoints = window.inspectors()->memory()->watchpoints();
    s.watchpointsVirtual = window.inspectors()->memory()->isVirtual();
    s.eventBreakpoints = window.inspectors()->eventLog()->eventBreakpoints();
    s.position = window.bridge().snapshot().hart.steps;
    s.scenario = window.bridge().scenario();
    return s;
}

bool SessionActions::open(MainWindow& window, const QString& path, QString* error) {
    const auto s = Session::load(path, error);
    if (!s) return false;
    window.openSource(s->programText,
                      s->fileName.isEmpty() ? QStringLiteral("session.s") : s->fileName);
    window.editor()->setBreakpointLines(s->breakpointLines);
    views::MemoryView* memory = window.inspectors()->memory();
    memory->setVirtual(s->watchpointsVirtual);
    memory->setWatchpoints(s->watchpoints);
    window.bridge().setWatchpoints(s->watchpoints, s->watchpointsVirtual);
    window.inspectors()->eventLog()->setEventBreakpoints(s->eventBreakpoints);
    window.hypervisorPanes()->setScenario(s->scenario); // rebuilds and loads again
    window.bridge().goTo(s->position);
    return true;
}

void SessionActions::addTo(QMenu* file, MainWindow& window) {
    const QString filter = tr("Vizor sessions (*.vizor.json *.json)");
    file->addAction(tr("Open Session…"), &window, [&window, filter] {
        const QString path = QFileDialog::getOpenFileName(&window, tr("Open Session"), {}, filter);
        QString error;
        if (!path.isEmpty() && !open(window, path, &error))
            QMessageBox::warning(&window, tr("Open Session"),
                                 tr("Cannot open %1:\n%2").arg(path, error));
    });
    file->addAction(tr("Save Session…"), &window, [&window, filter] {
        const QString path = QFileDialog::getSaveFileName(&window, tr("Save Session"), {}, filter);
        QString error;
        if (!path.isEmpty() && !capture(window).save(path, &error))
            QMessageBox::warning(&window, tr("Save Session"),
                                 tr("Cannot save %1:\n%2").arg(path, error));
    });
}

} // namespace vizor::app
