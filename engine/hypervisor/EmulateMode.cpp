#include "hypervisor/EmulateMode.h"

#include "cpu/Csr.h"
#include "hypervisor/Sbi.h"

#include <algorithm>

namespace vizor::hv {

using namespace csr;
using isa::Op;

namespace {
int32_t s32(uint32_t v) {
    return static_cast<int32_t>(v);
}
} // namespace

EmulateMode::EmulateMode(const VmConfig& config) : Hypervisor(config, config.guestRamSize) {}

bool EmulateMode::load(const Program& program, std::string& error) {
    const auto entry = program.symbol("kernel_entry");
    if (!entry) {
        error = "emulate mode needs the global symbol kernel_entry (see the guest/VMM contract)";
        return false;
    }
    machine_->load(program);
    std::fill(std::begin(x_), std::end(x_), 0);
    pc_ = *entry;
    vcpu_ = VirtualCpu{};
    deadline_ = UINT64_MAX;
    waiting_ = reservation_ = false;
    halt_ = HaltReason::None;
    stats_ = VmStats{};
    return true;
}

uint64_t EmulateMode::time() const {
    return machine_->hart().cycle / machine_->config().cyclesPerTimerTick;
}

RunResult EmulateMode::run(uint64_t maxSteps) {
    HartState& h = machine_->hart();
    const uint64_t start = h.steps;
    if (halt_ == HaltReason::InstructionLimit) halt_ = HaltReason::None;
    while (halt_ == HaltReason::None) {
        if (h.steps - start >= maxSteps) {
            halt_ = HaltReason::InstructionLimit;
            break;
        }
        if (!stepOnce()) break;
        if (machine_->haltReason() != HaltReason::None) halt_ = machine_->haltReason();
    }
    return {halt_, h.steps - start};
}

void EmulateMode::checkTimer() {
    if (deadline_ != UINT64_MAX && time() >= deadline_) {
        vcpu_.setTimerPending(true); // as the firmware does on its machine timer interrupt
        deadline_ = UINT64_MAX;
    }
}

bool EmulateMode::idle() {
    HartState& h = machine_->hart();
    if (deadline_ == UINT64_MAX) {
        halt_ = HaltReason::Deadlock;
        return false;
    }
    const uint64_t tick = machine_->config().cyclesPerTimerTick;
    h.cycle = std::max(h.cycle, deadline_ * tick);
    ++h.steps;
    return true;
}

bool EmulateMode::stepOnce() {
    HartState& h = machine_->hart();
    checkTimer();
    if (vcpu_.csr.sip & vcpu_.csr.sie) waiting_ = false;
    if (const uint32_t cause = vcpu_.pendingInterrupt()) {
        raise(cause, 0);
        return true;
    }
    if (waiting_) return idle();
    trapped_ = false;
    uint32_t paddr = 0;
    if (pc_ & 3) return raise(kInstructionMisaligned, pc_), true;
    if (!translate(pc_, Access::Fetch, paddr)) return true;
    const auto word = machine_->busRead(paddr, 4);
    if (!word || paddr < board::kRamBase) return raise(kInstructionAccessFault, pc_), true;
    const isa::DecodedInstruction d = isa::decode(*word);
    execute(d);
    h.pc = pc_;
    return true;
}

void EmulateMode::raise(uint32_t cause, uint32_t tval) {
    HartState& h = machine_->hart();
    trapped_ = true;
    reservation_ = false;
    ++stats_.virtualTraps;
    machine_->emitEvent(EventType::VirtualTrap, cause, tval);
    pc_ = vcpu_.enterTrap(cause, tval, pc_);
    h.pc = pc_;
    ++h.steps;
    ++h.cycle;
}

void EmulateMode::retire(uint32_t nextPc) {
    HartState& h = machine_->hart();
    pc_ = nextPc;
    ++h.steps;
    ++h.cycle;
    ++h.instret;
    ++stats_.interpretedInstructions;
}

bool EmulateMode::translate(uint32_t vaddr, Access access, uint32_t& paddr) {
    const GuestMmuContext ctx{vcpu_.csr.satp, vcpu_.priv, vcpu_.csr.sstatus,
                              board::kRamBase + config_.guestRamSize};
    const GuestWalk w = walkGuest(*machine_, ctx, vaddr, access, true);
    stats_.walkReferences += static_cast<uint64_t>(w.references);
    if (!w.ok) return raise(w.cause, vaddr), false;
    paddr = w.gpa;
    return true;
}

bool EmulateMode::load(uint32_t vaddr, unsigned size, uint32_t& value) {
    value = 0;
    for (unsigned i = 0; i < size;) { // aligned: one access; misaligned: byte by byte
        const unsigned n = (vaddr & (size - 1)) ? 1 : size;
        uint32_t paddr = 0;
        if (!translate(vaddr + i, Access::Load, paddr)) return false;
        const auto v = machine_->busRead(paddr, n);
        if (!v) return raise(kLoadAccessFault, vaddr), false;
        value |= *v << (8 * i);
        i += n;
    }
    return true;
}

bool EmulateMode::store(uint32_t vaddr, unsigned size, uint32_t value) {
    for (unsigned i = 0; i < size;) {
        const unsigned n = (vaddr & (size - 1)) ? 1 : size;
        uint32_t paddr = 0;
        if (!translate(vaddr + i, Access::Store, paddr)) return false;
        if (!machine_->busWrite(paddr, value >> (8 * i), n))
            return raise(kStoreAccessFault, vaddr), false;
        i += n;
    }
    return true;
}

void EmulateMode::execute(const isa::DecodedInstruction& d) {
    uint32_t* x = x_;
    const uint32_t a = x[d.rs1], b = x[d.rs2];
    const auto imm = static_cast<uint32_t>(d.imm);
    uint32_t next = pc_ + 4;
    uint32_t result = 0;
    bool writes = true;
    auto branch = [&](bool taken) {
        writes = false;
        if (taken) next = pc_ + imm;
    };
    switch (d.op) {
    case Op::Lui:
        result = imm;
        break;
    case Op::Auipc:
        result = pc_ + imm;
        break;
    case Op::Jal:
        result = pc_ + 4;
        next = pc_ + imm;
        break;
    case Op::Jalr:
        result = pc_ + 4;
        next = (a + imm) & ~1u;
        break;
    case Op::Beq:
        branch(a == b);
        break;
    case Op::Bne:
        branch(a != b);
        break;
    case Op::Blt:
        branch(s32(a) < s32(b));
        break;
    case Op::Bge:
        branch(s32(a) >= s32(b));
        break;
    case Op::Bltu:
        branch(a < b);
        break;
    case Op::Bgeu:
        branch(a >= b);
        break;
    case Op::Lb:
    case Op::Lh:
    case Op::Lw:
    case Op::Lbu:
    case Op::Lhu: {
        const unsigned size = (d.op == Op::Lw) ? 4 : (d.op == Op::Lh || d.op == Op::Lhu) ? 2 : 1;
        if (!load(a + imm, size, result)) return;
        if (d.op == Op::Lb) result = static_cast<uint32_t>(static_cast<int8_t>(result));
        if (d.op == Op::Lh) result = static_cast<uint32_t>(static_cast<int16_t>(result));
        break;
    }
    case Op::Sb:
    case Op::Sh:
    case Op::Sw:
        writes = false;
        if (!store(a + imm, d.op == Op::Sw ? 4 : d.op == Op::Sh ? 2 : 1, b)) return;
        break;
    case Op::Addi:
        result = a + imm;
        break;
    case Op::Slti:
        result = s32(a) < d.imm;
        break;
    case Op::Sltiu:
        result = a < imm;
        break;
    case Op::Xori:
        result = a ^ imm;
        break;
    case Op::Ori:
        result = a | imm;
        break;
    case Op::Andi:
        result = a & imm;
        break;
    case Op::Slli:
        result = a << (imm & 31);
        break;
    case Op::Srli:
        result = a >> (imm & 31);
        break;
    case Op::Srai:
        result = static_cast<uint32_t>(s32(a) >> (imm & 31));
        break;
    case Op::Add:
        result = a + b;
        break;
    case Op::Sub:
        result = a - b;
        break;
    case Op::Sll:
        result = a << (b & 31);
        break;
    case Op::Slt:
        result = s32(a) < s32(b);
        break;
    case Op::Sltu:
        result = a < b;
        break;
    case Op::Xor:
        result = a ^ b;
        break;
    case Op::Srl:
        result = a >> (b & 31);
        break;
    case Op::Sra:
        result = static_cast<uint32_t>(s32(a) >> (b & 31));
        break;
    case Op::Or:
        result = a | b;
        break;
    case Op::And:
        result = a & b;
        break;
    case Op::Mul:
        result = a * b;
        break;
    case Op::Mulh:
        result = static_cast<uint32_t>((int64_t{s32(a)} * int64_t{s32(b)}) >> 32);
        break;
    case Op::Mulhsu:
        result = static_cast<uint32_t>((int64_t{s32(a)} * int64_t{b}) >> 32);
        break;
    case Op::Mulhu:
        result = static_cast<uint32_t>((uint64_t{a} * uint64_t{b}) >> 32);
        break;
    case Op::Div:
        result = b == 0                                  ? ~0u
                 : (s32(a) == INT32_MIN && s32(b) == -1) ? a
                                                         : static_cast<uint32_t>(s32(a) / s32(b));
        break;
    case Op::Divu:
        result = b ? a / b : ~0u;
        break;
    case Op::Rem:
        result = b == 0                                  ? a
                 : (s32(a) == INT32_MIN && s32(b) == -1) ? 0
                                                         : static_cast<uint32_t>(s32(a) % s32(b));
        break;
    case Op::Remu:
        result = b ? a % b : a;
        break;
    case Op::Fence:
    case Op::FenceI:
        writes = false;
        break;
    case Op::Illegal:
        return raise(kIllegalInstruction, d.raw);
    default:
        if (d.op >= Op::LrW && d.op <= Op::AmomaxuW) return executeAmo(d);
        return executeSystem(d);
    }
    if (next & 3) return raise(kInstructionMisaligned, next);
    if (writes && d.rd) x[d.rd] = result;
    retire(next);
}

void EmulateMode::executeSystem(const isa::DecodedInstruction& d) {
    const bool supervisor = vcpu_.priv == Privilege::Supervisor;
    switch (d.op) {
    case Op::Ecall:
        if (!supervisor) return raise(kEcallFromU, 0);
        ++stats_.sbiCalls;
        serveSbi(x_, vcpu_, *machine_, [this](uint64_t t) { deadline_ = t; });
        return retire(pc_ + 4);
    case Op::Ebreak:
        return raise(kBreakpoint, 0);
    case Op::Sret:
        if (!supervisor) return raise(kIllegalInstruction, d.raw);
        machine_->hart().instret++, stats_.interpretedInstructions++;
        machine_->hart().steps++, machine_->hart().cycle++;
        pc_ = vcpu_.returnFromTrap();
        machine_->emitEvent(EventType::VirtualTrapReturn, pc_, 0, static_cast<uint32_t>(vcpu_.priv));
        return;
    case Op::Wfi:
        if (!supervisor) return raise(kIllegalInstruction, d.raw);
        if (!(vcpu_.csr.sip & vcpu_.csr.sie)) waiting_ = true;
        return retire(pc_ + 4);
    case Op::SfenceVma:
        if (!supervisor) return raise(kIllegalInstruction, d.raw);
        return retire(pc_ + 4); // no TLB: every access walks
    case Op::Mret:
        return raise(kIllegalInstruction, d.raw);
    default:
        break;
    }
    const HartState& h = machine_->hart();
    if (!vcpu_.executeCsr(d, x_, {.cycle = h.cycle, .time = time(), .instret = h.instret}))
        return raise(kIllegalInstruction, d.raw);
    retire(pc_ + 4);
}

void EmulateMode::executeAmo(const isa::DecodedInstruction& d) {
    const uint32_t addr = x_[d.rs1], src = x_[d.rs2];
    uint32_t old = 0;
    if (d.op == Op::ScW) {
        bool ok = reservation_ && reservationAddress_ == addr;
        reservation_ = false;
        if (ok) {
            if (addr & 3) return raise(kStoreMisaligned, addr);
            if (!load(addr, 4, old)) return;
            ok = old == reservationValue_;
            if (ok && !store(addr, 4, src)) return;
        }
        if (d.rd) x_[d.rd] = ok ? 0 : 1;
        return retire(pc_ + 4);
    }
    if (addr & 3) return raise(kLoadMisaligned, addr);
    if (d.op == Op::LrW) {
        if (!load(addr, 4, old)) return;
        reservation_ = true;
        reservationAddress_ = addr;
        reservationValue_ = old;
    } else {
        uint32_t paddr = 0; // AMOs need write permission: translate as a store first
        if (!translate(addr, Access::Store, paddr)) return;
        old = machine_->busRead(paddr, 4).value_or(0);
        uint32_t v = src;
        switch (d.op) {
        case Op::AmoaddW:
            v = old + src;
            break;
        case Op::AmoxorW:
            v = old ^ src;
            break;
        case Op::AmoandW:
            v = old & src;
            break;
        case Op::AmoorW:
            v = old | src;
            break;
        case Op::AmominW:
            v = s32(old) < s32(src) ? old : src;
            break;
        case Op::AmomaxW:
            v = s32(old) > s32(src) ? old : src;
            break;
        case Op::AmominuW:
            v = std::min(old, src);
            break;
        case Op::AmomaxuW:
            v = std::max(old, src);
            break;
        default:
            break;
        }
        machine_->busWrite(paddr, v, 4);
    }
    if (d.rd) x_[d.rd] = old;
    retire(pc_ + 4);
}

GuestState EmulateMode::guestState() const {
    GuestState s;
    std::copy(std::begin(x_), std::end(x_), s.x);
    s.pc = pc_;
    s.priv = vcpu_.priv;
    s.csrs = vcpu_.csr;
    return s;
}

VmStats EmulateMode::stats() const {
    return stats_;
}

} // namespace vizor::hv
