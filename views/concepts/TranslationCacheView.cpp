#include "views/concepts/TranslationCacheView.h"

#include "hypervisor/BinaryPatching.h"
#include "hypervisor/BinaryTranslation.h"
#include "isa/Disassembler.h"

#include <algorithm>

namespace vizor::views::concepts {

namespace {

constexpr qreal kLegend = 30;
constexpr qreal kRow = 30;

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

} // namespace

TranslationCacheView::TranslationCacheView(QWidget* parent) : ConceptView(parent) {}

QString TranslationCacheView::title() const {
    return patches_.empty() ? tr("Translation cache") : tr("Binary patching");
}

void TranslationCacheView::translation(const Event& e, uint64_t sequence) {
    using hv::TranslationEvent;
    const auto kind = static_cast<TranslationEvent>(e.b);
    switch (kind) {
    case TranslationEvent::Translate: {
        CachedBlock& b = blocks_[e.a];
        b.pc = e.a;
        b.instructions = e.c;
        b.valid = true;
        ++b.translations;
        b.lastSequence = sequence;
        ++counts_.translated;
        lastBlock_ = e.a;
        lastWhat_ = Latest::Translated;
        break;
    }
    case TranslationEvent::Hit:
        if (auto it = blocks_.find(e.a); it != blocks_.end()) {
            ++it->second.hits;
            it->second.lastSequence = sequence;
        }
        ++counts_.hits;
        lastBlock_ = e.a;
        lastWhat_ = Latest::Hit;
        break;
    case TranslationEvent::Miss:
        ++counts_.misses;
        lastWhat_ = Latest::Miss;
        break;
    case TranslationEvent::Chain:
        // The block just executed jumps straight to this one, without the dispatcher.
        ++chains_[{lastBlock_, e.a}];
        ++counts_.chains;
        if (auto it = blocks_.find(e.a); it != blocks_.end()) it->second.lastSequence = sequence;
        lastBlock_ = e.a;
        lastWhat_ = Latest::Chain;
        break;
    case TranslationEvent::Invalidate:
        // A store into a page of translated code drops every block on that page.
        for (auto& [pc, b] : blocks_)
            if ((pc & ~0xfffu) == (e.a & ~0xfffu) && b.valid) {
                b.valid = false;
                b.lastSequence = sequence;
            }
        for (auto it = chains_.begin(); it != chains_.end();)
            it = ((it->first.first & ~0xfffu) == (e.a & ~0xfffu) ||
                  (it->first.second & ~0xfffu) == (e.a & ~0xfffu))
                     ? chains_.erase(it)
                     : std::next(it);
        counts_.invalidated += e.c;
        lastWhat_ = Latest::Invalidated;
        break;
    case TranslationEvent::Callout:
        ++counts_.callouts;
        lastWhat_ = Latest::Callout;
        break;
    }
    lastPc_ = e.a;
    lastSequence_ = sequence;
}

void TranslationCacheView::patch(const Event& e, uint64_t sequence) {
    PatchSite& p = patches_[e.a];
    p.address = e.a;
    p.original = e.c;
    p.lastSequence = sequence;
    switch (static_cast<hv::PatchEvent>(e.b)) {
    case hv::PatchEvent::Applied:
        p.dropped = false;
        lastWhat_ = Latest::Patched;
        break;
    case hv::PatchEvent::Hit:
        ++p.hits;
        lastWhat_ = Latest::PatchServed;
        break;
    case hv::PatchEvent::Dropped:
        p.dropped = true;
        lastWhat_ = Latest::PatchDropped;
        break;
    }
    lastPc_ = e.a;
    lastSequence_ = sequence;
}

// Words are looked up when drawn, not per event: a batch of a binary-translation run
// holds tens of thousands of hits, and translating a string for each is work no frame
// shows.
QString TranslationCacheView::latestText() const {
    switch (lastWhat_) {
    case Latest::Nothing:
        break;
    case Latest::Translated:
        return tr("translated");
    case Latest::Hit:
        return tr("hit");
    case Latest::Miss:
        return tr("miss");
    case Latest::Chain:
        return tr("chain");
    case Latest::Invalidated:
        return tr("invalidated by a store to %1").arg(hex(lastPc_));
    case Latest::Callout:
        return tr("callout");
    case Latest::Patched:
        return tr("patched");
    case Latest::PatchServed:
        return tr("patch served by the VMM");
    case Latest::PatchDropped:
        return tr("patch dropped: the guest wrote its code");
    }
    return {};
}

void TranslationCacheView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) {
        blocks_.clear();
        chains_.clear();
        patches_.clear();
        counts_ = {};
        lastBlock_ = 0;
        lastWhat_ = Latest::Nothing;
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        // Chain follows come as their own type (b = Chain), recorded only for views that
        // draw chain arrows; the view reads both as one story.
        if (e.type == EventType::Translation || e.type == EventType::TranslationChain)
            translation(e, sequenceAt(i));
        if (e.type == EventType::Patch) patch(e, sequenceAt(i));
    }
}

