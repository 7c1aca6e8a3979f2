#include "jit/X86Emitter.h"

#include <cstring>

namespace vizor::jit {

void X86Emitter::dword(uint32_t v) {
    for (int i = 0; i < 4; ++i)
        byte(static_cast<uint8_t>(v >> (8 * i)));
}

// REX: 0100WRXB. Emitted only when a bit is needed (or for byte registers).
void X86Emitter::rex(bool w, unsigned reg, unsigned index, unsigned base, bool force) {
    const auto r = static_cast<uint8_t>(0x40 | (w ? 8 : 0) | ((reg >> 3) & 1) << 2 |
                                        ((index >> 3) & 1) << 1 | ((base >> 3) & 1));
    if (r != 0x40 || force) byte(r);
}

// mod = 10 (disp32) always; rsp/r12 as a base need a SIB byte (no index).
void X86Emitter::modrmMem(unsigned reg, Mem m) {
    byte(static_cast<uint8_t>(0x80 | (reg & 7) << 3 | (m.base & 7)));
    if ((m.base & 7) == RSP) byte(0x24);
    dword(static_cast<uint32_t>(m.disp));
}

void X86Emitter::opMem(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, Mem m,
                       bool forceRex) {
    rex(w, reg, 0, m.base, forceRex);
    for (uint8_t b : opcode)
        byte(b);
    modrmMem(reg, m);
}

void X86Emitter::opReg(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, unsigned rm,
                       bool forceRex) {
    rex(w, reg, 0, rm, forceRex);
    for (uint8_t b : opcode)
        byte(b);
    modrmReg(reg, rm);
}

void X86Emitter::mov(Reg dst, Reg src) {
    opReg(false, {0x89}, src, dst);
}
void X86Emitter::mov64(Reg dst, Reg src) {
    opReg(true, {0x89}, src, dst);
}
void X86Emitter::load(Reg dst, Mem m) {
    opMem(false, {0x8b}, dst, m);
}
void X86Emitter::load64(Reg dst, Mem m) {
    opMem(true, {0x8b}, dst, m);
}
void X86Emitter::store(Mem m, Reg src) {
    opMem(false, {0x89}, src, m);
}
void X86Emitter::store64(Mem m, Reg src) {
    opMem(true, {0x89}, src, m);
}
void X86Emitter::storeImm(Mem m, uint32_t imm) {
    opMem(false, {0xc7}, 0, m);
    dword(imm);
}
void X86Emitter::movImm(Reg dst, uint32_t imm) {
    rex(false, 0, 0, dst);
    byte(static_cast<uint8_t>(0xb8 + (dst & 7)));
    dword(imm);
}
void X86Emitter::movImm64(Reg dst, uint64_t imm) {
    rex(true, 0, 0, dst);
    byte(static_cast<uint8_t>(0xb8 + (dst & 7)));
    dword(static_cast<uint32_t>(imm));
    dword(static_cast<uint32_t>(imm >> 32));
}
void X86Emitter::loadZx8(Reg dst, Mem m) {
    opMem(false, {0x0f, 0xb6}, dst, m);
}
void X86Emitter::loadZx16(Reg dst, Mem m) {
    opMem(false, {0x0f, 0xb7}, dst, m);
}
void X86Emitter::loadSx8(Reg dst, Mem m) {
    opMem(false, {0x0f, 0xbe}, dst, m);
}
void X86Emitter::loadSx16(Reg dst, Mem m) {
    opMem(false, {0x0f, 0xbf}, dst, m);
}
void X86Emitter::store8(Mem m, Reg src) {
    opMem(false, {0x88}, src, m);
}
void X86Emitter::store16(Mem m, Reg src) {
    byte(0x66); // operand-size prefix, before REX
    opMem(false, {0x89}, src, m);
}
void X86Emitter::movsxd(Reg dst, Reg src) {
    opReg(true, {0x63}, dst, src);
}
void X86Emitter::lea64(Reg dst, Mem m) {
    opMem(true, {0x8d}, dst, m);
}

void X86Emitter::alu(Alu op, Reg dst, Reg src) {
    opReg(false, {static_cast<uint8_t>(static_cast<unsigned>(op) * 8 + 1)}, src, dst);
}
void X86Emitter::alu64(Alu op, Reg dst, Reg src) {
    opReg(true, {static_cast<uint8_t>(static_cast<unsigned>(op) * 8 + 1)}, src, dst);
}
void X86Emitter::aluMem(Alu op, Reg dst, Mem m) {
    opMem(false, {static_cast<uint8_t>(static_cast<unsigned>(op) * 8 + 3)}, dst, m);
}
void X86Emitter::alu64Mem(Alu op, Reg dst, Mem m) {
    opMem(true, {static_cast<uint8_t>(static_cast<unsigned>(op) * 8 + 3)}, dst, m);
}
void X86Emitter::aluImm(Alu op, Reg dst, uint32_t imm) {
    opReg(false, {0x81}, static_cast<unsigned>(op), dst);
    dword(imm);
}
void X86Emitter::alu64Imm(Alu op, Reg dst, int32_t imm) {
    opReg(true, {0x81}, static_cast<unsigned>(op), dst);
    dword(static_cast<uint32_t>(imm));
}
void X86Emitter::cmpMem8Imm(Mem m, uint8_t imm) {
    opMem(false, {0x80}, 7, m);
    byte(imm);
}
void X86Emitter::testImm(Reg r, uint32_t imm) {
    opReg(false, {0xf7}, 0, r);
    dword(imm);
}
void X86Emitter::shiftImm(Shift op, Reg r, uint8_t n) {
    opReg(false, {0xc1}, static_cast<unsigned>(op), r);
    byte(n);
}
void X86Emitter::shift64Imm(Shift op, Reg r, uint8_t n) {
    opReg(true, {0xc1}, static_cast<unsigned>(op), r);
    byte(n);
}
void X86Emitter::shiftCl(Shift op, Reg r) {
    opReg(false, {0xd3}, static_cast<unsigned>(op), r);
}
void X86Emitter::imul(Reg dst, Reg src) {
    opReg(false, {0x0f, 0xaf}, dst, src);
}
void X86Emitter::imul64(Reg dst, Reg src) {
    opReg(true, {0x0f, 0xaf}, dst, src);
}
void X86Emitter::setcc(Cond c, Reg dst) {
    opReg(false, {0x0f, static_cast<uint8_t>(0x90 | static_cast<uint8_t>(c))}, 0, dst);
    opReg(false, {0x0f, 0xb6}, dst, dst);
}
void X86Emitter::incMem64(Mem m) {
    opMem(true, {0xff}, 0, m);
}

void X86Emitter::jcc(Cond c, Label& l) {
    byte(0x0f);
    byte(static_cast<uint8_t>(0x80 | static_cast<uint8_t>(c)));
    l.uses.push_back(size());
    dword(0);
    if (l.at != SIZE_MAX) bind(l);
}
void X86Emitter::jmp(Label& l) {
    byte(0xe9);
    l.uses.push_back(size());
    dword(0);
    if (l.at != SIZE_MAX) bind(l);
}
// Binding patches every use so far; a label used after binding is patched at once.
void X86Emitter::bind(Label& l) {
    if (l.at == SIZE_MAX) l.at = size();
    for (std::size_t use : l.uses) {
        const auto rel =
            static_cast<int32_t>(static_cast<int64_t>(l.at) - static_cast<int64_t>(use + 4));
        std::memcpy(&code_[use], &rel, 4);
    }
    l.uses.clear();
}
void X86Emitter::jmpAbs(uint64_t origin, uint64_t target) {
    byte(0xe9);
    const uint64_t next = origin + size() + 4;
    dword(static_cast<uint32_t>(static_cast<int32_t>(static_cast<int64_t>(target - next))));
}
void X86Emitter::jccAbs(Cond c, uint64_t origin, uint64_t target) {
    byte(0x0f);
    byte(static_cast<uint8_t>(0x80 | static_cast<uint8_t>(c)));
    const uint64_t next = origin + size() + 4;
    dword(static_cast<uint32_t>(static_cast<int32_t>(static_cast<int64_t>(target - next))));
}
void X86Emitter::callAbs(uint64_t target) {
    movImm64(RAX, target);
    opReg(false, {0xff}, 2, RAX);
}
void X86Emitter::push(Reg r) {
    rex(false, 0, 0, r);
    byte(static_cast<uint8_t>(0x50 + (r & 7)));
}
void X86Emitter::pop(Reg r) {
    rex(false, 0, 0, r);
    byte(static_cast<uint8_t>(0x58 + (r & 7)));
}
void X86Emitter::ret() {
    byte(0xc3);
}
void X86Emitter::jmpReg(Reg r) {
    opReg(false, {0xff}, 4, r);
}

} // namespace vizor::jit
