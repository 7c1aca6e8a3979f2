// From engine events to world-switch transitions. Where the hart was comes from each
// event's own privilege and pc: the guest kernel is the code at and above the RAM base
// (resources/guests/README.md: the kernel image at 0x8000_0000, user programs below
// 0x0100_0000), which is how a deprivileged kernel (running in U under trap, bt, patch
// and pv) is told apart from its user programs.
#include "views/concepts/WorldSwitchView.h"

#include "hypervisor/Hypervisor.h"
#include "isa/Disassembler.h"
#include "views/EventText.h"
#include "views/concepts/PopekGoldberg.h"

#include <QCoreApplication>
#include <optional>

namespace vizor::views::concepts {

namespace {

constexpr uint32_t kKernelBase = 0x80000000u;

QString tr(const char* text) {
    return QCoreApplication::translate("vizor::views::concepts::WorldSwitchView", text);
}

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

Lane guestLane(const Event& e) {
    if (e.priv == 3) return Lane::Vmm;
    if (e.priv == 1) return Lane::GuestKernel;
    return e.pc >= kKernelBase ? Lane::GuestKernel : Lane::GuestUser;
}

Lane laneOfPriv(uint32_t priv) {
    return priv == 3 ? Lane::Vmm : priv == 1 ? Lane::GuestKernel : Lane::GuestUser;
}

QString exitReasonText(uint32_t reason) {
    switch (static_cast<hv::ExitReason>(reason)) {
    case hv::ExitReason::PrivilegedInstruction:
        return tr("privileged instruction");
    case hv::ExitReason::SbiCall:
        return tr("SBI call");
    case hv::ExitReason::GuestException:
        return tr("guest exception");
    case hv::ExitReason::HiddenPageFault:
        return tr("hidden page fault");
    case hv::ExitReason::PageTableWrite:
        return tr("page-table write");
    case hv::ExitReason::TimerInterrupt:
        return tr("timer interrupt");
    case hv::ExitReason::Hypercall:
        return tr("hypercall");
    case hv::ExitReason::MmioAccess:
        return tr("MMIO access");
    case hv::ExitReason::Count:
        break;
    }
    return tr("reason %1").arg(reason);
}

QString shortCause(uint32_t cause);

// A word for an exit, small enough to stand over its arrow.
QString exitLabel(hv::ExitReason reason, const std::optional<Event>& cause) {
    switch (reason) {
    case hv::ExitReason::PrivilegedInstruction:
        return tr("priv");
    case hv::ExitReason::SbiCall:
        return tr("sbi");
    case hv::ExitReason::GuestException:
        return cause ? shortCause(cause->a) : tr("trap");
    case hv::ExitReason::HiddenPageFault:
        return tr("hidden");
    case hv::ExitReason::PageTableWrite:
        return tr("pte");
    case hv::ExitReason::TimerInterrupt:
        return tr("timer");
    case hv::ExitReason::Hypercall:
        return tr("hcall");
    case hv::ExitReason::MmioAccess:
        return tr("mmio");
    case hv::ExitReason::Count:
        break;
    }
    return tr("exit");
}

QString shortCause(uint32_t cause) {
    if (cause & 0x80000000u) return tr("irq");
    switch (cause) {
    case 8:
    case 9:
    case 11:
        return tr("ecall");
    case 12:
    case 13:
    case 15:
        return tr("fault");
    case 2:
        return tr("illegal");
    default:
        return tr("trap");
    }
}

// The CSR writes the privileged spec makes for a trap into S or M (section 4.1 / 3.1).
QStringList trapDetails(const Event& e) {
    const bool toM = e.c == 3;
    const QString x = toM ? QStringLiteral("m") : QStringLiteral("s");
    return {tr("%1epc ← %2 (the interrupted instruction)").arg(x, hex(e.pc)),
            tr("%1cause ← %2 (%3)").arg(x, hex(e.a), trapCauseText(e.a)),
            tr("%1tval ← %2").arg(x, hex(e.b)),
            tr("%1status.%2PP ← %3, %2PIE ← %2IE, %2IE ← 0")
                .arg(toM ? QStringLiteral("m") : QStringLiteral("s"),
                     toM ? QStringLiteral("M") : QStringLiteral("S"), privilegeLetter(e.priv)),
            tr("pc ← %1tvec, privilege ← %2").arg(x, privilegeLetter(e.c))};
}

QStringList returnDetails(const Event& e) {
    const QString x = e.a ? QStringLiteral("m") : QStringLiteral("s");
    const QString X = e.a ? QStringLiteral("M") : QStringLiteral("S");
    return {tr("pc ← %1epc").arg(x),
            tr("privilege ← %1status.%2PP = %3").arg(x, X, privilegeLetter(e.c)),
            tr("%1status.%2IE ← %2PIE").arg(x, X)};
}

} // namespace

// Streams events into transitions: fed one event at a time, in order, so a view can add
// a snapshot's events without going over the earlier ones again. A trap is held back
// until the next event says whether the VMM caught it.
class TransitionBuilder {
public:
    void feed(const Event& e, uint64_t sequence) {
        if (held_) {
            const auto [trapEvent, trapSequence] = *held_;
            held_.reset();
            if (e.type == EventType::WorldSwitch && e.a == 0)
                cause_ = trapEvent; // caught by the VMM: shown as the exit it caused
            else
                trap(trapSequence, trapEvent);
        }
        resolveReturns(e);
        add(sequence, e);
    }
    // A trap still held back is shown (the end of a recorded run).
    void finish() {
        if (held_) trap(held_->second, held_->first);
        held_.reset();
    }
    std::vector<Transition>& transitions() { return out_; }

private:
    Transition& start(uint64_t sequence, const Event& e, Lane from, Lane to,
                      Transition::Kind kind) {
        Transition t;
        t.sequence = sequence;
        t.cycle = e.cycle;
        t.from = from;
        t.to = to;
        t.kind = kind;
        out_.push_back(t);
        return out_.back();
    }

