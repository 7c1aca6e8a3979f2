// Branch relaxation, reproducing GNU as so that both give every conditional branch to
// a label the same size: 4 bytes, or 8 as the inverse branch over a jal.
//
// GNU as puts each such branch (and each jal to a label) at the end of a "frag"; an
// .align, .space or .fill also ends one. It first estimates every branch in one sweep
// over the section: a label already reached is at its real offset, but a label further
// on belongs to a frag that has no address yet, so GNU takes it at its offset *within
// its frag*. Then it repeats sweeps until no size changes; in a sweep, labels behind
// the branch are at their new addresses and labels ahead at the previous sweep's.
// Where the distance is clear all of this agrees with common sense; at the edge of the
// range (a branch that fits only if it is short) the outcome depends on these rules,
// and we follow them: pass 0 learns where labels sit in their frags, pass 1 is GNU's
// estimate, later passes are its sweeps. (GNU also starts a frag when its memory chunk
// fills, every few kilobytes of straight-line code; we do not model that.)
#include "asm/Pass.h"

namespace vizor::assembler {
namespace {

bool fitsBranch(int64_t offset) {
    offset = static_cast<int32_t>(static_cast<uint32_t>(offset));
    return offset >= -4096 && offset < 4096;
}

} // namespace

std::optional<int64_t> Pass::trialValue(const Operand& op, Lookup mode) {
    const Lookup savedMode = lookup_;
    const bool savedSilent = silent_;
    lookup_ = mode;
    silent_ = true;
    const auto v = evaluate(op.tokens, *this, op.endColumn);
    lookup_ = savedMode;
    silent_ = savedSilent;
    return v ? std::optional(v->value) : std::nullopt;
}

// The label a branch target is relative to (GNU's fr_symbol); none for "." forms.
std::optional<std::string> Pass::targetLabel(const Operand& op) {
    for (const auto& t : op.tokens) {
        if (t.kind == TokenKind::LocalRef) {
            const int count = localCounts_[t.value];
            const bool backward = t.text.back() == 'b';
            if (backward && count == 0) return std::nullopt;
            return std::to_string(t.value) + "\x02" + std::to_string(backward ? count - 1 : count);
        }
        if (t.kind == TokenKind::Identifier && t.text != "." &&
            (labelLines_.count(t.text) || previous_.labels.count(t.text)))
            return t.text;
    }
    return std::nullopt;
}

bool Pass::branchFits(const Operand& target) {
    const auto label = targetLabel(target);
    const auto here = label ? labelPlaces_.find(*label) : labelPlaces_.end();
    const auto before = label ? previous_.labelPlaces.find(*label) : previous_.labelPlaces.end();
    // GNU never considers a label of another section to be in reach.
    const std::string* labelSection = here != labelPlaces_.end() ? &here->second.section
                                      : before != previous_.labelPlaces.end()
                                          ? &before->second.section
                                          : nullptr;
    if (labelSection && *labelSection != section().name) return false;
    if (!label || here != labelPlaces_.end()) { // behind us: its address is known now
        const auto v = trialValue(target, Lookup::CurrentOnly);
        return v && fitsBranch(*v - dot());
    }
    if (passIndex_ == 0 || before == previous_.labelPlaces.end()) return false;
    if (passIndex_ == 1) { // GNU's estimate: the frag ahead still sits at address 0
        const auto v = trialValue(target, Lookup::PreviousFirst);
        const auto labelValue = previous_.symbols.find(*label);
        if (!v || labelValue == previous_.symbols.end()) return false;
        const int64_t addend = *v - labelValue->second;
        const int64_t offsetInSection = dot() - static_cast<int64_t>(section().base);
        return fitsBranch(before->second.fragOffset + addend - offsetInSection);
    }
    const auto v = trialValue(target, Lookup::Normal); // ahead: where the last pass put it
    return v && fitsBranch(*v - dot());
}

} // namespace vizor::assembler