void TranslationCacheView::addBlocks(SceneItems& out, const QRectF& area) const {
    // The most recently used blocks, drawn in address order.
    std::vector<const CachedBlock*> recent;
    for (const auto& [pc, b] : blocks_)
        recent.push_back(&b);
    std::sort(recent.begin(), recent.end(), [](const CachedBlock* a, const CachedBlock* b) {
        return a->lastSequence > b->lastSequence;
    });
    const int rows = std::max(1, static_cast<int>((area.height() - 34) / kRow));
    if (static_cast<int>(recent.size()) > rows) recent.resize(rows);
    std::sort(recent.begin(), recent.end(),
              [](const CachedBlock* a, const CachedBlock* b) { return a->pc < b->pc; });
    const qreal colW = area.width() * 0.36;
    const QRectF guestCol(area.left(), area.top(), colW, area.height());
    const QRectF cacheCol(area.left() + area.width() * 0.5, area.top(), colW, area.height());
    for (const auto& [rect, text] : {std::pair{guestCol, tr("Guest kernel code (blocks)")},
                                     std::pair{cacheCol, tr("Translation cache")}}) {
        SceneItem t = textItem(QRectF(rect.left(), rect.top(), rect.width(), 28), text, 16);
        t.bold = true;
        out << t;
    }
    std::map<uint32_t, qreal> rowY;
    for (int i = 0; i < static_cast<int>(recent.size()); ++i) {
        const CachedBlock& b = *recent[i];
        const qreal y = area.top() + 34 + i * kRow;
        rowY[b.pc] = y + (kRow - 4) / 2;
        const bool flash = b.lastSequence == lastSequence_;
        SceneItem g = boxItem(QStringLiteral("guest-block"),
                              QRectF(guestCol.left(), y, colW, kRow - 4), Role::GuestKernel,
                              tr("%1  %2 instructions").arg(hex(b.pc)).arg(b.instructions));
        g.fontPx = 14;
        out << g;
        SceneItem c =
            boxItem(QStringLiteral("cached-block"), QRectF(cacheCol.left(), y, colW, kRow - 4),
                    b.valid ? Role::Hardware : Role::Alert,
                    b.valid ? tr("%1  hits %2").arg(hex(b.pc)).arg(b.hits)
                            : tr("%1  invalidated").arg(hex(b.pc)));
        c.fontPx = 14;
        c.strong = flash;
        c.dashed = !b.valid;
        c.sequence = static_cast<qint64>(b.lastSequence);
        out << c;
        SceneItem arrow =
            arrowItem(QStringLiteral("translate-arrow"), QPointF(guestCol.right(), rowY[b.pc]),
                      QPointF(cacheCol.left(), rowY[b.pc]), Role::Hardware);
        arrow.dashed = !b.valid;
        out << arrow;
    }
    // Chains drawn right of the cache, one lane each, between the rows they link.
    qreal lane = cacheCol.right() + 14;
    for (const auto& [edge, follows] : chains_) {
        const auto from = rowY.find(edge.first), to = rowY.find(edge.second);
        if (from == rowY.end() || to == rowY.end() || from == to) continue;
        out << lineItem(QPointF(cacheCol.right(), from->second), QPointF(lane, from->second),
                        Role::Hardware, 2.0);
        out << lineItem(QPointF(lane, from->second), QPointF(lane, to->second), Role::Hardware,
                        2.0);
        out << arrowItem(QStringLiteral("chain"), QPointF(lane, to->second),
                         QPointF(cacheCol.right() + 2, to->second), Role::Hardware);
        lane += 10;
        if (lane > area.right() - 10) break;
    }
}

void TranslationCacheView::addPatches(SceneItems& out, const QRectF& area) const {
    SceneItem t = textItem(QRectF(area.left(), area.top(), area.width(), 28),
                           tr("Patched words in guest code (each now traps to the VMM, which "
                              "runs the original instruction as a callout)"),
                           16);
    t.bold = true;
    out << t;
    const int rows = std::max(1, static_cast<int>((area.height() - 34) / kRow));
    int i = 0;
    for (const auto& [address, p] : patches_) {
        if (i >= rows) break;
        const QRectF rect(area.left(), area.top() + 34 + i * kRow, area.width() * 0.7, kRow - 4);
        SceneItem box = boxItem(
            QStringLiteral("patch"), rect, p.dropped ? Role::Alert : Role::Vmm,
            tr("%1   was: %2   served %3×%4")
                .arg(hex(address), QString::fromStdString(isa::disassemble(p.original, address)))
                .arg(p.hits)
                .arg(p.dropped ? tr("   (dropped: code written)") : QString()));
        box.fontPx = 14;
        box.strong = p.lastSequence == lastSequence_;
        box.sequence = static_cast<qint64>(p.lastSequence);
        out << box;
        ++i;
    }
}

void TranslationCacheView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28), title(), 20);
    heading.bold = true;
    out << heading;
    const QString summary =
        patches_.empty() ? tr("%1 blocks translated · %2 hits · %3 misses · %4 chain follows · %5 "
                              "invalidated · %6 callouts")
                               .arg(counts_.translated)
                               .arg(counts_.hits)
                               .arg(counts_.misses)
                               .arg(counts_.chains)
                               .arg(counts_.invalidated)
                               .arg(counts_.callouts)
                         : tr("%1 patch sites").arg(patches_.size());
    out << textItem(QRectF(area.left(), area.top() + 28, area.width(), 22), summary, 15);
    if (lastWhat_ != Latest::Nothing)
        out << textItem(QRectF(area.left(), area.top() + 50, area.width(), 22),
                        tr("Latest: %1 at %2").arg(latestText(), hex(lastPc_)), 15);
    const QRectF body(area.left(), area.top() + 82, area.width(),
                      area.bottom() - kLegend - 8 - (area.top() + 82));
    if (patches_.empty())
        addBlocks(out, body);
    else
        addPatches(out, body);
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::GuestKernel, tr("guest code")},
               {Role::Hardware, tr("translated, runs directly")},
               {Role::Vmm, tr("handled by the VMM")},
               {Role::Alert, tr("invalidated or dropped")}});
}

} // namespace vizor::views::concepts
