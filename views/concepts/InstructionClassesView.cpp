#include "views/concepts/InstructionClassesView.h"

#include "hypervisor/Hypervisor.h"

#include <algorithm>

namespace vizor::views::concepts {

namespace {
constexpr qreal kRow = 24;
constexpr qreal kLegend = 30;
} // namespace

InstructionClassesView::InstructionClassesView(QWidget* parent) : ConceptView(parent) {}

QString InstructionClassesView::title() const {
    return tr("Instruction classes (Popek–Goldberg)");
}

void InstructionClassesView::setX86Sensitive(bool on) {
    if (on == x86_) return;
    x86_ = on;
    counted_ = 0; // every form is classified again under the new setting
    eventsChanged(0);
    update();
}

uint64_t InstructionClassesView::total(PgClass c) const {
    uint64_t n = 0;
    for (const auto& [key, f] : forms_)
        if (f.form.pgClass == c) n += f.executed + f.trapped;
    return n;
}

void InstructionClassesView::count(const Event& e) {
    const bool retired = e.type == EventType::InstructionRetired;
    const bool caught = e.type == EventType::VmExit &&
                        e.a == static_cast<uint32_t>(hv::ExitReason::PrivilegedInstruction);
    if (!retired && !caught) return;
    const InstructionForm form = classifyInstruction(retired ? e.a : e.b, x86_);
    FormCount& f = forms_[form.key];
    f.form = form;
    ++(retired ? f.executed : f.trapped);
}

void InstructionClassesView::eventsChanged(std::size_t firstNew) {
    // Counting is incremental while events are only appended; anything else recounts.
    if (firstNew == 0 || counted_ > events().size() || countedFrom_ != firstSequence())
        counted_ = 0;
    if (counted_ == 0) forms_.clear();
    countedFrom_ = firstSequence();
    for (; counted_ < events().size(); ++counted_)
        count(events()[counted_]);
}

void InstructionClassesView::addColumn(SceneItems& out, const QRectF& rect,
                                       const QList<PgClass>& classes, Role role,
                                       const QString& heading) const {
    SceneItem panel = boxItem(QStringLiteral("set"), rect, role);
    out << panel;
    // The set's shape at the left of its heading, its name beside it.
    const QRectF headRect(rect.left(), rect.top(), rect.width(), 54);
    SceneItem head = boxItem(QStringLiteral("set-heading"), headRect, role);
    head.strong = true;
    out << head;
    out << markerItem(QStringLiteral("set-marker"),
                      QPointF(rect.left() + 20, headRect.center().y()), 18, role);
    SceneItem name = textItem(headRect.adjusted(38, 0, -6, 0), heading, 16);
    name.bold = true;
    name.role = role;
    name.onFill = true;
    name.id = QStringLiteral("set-name");
    out << name;
    qreal y = rect.top() + 62;
    for (PgClass c : classes) {
        std::vector<const FormCount*> rows;
        for (const auto& [key, f] : forms_)
            if (f.form.pgClass == c) rows.push_back(&f);
        std::sort(rows.begin(), rows.end(), [](const FormCount* a, const FormCount* b) {
            const uint64_t na = a->executed + a->trapped, nb = b->executed + b->trapped;
            return na != nb ? na > nb : a->form.key < b->form.key;
        });
        if (classes.size() > 1) {
            SceneItem sub =
                textItem(QRectF(rect.left() + 10, y, rect.width() - 20, kRow), pgClassName(c), 15);
            sub.bold = true;
            out << sub;
            y += kRow;
        }
        const int room =
            static_cast<int>((rect.bottom() - y) / kRow) / static_cast<int>(classes.size());
        const int shown = std::min<int>(static_cast<int>(rows.size()), std::max(1, room - 1));
        for (int i = 0; i < shown; ++i) {
            const FormCount& f = *rows[i];
            SceneItem row = textItem(
                QRectF(rect.left() + 16, y, rect.width() - 28, kRow),
                f.trapped
                    ? tr("%1   ran %2 · trapped %3").arg(f.form.key).arg(f.executed).arg(f.trapped)
                    : tr("%1   ran %2").arg(f.form.key).arg(f.executed),
                15);
            row.id = QStringLiteral("form");
            row.role = Role::Neutral;
            out << row;
            y += kRow;
        }
        if (rows.size() > static_cast<std::size_t>(shown)) {
            out << textItem(QRectF(rect.left() + 16, y, rect.width() - 28, kRow),
                            tr("… and %1 more forms").arg(rows.size() - shown), 14);
            y += kRow;
        }
        if (rows.empty()) {
            out << textItem(QRectF(rect.left() + 16, y, rect.width() - 28, kRow),
                            tr("none executed"), 14);
            y += kRow;
        }
        y += 6;
    }
}

void InstructionClassesView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28), title(), 20);
    heading.bold = true;
    out << heading;
    const bool holds = !x86_;
    out << textItem(
        QRectF(area.left(), area.top() + 28, area.width(), 24),
        x86_ ? tr("ISA: RISC-V with x86-style sensitive instructions (teaching variant). "
                  "Sensitive ⊆ privileged does not hold: trap-and-emulate cannot see "
                  "every sensitive instruction.")
             : tr("ISA: RISC-V. Every sensitive instruction is privileged: "
                  "sensitive ⊆ privileged holds, so trap-and-emulate works."),
        15, 0x0081, holds ? Role::Neutral : Role::Neutral);
    const qreal top = area.top() + 62;
    const qreal height = area.bottom() - kLegend - 8 - top;
    const qreal gap = 14;
    const qreal w = (area.width() - 2 * gap) / 3;
    addColumn(out, QRectF(area.left(), top, w, height), {PgClass::Innocuous}, Role::Hardware,
              tr("Innocuous: run directly (%1)").arg(total(PgClass::Innocuous)));
    addColumn(out, QRectF(area.left() + w + gap, top, w, height),
              {PgClass::ControlSensitive, PgClass::BehaviourSensitive}, Role::Vmm,
              tr("Sensitive and privileged: trap to the VMM (%1)")
                  .arg(total(PgClass::ControlSensitive) + total(PgClass::BehaviourSensitive)));
    addColumn(
        out, QRectF(area.left() + 2 * (w + gap), top, w, height), {PgClass::SensitiveUnprivileged},
        Role::Alert,
        tr("Sensitive, not privileged: no trap (%1)").arg(total(PgClass::SensitiveUnprivileged)));
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::Hardware, tr("runs on the hardware")},
               {Role::Vmm, tr("the VMM emulates it")},
               {Role::Alert, tr("escapes the VMM")}});
}

} // namespace vizor::views::concepts
