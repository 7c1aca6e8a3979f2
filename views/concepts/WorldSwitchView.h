// World and context switches: four lanes (guest user, guest kernel, VMM or firmware,
// host tasks) and, over time, every trap, interrupt, VM exit, hypercall and return the
// engine reported as a transition between them. Selecting a transition lists the
// registers that were saved and restored by it.
#pragma once

#include "views/concepts/ConceptView.h"

#include <memory>

namespace vizor::views::concepts {

enum class Lane { GuestUser, GuestKernel, Vmm, Host };
constexpr int kLaneCount = 4;

struct Transition {
    enum class Kind { Trap, Interrupt, VmExit, Hypercall, Return, ContextSwitch };
    uint64_t sequence = 0; // of the event that made it
    uint64_t cycle = 0;
    Lane from = Lane::GuestKernel;
    Lane to = Lane::GuestKernel;
    Kind kind = Kind::Trap;
    QString label;       // short: "ecall", "exit: csr", "sret"
    QStringList details; // what was saved and restored, one line each
};

// Turns events into transitions one at a time (the view's model, fed incrementally).
class TransitionBuilder;
struct TransitionBuilderDeleter {
    void operator()(TransitionBuilder* builder) const;
};
using TransitionBuilderPtr = std::unique_ptr<TransitionBuilder, TransitionBuilderDeleter>;
TransitionBuilderPtr makeTransitionBuilder();
void feedTransitions(TransitionBuilder& builder, const Event& event, uint64_t sequence);
std::vector<Transition>& builtTransitions(TransitionBuilder& builder);

class WorldSwitchView : public ConceptView {
    Q_OBJECT
public:
    explicit WorldSwitchView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("world-switch"); }
    QString title() const override;

    const std::vector<Transition>& transitions() const { return builtTransitions(*builder_); }
    static Role roleOf(Lane lane);
    static QString laneName(Lane lane);

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;
    int defaultSelection() const override;

private:
    void addLanes(SceneItems& out, const QRectF& plot, qreal labelWidth) const;
    void addDetails(SceneItems& out, const QRectF& area) const;
    TransitionBuilderPtr builder_;
};

// The transitions a list of events describes (the view's model; pure, for tests).
std::vector<Transition> transitionsFromEvents(const std::vector<Event>& events,
                                              uint64_t firstSequence);

} // namespace vizor::views::concepts
