// Instruction classes: the Popek–Goldberg sets of the guest ISA for the current setting
// (plain RISC-V, or the x86-style teaching variant), with every instruction the engine
// reported counted into its set live: retired ones (InstructionRetired, when the run
// traces instructions) and privileged ones the VMM caught (VmExit, privileged
// instruction, whose detail is the instruction word).
#pragma once

#include "views/concepts/ConceptView.h"
#include "views/concepts/PopekGoldberg.h"

#include <map>

namespace vizor::views::concepts {

struct FormCount {
    InstructionForm form;
    uint64_t executed = 0; // retired by the hart
    uint64_t trapped = 0;  // caught by the VMM and emulated
};

class InstructionClassesView : public ConceptView {
    Q_OBJECT
public:
    explicit InstructionClassesView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("instruction-classes"); }
    QString title() const override;

    // The ISA setting the sets are drawn for (MachineConfig::x86Sensitive).
    void setX86Sensitive(bool on);
    bool x86Sensitive() const { return x86_; }

    const std::map<QString, FormCount>& forms() const { return forms_; }
    uint64_t total(PgClass c) const;

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    void count(const Event& e);
    void addColumn(SceneItems& out, const QRectF& rect, const QList<PgClass>& classes, Role role,
                   const QString& heading) const;

    bool x86_ = false;
    std::map<QString, FormCount> forms_;
    std::size_t counted_ = 0;
    uint64_t countedFrom_ = 0;
};

} // namespace vizor::views::concepts
