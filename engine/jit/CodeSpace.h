// Generated code's home: a W^X CodeBuffer that starts with the entry and exit
// trampolines every block shares, then blocks appended one after another, and the
// patching of chain links. Reset drops every block at once (never while one runs).
#pragma once

#include "jit/CodeBuffer.h"
#include "jit/JitContext.h"

#include <cstdint>
#include <vector>

namespace vizor::jit {

class CodeSpace {
public:
    explicit CodeSpace(std::size_t capacity);
    bool ok() const { return enter_ != nullptr; }
    // Runs generated code from `entry` until it returns an ExitStatus.
    uint32_t enter(JitContext* ctx, const uint8_t* entry) const { return enter_(ctx, entry); }
    uint64_t epilogue() const { return reinterpret_cast<uint64_t>(epilogue_); }
    uint64_t exitSynced() const { return reinterpret_cast<uint64_t>(exitSynced_); }
    // Where the next block will be copied (code is generated for that address).
    uint64_t origin() const { return reinterpret_cast<uint64_t>(buffer_.cursor()); }
    std::size_t free() const { return buffer_.free(); }
    const uint8_t* append(const std::vector<uint8_t>& code);
    // Points the rel32 at `site` to `target`.
    void patch(uint64_t site, const uint8_t* target);
    void reset() { buffer_.truncate(trampolineEnd_); }

private:
    CodeBuffer buffer_;
    std::size_t trampolineEnd_ = 0;
    using EnterFn = uint32_t (*)(JitContext*, const uint8_t*);
    EnterFn enter_ = nullptr;
    const uint8_t* epilogue_ = nullptr;
    const uint8_t* exitSynced_ = nullptr;
};

} // namespace vizor::jit
