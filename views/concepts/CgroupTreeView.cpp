#include "views/concepts/CgroupTreeView.h"

#include "host/CgroupTree.h"
#include "host/HostModel.h"
#include "host/LiveCgroups.h"

#include <QCoreApplication>

namespace vizor::views::concepts {

namespace {

constexpr qreal kRow = 46;
constexpr qreal kLegend = 30;

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString pagesText(uint64_t pages) {
    if (pages == host::kMax) return QStringLiteral("max");
    const uint64_t kib = pages * host::kPageSize / 1024;
    return kib >= 1024 && kib % 1024 == 0 ? QStringLiteral("%1M").arg(kib / 1024)
                                          : QStringLiteral("%1K").arg(kib);
}

QString limitsOf(const host::Cgroup& g) {
    QStringList parts;
    if (g.has(host::kCpu)) {
        if (g.weight != 100) parts << QStringLiteral("cpu.weight %1").arg(g.weight);
        if (g.quotaUsec != host::kMax)
            parts << QStringLiteral("cpu.max %1/%2").arg(g.quotaUsec).arg(g.periodUsec);
    }
    if (g.has(host::kMemory)) {
        if (g.memoryHigh != host::kMax)
            parts << QStringLiteral("memory.high %1").arg(pagesText(g.memoryHigh));
        if (g.memoryMax != host::kMax)
            parts << QStringLiteral("memory.max %1").arg(pagesText(g.memoryMax));
    }
    if (g.has(host::kPids) && g.pidsMax != host::kMax)
        parts << QStringLiteral("pids.max %1").arg(g.pidsMax);
    return parts.join(QStringLiteral(" · "));
}

QString valueOf(const host::LiveGroup& g, const char* file) {
    for (const auto& [name, value] : g.values)
        if (name == file) return q(value).trimmed();
    return {};
}

} // namespace

CgroupForest forestOf(const host::HostModel& host) {
    CgroupForest forest;
    forest.source =
        QCoreApplication::translate("vizor::views::concepts::CgroupTreeView", "the host model");
    const double now = static_cast<double>(std::max<uint64_t>(1, host.now()));
    auto& tree = const_cast<host::CgroupTree&>(host.cgroups()); // all() is not const
    for (const host::Cgroup* g : tree.all()) {
        CgroupNode n;
        n.path = q(g->path());
        n.name = g->isRoot() ? QStringLiteral("/") : q(g->name);
        for (const host::Cgroup* p = g->parent; p; p = p->parent)
            ++n.depth;
        n.id = g->id;
        n.limits = limitsOf(*g);
        n.cpuShare = static_cast<double>(g->cpuStat.usageUsec) / now;
        const uint64_t limit = std::min(g->memoryHigh, g->memoryMax);
        n.memoryText = QStringLiteral("%1 / %2").arg(pagesText(g->memoryCurrent), pagesText(limit));
        n.memoryUse = limit == host::kMax ? -1 : static_cast<double>(g->memoryCurrent) / limit;
        n.pidsText = QStringLiteral("%1 / %2")
                         .arg(g->pidsCurrent)
                         .arg(g->pidsMax == host::kMax ? QStringLiteral("max")
                                                       : QString::number(g->pidsMax));
        n.pidsUse =
            g->pidsMax == host::kMax ? -1 : static_cast<double>(g->pidsCurrent) / g->pidsMax;
        for (int pid : g->procs)
            n.processes << QStringLiteral("pid %1").arg(pid);
        forest.nodes << n;
    }
    return forest;
}

CgroupForest forestOf(const host::LiveCgroupTree& tree, int maxGroups) {
    CgroupForest forest;
    forest.source =
        QCoreApplication::translate("vizor::views::concepts::CgroupTreeView", "this machine: %1")
            .arg(q(std::string(host::layoutName(tree.layout))));
    for (const host::LiveHierarchy& h : tree.hierarchies) {
        // The unified hierarchy if there is one, else the first: one tree per picture.
        if (h.mount.version != 2 && tree.layout != host::CgroupLayout::Legacy) continue;
        for (const host::LiveGroup& g : h.groups) {
            if (forest.nodes.size() >= maxGroups) break;
            CgroupNode n;
            n.path = q(g.path);
            n.depth = n.path == QLatin1String("/") ? 0 : static_cast<int>(n.path.count('/'));
            n.name = n.depth == 0 ? q(h.mount.mountPoint) : n.path.section('/', -1);
            QStringList limits;
            for (const char* file :
                 {"cpu.max", "cpu.weight", "memory.max", "memory.high", "pids.max"}) {
                const QString v = valueOf(g, file);
                if (!v.isEmpty() && v != QLatin1String("max") && v != QLatin1String("max 100000") &&
                    v != QLatin1String("100"))
                    limits << QStringLiteral("%1 %2").arg(QLatin1String(file), v);
            }
            n.limits = limits.join(QStringLiteral(" · "));
            const QString mem = valueOf(g, "memory.current");
            if (!mem.isEmpty())
                n.memoryText = QStringLiteral("%1 KiB").arg(mem.toULongLong() / 1024);
            const QString pids = valueOf(g, "pids.current");
            if (!pids.isEmpty()) n.pidsText = pids;
            if (g.processes >= 0) n.processes << QStringLiteral("%1 processes").arg(g.processes);
            forest.nodes << n;
        }
        break;
    }
    return forest;
}

CgroupTreeView::CgroupTreeView(QWidget* parent) : ConceptView(parent) {}

QString CgroupTreeView::title() const {
    return tr("cgroup tree");
}

void CgroupTreeView::setForest(const CgroupForest& forest) {
    forest_ = forest;
    update();
}

void CgroupTreeView::eventsChanged(std::size_t firstNew) {
    if (firstNew == 0) {
        throttled_.clear();
        throttles_.clear();
        oomKills_.clear();
        lastEvent_.clear();
    }
    for (std::size_t i = firstNew; i < events().size(); ++i) {
        const Event& e = events()[i];
        if (e.type == EventType::CgroupThrottle) {
            throttled_[e.a] = e.b != 0;
            if (e.b) ++throttles_[e.a];
        } else if (e.type == EventType::OomKill) {
            ++oomKills_[e.a];
        } else {
            continue;
        }
        lastEvent_[e.a] = static_cast<qint64>(sequenceAt(i));
    }
}

void CgroupTreeView::addBar(SceneItems& out, const QRectF& rect, double fraction, Role role,
                            const QString& text) const {
    out << boxItem(QStringLiteral("bar-track"), rect, Role::Neutral);
    if (fraction >= 0) {
        SceneItem fill = boxItem(
            QStringLiteral("bar"),
            QRectF(rect.left(), rect.top(), rect.width() * std::min(1.0, fraction), rect.height()),
            fraction > 1.0 ? Role::Alert : role);
        fill.strong = true;
        fill.outlined = false;
        out << fill;
    }
    out << textItem(rect.adjusted(6, 0, -4, 0), text, 13);
}

void CgroupTreeView::buildItems(SceneItems& out, const QRectF& area) const {
    SceneItem heading = textItem(QRectF(area.left(), area.top(), area.width(), 28),
                                 tr("cgroup tree: %1").arg(forest_.source), 20);
    heading.bold = true;
    out << heading;
    const qreal top = area.top() + 60;
    const qreal nameW = area.width() * 0.30, barW = area.width() * 0.14;
    const QStringList columns = {tr("group and limits"), tr("CPU share"), tr("memory"), tr("tasks"),
                                 tr("processes and events")};
    const qreal xs[] = {area.left(), area.left() + nameW, area.left() + nameW + barW + 10,
                        area.left() + nameW + 2 * (barW + 10),
                        area.left() + nameW + 3 * (barW + 10)};
    for (int c = 0; c < columns.size(); ++c) {
        SceneItem t = textItem(QRectF(xs[c], top - 26, c == 4 ? area.right() - xs[c] : barW, 24),
                               columns[c], 14);
        t.bold = true;
        out << t;
    }
    const int rows = static_cast<int>((area.bottom() - kLegend - top) / kRow);
    for (int i = 0; i < forest_.nodes.size() && i < rows; ++i) {
        const CgroupNode& n = forest_.nodes[i];
        const qreal y = top + i * kRow;
        const qreal indent = n.depth * 22.0;
        SceneItem group = boxItem(
            QStringLiteral("group"), QRectF(xs[0] + indent, y, nameW - indent - 8, kRow - 6),
            Role::Host, n.limits.isEmpty() ? n.name : n.name + QLatin1Char('\n') + n.limits);
        group.fontPx = 14;
        group.align = 0x0081;
        group.sequence = lastEvent_.value(n.id, -1);
        out << group;
        if (n.depth > 0)
            out << lineItem(QPointF(xs[0] + indent - 12, y - 6),
                            QPointF(xs[0] + indent - 12, y + kRow / 2 - 3), Role::Neutral, 1.0)
                << lineItem(QPointF(xs[0] + indent - 12, y + kRow / 2 - 3),
                            QPointF(xs[0] + indent, y + kRow / 2 - 3), Role::Neutral, 1.0);
        const qreal by = y + 8, bh = kRow - 22;
        addBar(out, QRectF(xs[1], by, barW, bh), n.cpuShare, Role::Host,
               n.cpuShare < 0 ? QString() : QStringLiteral("%1%").arg(n.cpuShare * 100, 0, 'f', 1));
        addBar(out, QRectF(xs[2], by, barW, bh), n.memoryUse, Role::Host, n.memoryText);
        addBar(out, QRectF(xs[3], by, barW, bh), n.pidsUse, Role::Host, n.pidsText);
        qreal x = xs[4];
        for (const QString& p : n.processes) {
            SceneItem leaf =
                boxItem(QStringLiteral("process"), QRectF(x, by, 74, bh), Role::Host, p);
            leaf.fontPx = 13;
            out << leaf;
            x += 80;
        }
        QStringList notes;
        if (throttleCount(n.id))
            notes << tr("throttled %1×%2")
                         .arg(throttleCount(n.id))
                         .arg(throttled(n.id) ? tr(" (now)") : QString());
        if (oomKills(n.id)) notes << tr("OOM kills %1").arg(oomKills(n.id));
        if (!notes.isEmpty()) {
            out << markerItem(QStringLiteral("alert"), QPointF(x + 10, y + kRow / 2 - 3), 16,
                              Role::Alert);
            SceneItem t = textItem(QRectF(x + 24, y, area.right() - x - 24, kRow - 6),
                                   notes.join(QStringLiteral(", ")), 14);
            t.id = QStringLiteral("group-events");
            t.sequence = group.sequence;
            out << t;
        }
    }
    if (forest_.nodes.size() > rows)
        out << textItem(QRectF(area.left(), area.bottom() - kLegend - 22, area.width(), 20),
                        tr("… and %1 more groups").arg(forest_.nodes.size() - rows), 14);
    addLegend(out, QRectF(area.left(), area.bottom() - kLegend + 4, area.width(), kLegend - 4),
              {{Role::Host, tr("host groups, tasks and usage")},
               {Role::Alert, tr("throttled, OOM kill, over the limit")}});
}

} // namespace vizor::views::concepts
