// The cgroup tree: the hierarchy with each group's limits and live usage bars (CPU share,
// memory against its limit, tasks against pids.max), its processes as leaves, and the
// throttling and OOM kills the engine reported for it. The same view shows the host
// model's tree or the real machine's (read by engine/host/LiveCgroups).
#pragma once

#include "views/concepts/ConceptView.h"

namespace vizor::host {
class HostModel;
struct LiveCgroupTree;
} // namespace vizor::host

namespace vizor::views::concepts {

struct CgroupNode {
    QString path;
    QString name;
    int depth = 0;
    uint32_t id = 0;       // the host model's cgroup id (events name groups by it); 0 live
    QString limits;        // "cpu.weight 300 · cpu.max 20000/100000 · memory.max 64K"
    double cpuShare = -1;  // of the elapsed time, 0..1; -1 unknown
    double memoryUse = -1; // current / limit (high or max), 0..1; -1 no limit or unknown
    QString memoryText;
    double pidsUse = -1;
    QString pidsText;
    QStringList processes; // "pid 3"
};

struct CgroupForest {
    QString source;          // "host model", "this machine: unified (v2)"
    QList<CgroupNode> nodes; // pre-order
};

// Conversions from the engine's trees (called where the engine may be read: the tests,
// the gallery tool, a future bridge command).
CgroupForest forestOf(const host::HostModel& host);
CgroupForest forestOf(const host::LiveCgroupTree& tree, int maxGroups = 60);

class CgroupTreeView : public ConceptView {
    Q_OBJECT
public:
    explicit CgroupTreeView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("cgroup-tree"); }
    QString title() const override;

    void setForest(const CgroupForest& forest);
    const CgroupForest& forest() const { return forest_; }
    // From the events: which groups are throttled now, and OOM kills per group id.
    bool throttled(uint32_t id) const { return throttled_.value(id, false); }
    int throttleCount(uint32_t id) const { return throttles_.value(id, 0); }
    int oomKills(uint32_t id) const { return oomKills_.value(id, 0); }

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    void addBar(SceneItems& out, const QRectF& rect, double fraction, Role role,
                const QString& text) const;
    CgroupForest forest_;
    QHash<uint32_t, bool> throttled_;
    QHash<uint32_t, int> throttles_;
    QHash<uint32_t, int> oomKills_;
    QHash<uint32_t, qint64> lastEvent_;
};

} // namespace vizor::views::concepts
