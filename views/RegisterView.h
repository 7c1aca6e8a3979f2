// The register pane: a table over RegisterModel, monospaced, edited by double-click
// while the machine is paused.
#pragma once

#include <QTableView>

namespace vizor::views {

class RegisterModel;

class RegisterView : public QTableView {
    Q_OBJECT
public:
    explicit RegisterView(QWidget* parent = nullptr);
    RegisterModel* registerModel() const { return model_; }

private:
    RegisterModel* model_;
};

} // namespace vizor::views