    void add(uint64_t i, const Event& e) {
        switch (e.type) {
        case EventType::Exception:
        case EventType::Interrupt:
            held_ = {e, i};
            return;
        case EventType::TrapReturn: {
            Transition& t =
                start(i, e, laneOfPriv(e.priv), laneOfPriv(e.c), Transition::Kind::Return);
            t.label = e.a ? tr("mret") : tr("sret");
            t.details = returnDetails(e);
            return;
        }
        case EventType::WorldSwitch:
            return e.a == 0 ? exitToVmm(i, e) : returnToGuest(i, e);
        case EventType::VmExit:
            return describeExit(e);
        case EventType::VirtualTrap:
            return virtualTrap(e);
        case EventType::SbiCall:
            if (open_ >= 0)
                out_[open_].details
                    << tr("SBI call: extension %1, function %2").arg(hex(e.a)).arg(e.b);
            return;
        case EventType::ContextSwitch: {
            Transition& t = start(i, e, Lane::Host, Lane::Host, Transition::Kind::ContextSwitch);
            t.label = tr("pid %1→%2").arg(e.b).arg(e.c);
            t.details = {
                tr("the running task's registers and pc are saved in its PCB (pid %1)").arg(e.b),
                tr("the next task's registers and pc are loaded from its PCB (pid %1)").arg(e.c)};
            return;
        }
        default:
            return;
        }
    }

    void trap(uint64_t i, const Event& e) {
        const bool irq = e.type == EventType::Interrupt;
        Transition& t = start(i, e, guestLane(e), laneOfPriv(e.c),
                              irq ? Transition::Kind::Interrupt : Transition::Kind::Trap);
        t.label = shortCause(e.a);
        t.details = trapDetails(e);
    }

