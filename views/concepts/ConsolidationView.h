// Server consolidation: the hosts as columns of CPU capacity with their VMs stacked in
// them, before (each VM where the scenario put it) and after a placement policy packed
// them; hosts left empty are switched off. Block heights are each VM's peak CPU as the
// credit scheduler granted it; the line across a column is the host's own busiest
// sample, lower than the stack when the VMs peak at different times.
#pragma once

#include "views/concepts/ConceptView.h"

namespace vizor::views::concepts {

struct ConsolidatedVm {
    QString name;
    double peakCpu = 0; // granted, 100 = one CPU
};

struct ConsolidatedHost {
    QString name;
    double capacity = 100;
    double peakUsed = 0; // the host's busiest sample
    QList<ConsolidatedVm> vms;
    bool on() const { return !vms.isEmpty(); }
};

struct ConsolidationLayout {
    QList<ConsolidatedHost> hosts;
    int hostsOn = 0;
    double meanUtilization = 0; // of the hosts that are on, 0..1
    bool overCapacity = false;
};

struct ConsolidationPicture {
    QString scenario; // "forty-servers.cluster"
    QString policy;   // "ffd"
    ConsolidationLayout before, after;
};

class ConsolidationView : public ConceptView {
    Q_OBJECT
public:
    explicit ConsolidationView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("consolidation"); }
    QString title() const override;

    void setPicture(const ConsolidationPicture& picture);
    const ConsolidationPicture& picture() const { return picture_; }

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;

private:
    void addPanel(SceneItems& out, const ConsolidationLayout& layout, const QString& heading,
                  const QString& tag, const QRectF& area) const;
    void addHost(SceneItems& out, const ConsolidatedHost& host, const QString& tag,
                 const QRectF& column) const;
    ConsolidationPicture picture_;
};

} // namespace vizor::views::concepts
