#include "app/DebugActions.h"

#include <QAction>
#include <QIcon>
#include <QWidget>

namespace vizor::app {

namespace {

QAction* makeAction(QWidget* owner, const QString& text, const QString& tip,
                    QList<QKeySequence> keys, const char* icon) {
    // Our own simple icons (resources/icons): the same on every desktop, legible on
    // light and dark palettes.
    auto* action =
        new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))), text, owner);
    action->setShortcuts(keys);
    // The shortcut in the tooltip teaches it: "Step Over (F10)".
    action->setToolTip(
        QStringLiteral("%1 (%2)").arg(tip, keys.front().toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    owner->addAction(action); // shortcuts work wherever the focus is in the window
    return action;
}

} // namespace

DebugActions::DebugActions(QWidget* parent) : QObject(parent) {
    run = makeAction(parent, tr("Continue"), tr("Run until a breakpoint or the end"), {Qt::Key_F5},
                     "continue");
    pause = makeAction(parent, tr("Pause"), tr("Pause the running program"),
                       {Qt::Key_F6, QKeySequence(Qt::CTRL | Qt::Key_Pause)}, "pause");
    stop = makeAction(parent, tr("Stop"), tr("End the run and go back to the first instruction"),
                      {QKeySequence(Qt::SHIFT | Qt::Key_F5)}, "stop");
    stepInto = makeAction(parent, tr("Step Into"), tr("Execute one instruction"), {Qt::Key_F11},
                          "step-into");
    stepOver = makeAction(parent, tr("Step Over"),
                          tr("Run the current line; a call runs until it returns"), {Qt::Key_F10},
                          "step-over");
    stepOut = makeAction(parent, tr("Step Out"),
                         tr("Run until the current function or trap handler returns"),
                         {QKeySequence(Qt::SHIFT | Qt::Key_F11)}, "step-out");
    stepBack = makeAction(parent, tr("Step Back"), tr("Go back one instruction in time"),
                          {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F11)}, "step-back");
    reverseContinue =
        makeAction(parent, tr("Reverse Continue"), tr("Run backwards to the previous breakpoint"),
                   {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5)}, "reverse-continue");
    runToCursor =
        makeAction(parent, tr("Run to Cursor"), tr("Run until the line of the text cursor"),
                   {QKeySequence(Qt::CTRL | Qt::Key_F10)}, "run-to-cursor");
    toggleBreakpoint = makeAction(parent, tr("Toggle Breakpoint"),
                                  tr("Set or clear a breakpoint on the cursor's line"),
                                  {Qt::Key_F9}, "breakpoint");
    reset = makeAction(parent, tr("Reset"), tr("Restart the program from its first instruction"),
                       {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}, "reset");
    updateFor(RunState::Empty, false);
}

QList<QAction*> DebugActions::all() const {
    return {run,      pause,           stop,        stepInto,         stepOver, stepOut,
            stepBack, reverseContinue, runToCursor, toggleBreakpoint, reset};
}

void DebugActions::updateFor(RunState state, bool canStepBack) {
    const bool running = state == RunState::Running;
    // With no program loaded, the forward actions still work: they assemble first.
    const bool forward = state == RunState::Paused || state == RunState::Empty;
    const bool backward = (state == RunState::Paused || state == RunState::Halted) && canStepBack;
    run->setEnabled(forward);
    stepInto->setEnabled(forward);
    stepOver->setEnabled(forward);
    stepOut->setEnabled(forward);
    runToCursor->setEnabled(forward);
    pause->setEnabled(running);
    stepBack->setEnabled(backward);
    reverseContinue->setEnabled(backward);
    reset->setEnabled(!running);
    stop->setEnabled(state != RunState::Empty);
    toggleBreakpoint->setEnabled(true);
}

} // namespace vizor::app
