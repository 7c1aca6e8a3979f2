// The shipped scenario of each concept view whose events the workbench's single VM
// cannot produce (several VMs sharing a host, a live migration, a cluster, a thin disk
// behind virtio-blk, the host model's cgroups): the docks show a real run of it. The
// engine runs where this is called, creating no widget, so the docks can call it off
// the GUI thread; `setUp` is then applied to the view on the GUI thread.
#pragma once

#include "views/concepts/ConceptView.h"

#include <functional>
#include <string>
#include <vector>

namespace vizor::views::concepts {

struct ShippedScene {
    std::string error; // empty when the run happened
    QString description;
    std::function<void(ConceptView&)> setUp; // what the view needs besides the events
    std::vector<NumberedEvent> events;
    bool ok() const { return error.empty(); }
};

// The views that have one: "balloon", "memory-plot", "migration", "dirty-pages-plot",
// "consolidation", "storage", "cpu-share-plot".
QStringList shippedSceneViews();
ShippedScene shippedScene(const QString& viewName);

} // namespace vizor::views::concepts
