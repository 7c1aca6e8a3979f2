// A small x86-64 instruction emitter: just the encodings the RV32 code generator
// needs, written out by hand from the Intel SDM's opcode tables (REX, ModRM, SIB).
// Memory operands are always [base + disp32]; registers are the 16 general ones.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace vizor::jit {

enum Reg : uint8_t { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };

// Condition codes as the low nibble of Jcc/SETcc.
enum class Cond : uint8_t {
    B = 0x2,
    AE = 0x3,
    E = 0x4,
    NE = 0x5,
    BE = 0x6,
    A = 0x7,
    L = 0xc,
    GE = 0xd,
    LE = 0xe,
    G = 0xf
};

// The integer ALU group (opcode 01/09/... for r/m,r; 81 /digit for r/m,imm32).
enum class Alu : uint8_t { Add = 0, Or = 1, And = 4, Sub = 5, Xor = 6, Cmp = 7 };
enum class Shift : uint8_t { Shl = 4, Shr = 5, Sar = 7 };

struct Mem {
    Reg base;
    int32_t disp = 0;
};

// A forward jump target: the rel32 fields that name it are patched when it is bound.
struct Label {
    std::vector<std::size_t> uses;
    std::size_t at = SIZE_MAX;
};

class X86Emitter {
public:
    std::vector<uint8_t>& bytes() { return code_; }
    std::size_t size() const { return code_.size(); }

    // 32-bit moves (a 32-bit write zero-extends into the 64-bit register).
    void mov(Reg dst, Reg src);           // mov r32, r32
    void mov64(Reg dst, Reg src);         // mov r64, r64
    void load(Reg dst, Mem m);            // mov r32, [m]
    void load64(Reg dst, Mem m);          // mov r64, [m]
    void store(Mem m, Reg src);           // mov [m], r32
    void store64(Mem m, Reg src);         // mov [m], r64
    void storeImm(Mem m, uint32_t imm);   // mov dword [m], imm32
    void movImm(Reg dst, uint32_t imm);   // mov r32, imm32
    void movImm64(Reg dst, uint64_t imm); // mov r64, imm64
    void loadZx8(Reg dst, Mem m);         // movzx r32, byte [m]
    void loadZx16(Reg dst, Mem m);        // movzx r32, word [m]
    void loadSx8(Reg dst, Mem m);         // movsx r32, byte [m]
    void loadSx16(Reg dst, Mem m);        // movsx r32, word [m]
    void store8(Mem m, Reg src);          // mov byte [m], r8 (src: RAX..RBX)
    void store16(Mem m, Reg src);         // mov word [m], r16
    void movsxd(Reg dst, Reg src);        // movsxd r64, r32
    void lea64(Reg dst, Mem m);           // lea r64, [m]

    void alu(Alu op, Reg dst, Reg src);          // op r32, r32
    void alu64(Alu op, Reg dst, Reg src);        // op r64, r64
    void aluMem(Alu op, Reg dst, Mem m);         // op r32, [m]
    void alu64Mem(Alu op, Reg dst, Mem m);       // op r64, [m]
    void aluImm(Alu op, Reg dst, uint32_t imm);  // op r32, imm32
    void alu64Imm(Alu op, Reg dst, int32_t imm); // op r64, imm32 (sign-extended)
    void cmpMem8Imm(Mem m, uint8_t imm);         // cmp byte [m], imm8
    void testImm(Reg r, uint32_t imm);           // test r32, imm32
    void shiftImm(Shift op, Reg r, uint8_t n);   // op r32, n
    void shift64Imm(Shift op, Reg r, uint8_t n); // op r64, n
    void shiftCl(Shift op, Reg r);               // op r32, cl
    void imul(Reg dst, Reg src);                 // imul r32, r32
    void imul64(Reg dst, Reg src);               // imul r64, r64
    void setcc(Cond c, Reg dst);                 // setcc r8 + movzx r32 (dst: RAX..RBX)
    void incMem64(Mem m);                        // inc qword [m]

    void jcc(Cond c, Label& l);
    void jmp(Label& l);
    void bind(Label& l);
    // jmp rel32 to an absolute address inside the same code buffer, given where this
    // code will live (`origin` = address of byte 0 of bytes()).
    void jmpAbs(uint64_t origin, uint64_t target);
    void jccAbs(Cond c, uint64_t origin, uint64_t target);
    void callAbs(uint64_t target); // mov rax, imm64; call rax
    void push(Reg r);
    void pop(Reg r);
    void ret();
    void jmpReg(Reg r);

private:
    void byte(uint8_t b) { code_.push_back(b); }
    void dword(uint32_t v);
    void rex(bool w, unsigned reg, unsigned index, unsigned base, bool force = false);
    void modrmMem(unsigned reg, Mem m);
    void modrmReg(unsigned reg, unsigned rm) {
        byte(static_cast<uint8_t>(0xc0 | (reg & 7) << 3 | (rm & 7)));
    }
    void opMem(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, Mem m,
               bool forceRex = false);
    void opReg(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, unsigned rm,
               bool forceRex = false);
    std::vector<uint8_t> code_;
};

} // namespace vizor::jit
