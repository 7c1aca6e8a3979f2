#include "jit/CodeSpace.h"

#include "jit/X86Emitter.h"

#include <cstddef>
#include <cstring>

namespace vizor::jit {

// enter(ctx, code): saves the callee-saved registers, loads the fixed ones and jumps
// into a block; the epilogue stores r12/r13 back and returns eax. rsp stays 16-byte
// aligned inside, so blocks may call C++ helpers directly.
CodeSpace::CodeSpace(std::size_t capacity) : buffer_(capacity) {
    if (!buffer_.ok()) return;
    X86Emitter a;
    for (Reg r : {RBX, RBP, R12, R13, R14, R15})
        a.push(r);
    a.alu64Imm(Alu::Sub, RSP, 8);
    a.mov64(R14, RDI);
    a.load64(RBX, {R14, static_cast<int32_t>(offsetof(JitContext, hart))});
    a.load64(R15, {R14, static_cast<int32_t>(offsetof(JitContext, ram))});
    a.load64(R12, {R14, static_cast<int32_t>(offsetof(JitContext, left))});
    a.load64(R13, {R14, static_cast<int32_t>(offsetof(JitContext, retired))});
    a.jmpReg(RSI);
    const std::size_t epilogue = a.size();
    a.store64({R14, static_cast<int32_t>(offsetof(JitContext, left))}, R12);
    a.store64({R14, static_cast<int32_t>(offsetof(JitContext, retired))}, R13);
    a.alu64Imm(Alu::Add, RSP, 8);
    for (Reg r : {R15, R14, R13, R12, RBP, RBX})
        a.pop(r);
    a.ret();
    const std::size_t synced = a.size();
    a.movImm(RAX, kExitSynced);
    Label toEpilogue;
    toEpilogue.at = epilogue;
    a.jmp(toEpilogue);
    uint8_t* base = buffer_.append(a.bytes().data(), a.size());
    trampolineEnd_ = buffer_.used();
    buffer_.makeExecutable(base, a.size());
    enter_ = reinterpret_cast<EnterFn>(reinterpret_cast<void*>(base));
    epilogue_ = base + epilogue;
    exitSynced_ = base + synced;
}

const uint8_t* CodeSpace::append(const std::vector<uint8_t>& code) {
    if (code.size() > buffer_.free()) return nullptr;
    const uint8_t* at = buffer_.cursor();
    buffer_.makeWritable(at, code.size());
    buffer_.append(code.data(), code.size());
    buffer_.makeExecutable(at, code.size());
    return at;
}

void CodeSpace::patch(uint64_t site, const uint8_t* target) {
    const auto rel =
        static_cast<int32_t>(reinterpret_cast<int64_t>(target) - static_cast<int64_t>(site + 4));
    auto* at = reinterpret_cast<uint8_t*>(site);
    buffer_.makeWritable(at, 4);
    std::memcpy(at, &rel, 4);
    buffer_.makeExecutable(at, 4);
}

} // namespace vizor::jit
