// Live migration as a page grid (Clark et al., NSDI 2005): one row per round, each row
// the VM's memory in cells, coloured by what the round did to it: sent on the link,
// dirtied again by the guest while the round was on the link (to be resent), or already
// at the destination. The stop-and-copy row is the downtime: the VM is paused. Page
// counts come from the engine's migration_round events; the times on the link (for the
// dirty rate and the downtime) come from the engine's migration report.
#pragma once

#include "views/concepts/ConceptView.h"

namespace vizor::views::concepts {

// What one migration_round event said.
struct MigrationRoundItem {
    uint32_t round = 0;
    uint32_t pagesSent = 0;
    uint32_t pagesDirtied = 0;
    bool stopAndCopy = false;
    qint64 sequence = -1;
};

// The link times of a migration, from its report (events carry page counts only).
struct MigrationTiming {
    uint32_t vmPages = 0;
    QList<double> roundSeconds; // per round, in order
    double downtimeSeconds = 0;
    QString stopReason;
};

class MigrationView : public ConceptView {
    Q_OBJECT
public:
    explicit MigrationView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("migration"); }
    QString title() const override;

    void setTiming(const MigrationTiming& timing);
    const QList<MigrationRoundItem>& rounds() const { return rounds_; }
    // Pages a grid cell stands for (the first round, every page, fills one row).
    uint32_t pagesPerCell() const;
    static constexpr int kCells = 64;

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    void addRound(SceneItems& out, const MigrationRoundItem& r, const QRectF& row) const;
    QString roundNote(const MigrationRoundItem& r) const;
    QList<MigrationRoundItem> rounds_;
    MigrationTiming timing_;
};

} // namespace vizor::views::concepts