    void exitToVmm(uint64_t i, const Event& e) {
        const Lane from = guestLane(cause_ ? *cause_ : e);
        Transition& t = start(i, e, from, Lane::Vmm, Transition::Kind::VmExit);
        t.label = tr("exit");
        t.details << tr("world switch: the VMM takes the hart; the guest's pc %1 and registers "
                        "x1–x31 stay as its vCPU state")
                         .arg(hex(e.pc));
        if (cause_)
            t.details << tr("caught: %1 (tval %2)").arg(trapCauseText(cause_->a), hex(cause_->b));
        exitCause_ = cause_;
        cause_.reset();
        open_ = static_cast<int>(out_.size()) - 1;
        guestBeforeExit_ = from;
        virtualTrap_ = false;
    }

    void describeExit(const Event& e) {
        if (open_ < 0) return;
        Transition& t = out_[open_];
        const auto reason = static_cast<hv::ExitReason>(e.a);
        if (reason == hv::ExitReason::Hypercall || reason == hv::ExitReason::SbiCall)
            t.kind = Transition::Kind::Hypercall;
        t.label = exitLabel(reason, exitCause_);
        if (reason == hv::ExitReason::PrivilegedInstruction) {
            const InstructionForm form = classifyInstruction(e.b, false);
            t.label = form.key.section(QLatin1Char(' '), 0, 0);
            t.details << tr("instruction: %1 (%2)")
                             .arg(QString::fromStdString(isa::disassemble(e.b, e.pc)), form.key);
        }
        t.details << tr("exit reason: %1, detail %2").arg(exitReasonText(e.a), hex(e.b));
    }

    void virtualTrap(const Event& e) {
        virtualTrap_ = true;
        if (open_ < 0) return;
        out_[open_].details << tr("virtual trap into the guest: vsepc ← guest pc, vscause ← %1 "
                                  "(%2), vstval ← %3, pc ← guest stvec")
                                   .arg(hex(e.a), trapCauseText(e.a), hex(e.b));
    }

    void returnToGuest(uint64_t i, const Event& e) {
        Transition& t = start(i, e, Lane::Vmm, virtualTrap_ ? Lane::GuestKernel : guestBeforeExit_,
                              Transition::Kind::Return);
        t.label = tr("resume");
        t.details << tr("world switch back: the guest resumes from its vCPU state");
        if (virtualTrap_) t.details << tr("in its own trap handler (virtual S)");
        resumes_.push_back(out_.size() - 1);
        open_ = -1;
        virtualTrap_ = false;
    }

    // Where the guest really resumed is where the hart was at the next guest-side event.
    void resolveReturns(const Event& e) {
        const bool guestSide = e.type == EventType::Exception || e.type == EventType::Interrupt ||
                               (e.type == EventType::WorldSwitch && e.a == 0);
        if (!guestSide || resumes_.empty()) return;
        if (e.priv != 3)
            for (const std::size_t k : resumes_)
                out_[k].to = guestLane(e);
        resumes_.clear();
    }

    std::vector<Transition> out_;
    std::vector<std::size_t> resumes_;               // world switches back not yet resolved
    std::optional<std::pair<Event, uint64_t>> held_; // a trap and its sequence
    std::optional<Event> cause_;     // a trap the VMM caught, waiting for its world switch
    std::optional<Event> exitCause_; // the one that caused the open exit
    int open_ = -1;
    Lane guestBeforeExit_ = Lane::GuestKernel;
    bool virtualTrap_ = false;
};

std::vector<Transition> transitionsFromEvents(const std::vector<Event>& events,
                                              uint64_t firstSequence) {
    TransitionBuilder builder;
    for (std::size_t i = 0; i < events.size(); ++i)
        builder.feed(events[i], firstSequence + i);
    builder.finish();
    return std::move(builder.transitions());
}

TransitionBuilderPtr makeTransitionBuilder() {
    return TransitionBuilderPtr(new TransitionBuilder);
}
void feedTransitions(TransitionBuilder& builder, const Event& e, uint64_t sequence) {
    builder.feed(e, sequence);
}
std::vector<Transition>& builtTransitions(TransitionBuilder& builder) {
    return builder.transitions();
}
void TransitionBuilderDeleter::operator()(TransitionBuilder* b) const {
    delete b;
}

} // namespace vizor::views::concepts
