// The register pane: the privilege mode in a banner, then the integer registers and the
// CSRs as two tables side by side over one RegisterModel, so that at 1280x800 every CSR
// is visible without scrolling. Monospaced, edited by double-click while paused.
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace vizor::views {

class RegisterModel;

class RegisterView : public QWidget {
    Q_OBJECT
public:
    explicit RegisterView(QWidget* parent = nullptr);
    RegisterModel* registerModel() const { return model_; }
    QTableView* registerTable() const { return registers_; }
    QTableView* csrTable() const { return csrs_; }
    QCheckBox* signedToggle() const { return signed_; }
    // The banner's text, e.g. "S  Supervisor mode".
    QString privilegeText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    QTableView* makeTable();
    void updateBanner();

    RegisterModel* model_;
    QLabel* banner_;
    QCheckBox* signed_;
    QTableView* registers_;
    QTableView* csrs_;
};

} // namespace vizor::views
