#include "app/DebugActions.h"

#include <QAction>
#include <QIcon>
#include <QStyle>
#include <QWidget>

namespace vizor::app {

namespace {

QAction* makeAction(QWidget* owner, const QString& text, const QString& tip,
                    QList<QKeySequence> keys, const char* themeIcon,
                    QStyle::StandardPixmap fallback) {
    auto* action = new QAction(
        QIcon::fromTheme(QString::fromLatin1(themeIcon), owner->style()->standardIcon(fallback)),
        text, owner);
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
                     "media-playback-start", QStyle::SP_MediaPlay);
    pause = makeAction(parent, tr("Pause"), tr("Pause the running program"),
                       {Qt::Key_F6, QKeySequence(Qt::CTRL | Qt::Key_Pause)}, "media-playback-pause",
                       QStyle::SP_MediaPause);
    stepInto = makeAction(parent, tr("Step Into"), tr("Execute one instruction"), {Qt::Key_F11},
                          "debug-step-into", QStyle::SP_ArrowDown);
    stepOver =
        makeAction(parent, tr("Step Over"), tr("Execute one instruction; run a call to its return"),
                   {Qt::Key_F10}, "debug-step-over", QStyle::SP_ArrowForward);
    stepOut = makeAction(
        parent, tr("Step Out"), tr("Run until the current function or trap handler returns"),
        {QKeySequence(Qt::SHIFT | Qt::Key_F11)}, "debug-step-out", QStyle::SP_ArrowUp);
    stepBack = makeAction(parent, tr("Step Back"), tr("Go back one instruction in time"),
                          {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F11)}, "go-previous",
                          QStyle::SP_ArrowBack);
    reverseContinue =
        makeAction(parent, tr("Reverse Continue"), tr("Run backwards to the previous breakpoint"),
                   {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5)}, "media-seek-backward",
                   QStyle::SP_MediaSeekBackward);
    runToCursor = makeAction(
        parent, tr("Run to Cursor"), tr("Run until the line of the text cursor"),
        {QKeySequence(Qt::CTRL | Qt::Key_F10)}, "debug-run-cursor", QStyle::SP_MediaSeekForward);
    toggleBreakpoint = makeAction(parent, tr("Toggle Breakpoint"),
                                  tr("Set or clear a breakpoint on the cursor's line"),
                                  {Qt::Key_F9}, "media-record", QStyle::SP_DialogNoButton);
    reset = makeAction(parent, tr("Reset"), tr("Restart the program from its first instruction"),
                       {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}, "view-refresh",
                       QStyle::SP_BrowserReload);
    updateFor(RunState::Empty, false);
}

QList<QAction*> DebugActions::all() const {
    return {run,      pause,           stepInto,    stepOver,         stepOut,
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
    toggleBreakpoint->setEnabled(true);
}

} // namespace vizor::app
