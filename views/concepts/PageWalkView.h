// Page walk: the latest translation the engine walked, reference by reference in the
// order it made them. The virtual address split into VPN[1], VPN[0] and offset; the TLB
// in front (a walk happens only on a miss); a one-dimensional walk through the guest's
// table, or through the VMM's shadow table with the shadow work beside it; and for
// nested paging the two-dimensional grid (guest levels by G-stage levels) whose eight
// cells fill as the engine reads them.
#pragma once

#include "views/concepts/ConceptView.h"

namespace vizor::views::concepts {

struct WalkReference {
    uint64_t sequence = 0;
    uint32_t pteAddress = 0;
    uint32_t pte = 0;
    int level = 0;
    bool gStage = false; // nested paging: a G-stage (guest-physical) reference
    uint32_t index = 0;  // entry index in its table
};

struct RecordedWalk {
    uint32_t vaddr = 0;
    uint32_t paddr = 0;
    bool faulted = false;
    bool done = false;
    std::vector<WalkReference> refs;
    bool nested() const;
};

class PageWalkView : public ConceptView {
    Q_OBJECT
public:
    explicit PageWalkView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("page-walk"); }
    QString title() const override;

    // First address past the guest's RAM: tables at or above it belong to the VMM
    // (shadow tables; hv::VmConfig::guestRamSize above the RAM base by default).
    void setGuestRamEnd(uint32_t end);

    const RecordedWalk& walk() const { return walk_; }
    uint64_t walkCount() const { return walks_; }
    uint64_t hiddenFaults() const { return hidden_; }
    uint64_t trueFaults() const { return true_; }
    uint64_t shadowSyncs() const { return syncs_; }
    // Grid cell (row: guest level 0..2, column: G-stage level 0..1 or 2 for the guest
    // PTE itself) of each reference of a nested walk, in engine order.
    static QList<QPoint> nestedCells(const RecordedWalk& walk);

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    void addAddressSplit(SceneItems& out, const QRectF& area) const;
    void addLinearWalk(SceneItems& out, const QRectF& area) const;
    void addNestedGrid(SceneItems& out, const QRectF& area) const;
    void addShadowPanel(SceneItems& out, const QRectF& area) const;
    SceneItem referenceBox(const WalkReference& r, const QRectF& rect, int order) const;

    uint32_t guestRamEnd_ = 0x81000000u;
    RecordedWalk walk_;
    uint64_t walks_ = 0;
    uint64_t hidden_ = 0, true_ = 0, syncs_ = 0;
    QStringList shadowLog_; // the latest shadow events, newest last
    RecordedWalk current_;  // the walk being recorded
};

} // namespace vizor::views::concepts
