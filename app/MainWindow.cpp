#include "app/MainWindow.h"

#include "app/AppSettings.h"
#include "app/LessonPlayer.h"
#include "app/AboutDialog.h"
#include "app/DebugActions.h"
#include "app/HypervisorPanes.h"
#include "app/ConceptDocks.h"
#include "app/InspectorPanes.h"
#include "app/Recovery.h"
#include "app/SessionActions.h"
#include "app/SourceFile.h"
#include "app/StatusText.h"
#include "app/WorkbenchControls.h"
#include "views/CodeEditor.h"
#include "views/ConsoleView.h"
#include "views/EventLogModel.h"
#include "views/EventLogView.h"
#include "views/MemoryView.h"
#include "views/ProblemsView.h"
#include "views/RegisterModel.h"
#include "views/RegisterView.h"
#include "views/ScenarioView.h"
#include "views/TrapStackView.h"
#include "views/VirtualCpuView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

namespace vizor::app {

namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), editor_(new views::CodeEditor(this)),
      registers_(new views::RegisterView(this)), console_(new views::ConsoleView(this)),
      problems_(new views::ProblemsView(this)), debug_(new DebugActions(this)),
      inspectors_(new InspectorPanes(bridge_, this)),
      controls_(new WorkbenchControls(bridge_, this)),
      hypervisor_(new HypervisorPanes(bridge_, this)),
      recovery_(new Recovery(*editor_, Recovery::defaultDirectory(), this)) {
    setCentralWidget(editor_);
    // The register pane takes the whole right edge: every CSR fits at 1280x800.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget* registersDock = addDock(registers_, tr("Registers"),
                                         QStringLiteral("registersDock"), Qt::RightDockWidgetArea);
    QDockWidget* consoleDock =
        addDock(console_, tr("Console"), QStringLiteral("consoleDock"), Qt::BottomDockWidgetArea);
    problemsDock_ = addDock(problems_, tr("Problems"), QStringLiteral("problemsDock"),
                            Qt::BottomDockWidgetArea);
    // One tab group under the editor: each pane gets the editor's full width.
    tabifyDockWidget(consoleDock, problemsDock_);
    QDockWidget* memoryDock = addDock(inspectors_->memory(), tr("Memory"),
                                      QStringLiteral("memoryDock"), Qt::BottomDockWidgetArea);
    QDockWidget* eventsDock = addDock(inspectors_->eventLog(), tr("Event Log"),
                                      QStringLiteral("eventLogDock"), Qt::BottomDockWidgetArea);
    QDockWidget* virtualDock = addDock(hypervisor_->virtualCpu(), tr("Virtual CPU"),
                                       QStringLiteral("virtualCpuDock"), Qt::RightDockWidgetArea);
    QDockWidget* scenarioDock = addDock(hypervisor_->scenario(), tr("Scenario"),
                                        QStringLiteral("scenarioDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(registersDock, virtualDock);
    tabifyDockWidget(virtualDock, scenarioDock);
    registersDock->raise();
    QDockWidget* trapsDock = addDock(hypervisor_->trapStack(), tr("Trap Stack"),
                                     QStringLiteral("trapStackDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(problemsDock_, memoryDock);
    tabifyDockWidget(memoryDock, eventsDock);
    tabifyDockWidget(eventsDock, trapsDock);
    consoleDock->raise();
    resizeDocks({registersDock}, {540}, Qt::Horizontal);
    resizeDocks({consoleDock}, {230}, Qt::Vertical);
    createMenus();
    new ConceptDocks(bridge_, *this, *controls_); // the concept views: docks and a menu
    createToolBar();
    createStatusBar();
    wireEngine();
    checker_.watch(editor_->document());
    controls_->bindSignedDecimal(registers_->signedToggle());
    resize(1280, 800);
    showSnapshot(bridge_.snapshot());
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(QWidget* view, const QString& title, const QString& objectName,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() needs names
    dock->setWidget(view);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::open);
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    SessionActions::addTo(file, *this);
    file->addSeparator();
    controls_->addExamples(file);
    addLessonMenu(file, this, AppSettings::load().language);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo =
        edit->addAction(tr("&Undo"), QKeySequence::Undo, editor_, &QPlainTextEdit::undo);
    QAction* redo =
        edit->addAction(tr("&Redo"), QKeySequence::Redo, editor_, &QPlainTextEdit::redo);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(editor_, &QPlainTextEdit::undoAvailable, undo, &QAction::setEnabled);
    connect(editor_, &QPlainTextEdit::redoAvailable, redo, &QAction::setEnabled);
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, editor_, &QPlainTextEdit::cut);
    edit->addAction(tr("&Copy"), QKeySequence::Copy, editor_, &QPlainTextEdit::copy);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, editor_, &QPlainTextEdit::paste);
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, editor_,
                    &QPlainTextEdit::selectAll);

    QMenu* debug = menuBar()->addMenu(tr("&Debug"));
    debug->addActions({debug_->run, debug_->pause, debug_->stop});
    debug->addSeparator();
    debug->addActions({debug_->stepInto, debug_->stepOver, debug_->stepOut, debug_->runToCursor});
    debug->addSeparator();
    debug->addActions({debug_->stepBack, debug_->reverseContinue});
    debug->addSeparator();
    debug->addActions({debug_->toggleBreakpoint, debug_->reset});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    controls_->addViewEntries(view);

    AboutDialog::addTo(menuBar()->addMenu(tr("&Help")), this);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Debug"));
    bar->setObjectName(QStringLiteral("debugToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addActions({debug_->run, debug_->pause, debug_->stop});
    bar->addSeparator();
    bar->addActions({debug_->stepInto, debug_->stepOver, debug_->stepOut});
    bar->addSeparator();
    bar->addActions({debug_->stepBack, debug_->reverseContinue});
    bar->addSeparator();
    bar->addAction(debug_->reset);
}

void MainWindow::createStatusBar() {
    stateLabel_ = new QLabel(this);
    privilegeLabel_ = new QLabel(this);
    pcLabel_ = new QLabel(this);
    stepsLabel_ = new QLabel(this);
    instretLabel_ = new QLabel(this);
    statusBar()->addWidget(stateLabel_, 1);
    for (QLabel* label : {privilegeLabel_, pcLabel_, stepsLabel_, instretLabel_}) {
        label->setContentsMargins(10, 0, 10, 0);
        statusBar()->addPermanentWidget(label);
    }
}

void MainWindow::wireEngine() {
    connect(&bridge_, &EngineBridge::snapshotChanged, this, &MainWindow::showSnapshot);
    connect(&bridge_, &EngineBridge::programLoaded, this, [this] {
        registers_->registerModel()->clearHistory();
        inspectors_->programLoaded();
        showIssues({});
    });
    connect(&bridge_, &EngineBridge::loadFailed, this, &MainWindow::showIssues);
    connect(&bridge_, &EngineBridge::loadFailed, problemsDock_, &QWidget::raise);
    connect(&checker_, &SourceChecker::issuesChanged, this, &MainWindow::showIssues);
    connect(problems_, &views::ProblemsView::issueActivated, editor_, &views::CodeEditor::goToLine);
    connect(editor_, &views::CodeEditor::breakpointsChanged, this,
            [this] { bridge_.setBreakpointLines(editor_->breakpointLines()); });
    connect(registers_->registerModel(), &views::RegisterModel::editRequested, &bridge_,
            &EngineBridge::setRegister);
    connect(editor_->document(), &QTextDocument::modificationChanged, this,
            &QWidget::setWindowModified);

    // Forward commands first assemble the text if it changed since it was loaded.
    const auto forward = [this](auto command) {
        return [this, command] {
            ensureLoaded();
            (bridge_.*command)();
        };
    };
    connect(debug_->run, &QAction::triggered, this, forward(&EngineBridge::run));
    connect(debug_->stepOver, &QAction::triggered, this, forward(&EngineBridge::stepOver));
    connect(debug_->stepOut, &QAction::triggered, this, forward(&EngineBridge::stepOut));
    connect(debug_->reset, &QAction::triggered, this, forward(&EngineBridge::reset));
    connect(debug_->stepInto, &QAction::triggered, this, [this] {
        ensureLoaded();
        bridge_.stepInto();
    });
    connect(debug_->runToCursor, &QAction::triggered, this, [this] {
        ensureLoaded();
        bridge_.runToLine(editor_->cursorLine());
    });
    connect(debug_->pause, &QAction::triggered, &bridge_, &EngineBridge::pause);
    connect(debug_->stop, &QAction::triggered, this, [this] {
        bridge_.pause();
        bridge_.reset();
    });
    connect(controls_, &WorkbenchControls::exampleChosen, this, &MainWindow::openExample);
    connect(controls_, &WorkbenchControls::programChosen, this, [this](const QString& text,
                                                                      const QString& name) {
        if (maybeSave()) openSource(text, name);
    });
    connect(debug_->stepBack, &QAction::triggered, &bridge_, &EngineBridge::stepBack);
    connect(debug_->reverseContinue, &QAction::triggered, &bridge_, &EngineBridge::reverseContinue);
    connect(debug_->toggleBreakpoint, &QAction::triggered, this,
            [this] { editor_->toggleBreakpoint(editor_->cursorLine()); });
}

void MainWindow::ensureLoaded() {
    const QString text = editor_->toPlainText();
    if (loaded_ && text == loadedText_) return;
    bridge_.setBreakpointLines(editor_->breakpointLines());
    bridge_.load(text, filePath_.isEmpty() ? windowFilePath() : QFileInfo(filePath_).fileName());
    loadedText_ = text;
    loaded_ = true;
}

void MainWindow::showSnapshot(const EngineSnapshot& s) {
    debug_->updateFor(s.state, s.canStepBack);
    inspectors_->showSnapshot(s);
    hypervisor_->showSnapshot(s, *inspectors_->eventLog()->model());
    controls_->showSnapshot(s, *inspectors_->eventLog()->model());
    views::RegisterModel* model = registers_->registerModel();
    model->setHart(s.hart, s.stopped);
    model->setEditable(s.state == RunState::Paused);
    if (s.consoleReset) {
        console_->setOutput(s.consoleAppend);
    } else {
        console_->appendOutput(s.consoleAppend);
    }
    const bool showLine = s.state == RunState::Paused || s.state == RunState::Halted;
    editor_->setExecutionLine(showLine ? bridge_.lineForAddress(s.hart.pc) : 0);

    stateLabel_->setText(StatusText::state(s));
    privilegeLabel_->setText(StatusText::privilege(s.hart.priv));
    pcLabel_->setText(tr("pc 0x%1").arg(s.hart.pc, 8, 16, QLatin1Char('0')));
    stepsLabel_->setText(tr("steps %L1").arg(s.hart.steps));
    instretLabel_->setText(tr("instret %L1").arg(s.hart.instret));
}

void MainWindow::showIssues(const views::CodeIssues& issues) {
    editor_->setIssues(issues);
    problems_->setIssues(issues);
    problemsDock_->setWindowTitle(issues.isEmpty() ? tr("Problems")
                                                   : tr("Problems (%1)").arg(issues.size()));
}

bool MainWindow::openFile(const QString& path) {
    QString error;
    bool executable = false;
    const auto text = SourceFile::read(path, &error, &executable);
    if (!text) {
        QMessageBox::warning(this, tr("Open"), tr("Cannot open %1:\n%2").arg(path, error));
        return false;
    }
    openSource(*text, QFileInfo(path).fileName());
    // An ELF opens as its listing with no file behind it: Save asks for a new name
    // rather than writing text over the executable.
    if (!executable) setFilePath(path, QFileInfo(path).fileName());
    return true;
}

void MainWindow::openExample(const QString& path) {
    if (!maybeSave()) return;
    if (path.startsWith(QLatin1Char(':'))) {
        QString error;
        if (const auto text = SourceFile::read(path, &error))
            openSource(*text, QFileInfo(path).fileName());
        return;
    }
    openFile(path);
}

void MainWindow::openSource(const QString& text, const QString& name) {
    editor_->setPlainText(text);
    editor_->document()->setModified(false);
    setFilePath(QString(), name);
    loaded_ = false;
    ensureLoaded();
    checker_.setFileName(name);
    checker_.checkNow();
}

void MainWindow::setFilePath(const QString& path, const QString& name) {
    filePath_ = path;
    setWindowFilePath(name); // shown in the title; [*] marks unsaved changes
    setWindowTitle(QStringLiteral("%1[*] — Vizor").arg(name));
    recovery_->track(path, name);
}

void MainWindow::open() {
    if (!maybeSave()) return;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open"), QString(), SourceFile::fileDialogFilter());
    if (!path.isEmpty()) openFile(path);
}

bool MainWindow::save() {
    if (filePath_.isEmpty()) return saveAs();
    QString error;
    if (!SourceFile::write(filePath_, editor_->toPlainText(), &error)) {
        QMessageBox::warning(this, tr("Save"), tr("Cannot save %1:\n%2").arg(filePath_, error));
        return false;
    }
    editor_->document()->setModified(false);
    statusBar()->showMessage(tr("Saved %1").arg(filePath_), 3000);
    return true;
}

bool MainWindow::saveAs() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save As"), windowFilePath(),
                                                      SourceFile::fileDialogFilter());
    if (path.isEmpty()) return false;
    setFilePath(path, QFileInfo(path).fileName());
    return save();
}

bool MainWindow::maybeSave() {
    if (!editor_->document()->isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The program has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) return event->ignore();
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    event->accept();
}

} // namespace vizor::app
