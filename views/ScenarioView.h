// The scenario pane: which machine the workbench debugs on — the execution mode (native
// or one of the hypervisor's), the Popek-Goldberg x86-sensitive switch and a cost-model
// file. "Apply" asks for the machine to be rebuilt (it starts again from step 0); the
// pane shows what is in force and why the last request failed, if it did.
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vizor::views {

class ScenarioView : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioView(QWidget* parent = nullptr);

    void setModes(const QStringList& modes);
    // What is in force now (the form shows it, and "Apply" is idle until it changes).
    void showScenario(const QString& mode, bool x86Sensitive, const QString& costModelFile);
    void showError(const QString& message);

    QComboBox* modeBox() const { return mode_; }
    QCheckBox* x86Box() const { return x86_; }
    QLineEdit* costModelEdit() const { return costs_; }
    QPushButton* applyButton() const { return apply_; }

signals:
    void applyRequested(const QString& mode, bool x86Sensitive, const QString& costModelFile);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateHint();
    void browse();

    QComboBox* mode_;
    QCheckBox* x86_;
    QLineEdit* costs_;
    QPushButton* browse_;
    QPushButton* apply_;
    QLabel* hint_;
    QLabel* status_;
    QLabel* modeLabel_;
    QLabel* costsLabel_;
};

// One sentence on what a mode does, for the pane and tooltips.
QString modeDescription(const QString& mode);

} // namespace vizor::views
