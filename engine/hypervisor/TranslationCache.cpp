#include "hypervisor/TranslationCache.h"

#include "machine/Machine.h"

namespace vizor::hv {

TranslatedBlock* TranslationCache::find(uint32_t pc, uint32_t space) const {
    const auto it = map_.find(key(pc, space));
    return it == map_.end() ? nullptr : it->second;
}

TranslatedBlock* TranslationCache::insert(TranslatedBlock block) {
    TranslatedBlock* b = &storage_.emplace_back(std::move(block));
    map_[key(b->pc, b->space)] = b;
    byPage_[b->codePage].push_back(b);
    codePages_.insert(b->codePage);
    markPage(b->codePage, true);
    return b;
}

void TranslationCache::markPage(uint32_t gpaPage, bool code) {
    const uint32_t index = (gpaPage - board::kRamBase) >> 12;
    if (gpaPage < board::kRamBase) return;
    if (index >= codePageMap_.size()) {
        if (!code) return;
        codePageMap_.resize(index + 1, 0);
    }
    codePageMap_[index] = code ? 1 : 0;
}

const uint8_t* TranslationCache::codePageMap(std::size_t pages) {
    if (codePageMap_.size() < pages) codePageMap_.resize(pages, 0);
    return codePageMap_.data();
}

std::size_t TranslationCache::invalidatePage(uint32_t gpaPage) {
    const auto it = byPage_.find(gpaPage);
    if (it == byPage_.end()) return 0;
    std::size_t dropped = 0;
    for (TranslatedBlock* b : it->second) {
        if (!b->valid) continue;
        b->valid = false;
        map_.erase(key(b->pc, b->space));
        ++dropped;
    }
    byPage_.erase(it);
    codePages_.erase(gpaPage);
    markPage(gpaPage, false);
    ++generation_;
    // Unchain: no surviving block may jump straight into dropped code. A linear scan;
    // invalidation is rare next to execution.
    for (TranslatedBlock& b : storage_)
        for (TranslatedBlock*& next : b.successor)
            if (next && !next->valid) next = nullptr;
    return dropped;
}

TranslationCache::TranslationCache(const TranslationCache& other) {
    *this = other;
}

// Copies the blocks, then points every chain, key and page list at the copy's own
// blocks (the same position in storage_).
TranslationCache& TranslationCache::operator=(const TranslationCache& other) {
    if (this == &other) return *this;
    storage_ = other.storage_;
    std::unordered_map<const TranslatedBlock*, TranslatedBlock*> moved;
    moved.reserve(storage_.size());
    for (std::size_t i = 0; i < storage_.size(); ++i)
        moved[&other.storage_[i]] = &storage_[i];
    const auto remap = [&moved](TranslatedBlock* b) { return b ? moved.at(b) : nullptr; };
    for (TranslatedBlock& b : storage_)
        for (TranslatedBlock*& next : b.successor)
            next = remap(next);
    map_.clear();
    for (const auto& [k, b] : other.map_)
        map_[k] = remap(b);
    byPage_.clear();
    for (const auto& [page, blocks] : other.byPage_)
        for (TranslatedBlock* b : blocks)
            byPage_[page].push_back(remap(b));
    codePages_ = other.codePages_;
    codePageMap_ = other.codePageMap_;
    ++generation_;
    return *this;
}

void TranslationCache::clear() {
    map_.clear();
    byPage_.clear();
    codePages_.clear();
    codePageMap_.clear();
    storage_.clear();
    ++generation_;
}

} // namespace vizor::hv
