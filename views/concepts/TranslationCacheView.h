// Translation cache and patches. Under binary translation: guest code blocks on the left,
// the translated blocks in the cache on the right, an arrow where a block was translated,
// chain arrows between translated blocks, and the latest hit, miss or invalidation
// flashing. Under binary patching: the patched words in guest code, the original
// instruction each one replaced, and how often the VMM served it.
#pragma once

#include "views/concepts/ConceptView.h"

#include <map>

namespace vizor::views::concepts {

struct CachedBlock {
    uint32_t pc = 0;
    uint32_t instructions = 0;
    uint64_t hits = 0;
    uint64_t translations = 0; // more than one: it was invalidated and translated again
    bool valid = true;
    uint64_t lastSequence = 0;
};

struct PatchSite {
    uint32_t address = 0;
    uint32_t original = 0; // the instruction word the patch replaced
    uint64_t hits = 0;
    bool dropped = false;
    uint64_t lastSequence = 0;
};

struct CacheCounts {
    uint64_t translated = 0, hits = 0, misses = 0, chains = 0, invalidated = 0, callouts = 0;
};

class TranslationCacheView : public ConceptView {
    Q_OBJECT
public:
    explicit TranslationCacheView(QWidget* parent = nullptr);
    QString viewName() const override { return QStringLiteral("translation-cache"); }
    QString title() const override;

    const std::map<uint32_t, CachedBlock>& blocks() const { return blocks_; }
    const std::map<std::pair<uint32_t, uint32_t>, uint64_t>& chains() const { return chains_; }
    const std::map<uint32_t, PatchSite>& patches() const { return patches_; }
    const CacheCounts& counts() const { return counts_; }

protected:
    void buildItems(SceneItems& out, const QRectF& area) const override;
    void eventsChanged(std::size_t firstNew) override;

private:
    void translation(const Event& e, uint64_t sequence);
    void patch(const Event& e, uint64_t sequence);
    void addBlocks(SceneItems& out, const QRectF& area) const;
    void addPatches(SceneItems& out, const QRectF& area) const;

    std::map<uint32_t, CachedBlock> blocks_;
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> chains_; // (from, to) -> follows
    std::map<uint32_t, PatchSite> patches_;
    CacheCounts counts_;
    uint32_t lastBlock_ = 0;
    uint64_t lastSequence_ = 0; // the newest translation or patch event
    enum class Latest {
        Nothing,
        Translated,
        Hit,
        Miss,
        Chain,
        Invalidated,
        Callout,
        Patched,
        PatchServed,
        PatchDropped
    };
    QString latestText() const;
    Latest lastWhat_ = Latest::Nothing;
    uint32_t lastPc_ = 0;
};

} // namespace vizor::views::concepts
