#include "debug/ControlFlow.h"

#include "isa/Decoder.h"

namespace vizor {

namespace {
// x1 (ra) and x5 (t0) are the link registers the RISC-V calling convention and the
// return-address-stack hints recognise.
bool isLink(uint8_t reg) {
    return reg == 1 || reg == 5;
}
} // namespace

ControlFlow classifyAt(const Machine& machine, uint32_t pc) {
    const auto paddr = machine.translateForDebugger(pc);
    if (!paddr) return ControlFlow::Other;
    const auto word = machine.peekPhysical(*paddr, 4);
    if (!word) return ControlFlow::Other;
    const isa::DecodedInstruction d = isa::decode(*word);
    switch (d.op) {
    case isa::Op::Jal:
        return isLink(d.rd) ? ControlFlow::Call : ControlFlow::Other;
    case isa::Op::Jalr:
        if (isLink(d.rd)) return ControlFlow::Call;
        return (d.rd == 0 && isLink(d.rs1)) ? ControlFlow::Return : ControlFlow::Other;
    case isa::Op::Mret:
    case isa::Op::Sret:
        return ControlFlow::TrapReturn;
    case isa::Op::Ecall:
        return ControlFlow::Syscall;
    default:
        return ControlFlow::Other;
    }
}

uint64_t trapCount(const Machine& machine) {
    return machine.events().count(EventType::Exception) +
           machine.events().count(EventType::Interrupt);
}

int depthChange(ControlFlow kind, bool trapped) {
    if (trapped) return 1;
    switch (kind) {
    case ControlFlow::Call:
        return 1;
    case ControlFlow::Return:
    case ControlFlow::TrapReturn:
        return -1;
    default:
        return 0;
    }
}

} // namespace vizor
