// The main window is a mediator: it creates the views and the engine bridge and wires
// requests from one to the other. It holds no debugger or editor logic of its own.
#pragma once

#include "app/EngineBridge.h"
#include "app/SourceChecker.h"

#include <QMainWindow>

class QLabel;
class QDockWidget;

namespace vizor::views {
class CodeEditor;
class ConsoleView;
class ProblemsView;
class RegisterView;
} // namespace vizor::views

namespace vizor::app {

class DebugActions;
class HypervisorPanes;
class InspectorPanes;
class Recovery;
class WorkbenchControls;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    bool openFile(const QString& path);
    // An example from File > Examples (built in, or a guest source file).
    void openExample(const QString& path);
    // Shows a built-in program (not backed by a file: "Save" asks where to put it).
    void openSource(const QString& text, const QString& name);
    // Window geometry and dock layout from the previous session.
    void restoreLayout();

    EngineBridge& bridge() { return bridge_; }
    views::CodeEditor* editor() const { return editor_; }
    views::RegisterView* registerView() const { return registers_; }
    views::ConsoleView* console() const { return console_; }
    DebugActions* debugActions() const { return debug_; }
    InspectorPanes* inspectors() const { return inspectors_; }
    WorkbenchControls* controls() const { return controls_; }
    HypervisorPanes* hypervisorPanes() const { return hypervisor_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addDock(QWidget* view, const QString& title, const QString& objectName,
                         Qt::DockWidgetArea area);
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void wireEngine();
    void showSnapshot(const EngineSnapshot& snapshot);
    void showIssues(const views::CodeIssues& issues);
    void ensureLoaded();
    void open();
    bool save();
    bool saveAs();
    bool maybeSave();
    void setFilePath(const QString& path, const QString& name);

    EngineBridge bridge_;
    SourceChecker checker_;
    views::CodeEditor* editor_;
    views::RegisterView* registers_;
    views::ConsoleView* console_;
    views::ProblemsView* problems_;
    QDockWidget* problemsDock_ = nullptr;
    DebugActions* debug_;
    InspectorPanes* inspectors_;
    WorkbenchControls* controls_;
    HypervisorPanes* hypervisor_;
    Recovery* recovery_; // autosaves unsaved edits; restores them after a crash
    QLabel* stateLabel_ = nullptr;
    QLabel* privilegeLabel_ = nullptr;
    QLabel* pcLabel_ = nullptr;
    QLabel* stepsLabel_ = nullptr;
    QLabel* instretLabel_ = nullptr;
    QString filePath_; // empty for a built-in program
    QString loadedText_;
    bool loaded_ = false;
};

} // namespace vizor::app
