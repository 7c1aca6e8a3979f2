// The real scenarios every concept view is shown with in the README's gallery and played
// in the drawing benchmark: each a view set up for its scenario and the events a real
// engine run recorded for it (the guest kernel under a mode, or a host-model scenario).
#pragma once

#include "views/concepts/ConceptView.h"

#include <memory>
#include <vector>

namespace vizor::views::concepts {

struct GalleryScene {
    QString name;        // file name stem: "world-switch", "page-walk-nested", ...
    QString description; // one line for the README
    std::unique_ptr<ConceptView> view;
    std::vector<NumberedEvent> events; // to feed, in order
};

// Runs every scenario; on failure returns what was made and sets `error`.
std::vector<GalleryScene> galleryScenes(std::string& error);

} // namespace vizor::views::concepts
