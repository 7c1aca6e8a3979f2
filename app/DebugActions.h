// The Debug menu and toolbar actions with the shortcuts people know from IDEs, and the
// rule for which of them make sense in each run state.
//
//   Continue F5                 Pause F6 (also Ctrl+Break)   Stop Shift+F5
//   Step Into F11               Step Over F10             Step Out Shift+F11
//   Step Back Ctrl+Shift+F11    Reverse Continue Ctrl+Shift+F5
//   Run to Cursor Ctrl+F10      Toggle Breakpoint F9      Reset Ctrl+Shift+R
//
// The backward actions are their forward twins with Ctrl+Shift added.
#pragma once

#include "app/EngineSnapshot.h"

#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace vizor::app {

class DebugActions : public QObject {
    Q_OBJECT
public:
    explicit DebugActions(QWidget* parent);

    void updateFor(RunState state, bool canStepBack);
    QList<QAction*> all() const;

    QAction* run;
    QAction* pause;
    QAction* stop;
    QAction* stepInto;
    QAction* stepOver;
    QAction* stepOut;
    QAction* stepBack;
    QAction* reverseContinue;
    QAction* runToCursor;
    QAction* toggleBreakpoint;
    QAction* reset;
};

} // namespace vizor::app
