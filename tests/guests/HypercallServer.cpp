#include "HypercallServer.h"

namespace guests {

namespace {

constexpr uint32_t kVizEid = 0x0956495Au;
constexpr uint32_t kEcallFromS = 9;
constexpr int32_t kSbiSuccess = 0;
constexpr int32_t kSbiInvalidParam = -3;
constexpr uint32_t kSstatus = 0x100, kSepc = 0x141, kSatp = 0x180;
constexpr uint32_t kSie = 1u << 1, kSpie = 1u << 5, kSpp = 1u << 8;
constexpr uint32_t kQueueSize = 8;
constexpr uint32_t kAvail = HypercallServer::kVirtqueue + 16 * kQueueSize;
constexpr uint32_t kUsed = HypercallServer::kVirtqueue + 4096;

enum Fid : uint32_t {
    CsrRead = 0,
    CsrWrite = 1,
    IrqSet = 2,
    MmuUpdate = 3,
    SetRoot = 4,
    TrapReturn = 5,
    ConsoleKick = 6,
    YieldIdle = 7,
};

bool isVirtualCsr(uint32_t csr) {
    switch (csr) {
    case 0x100: // sstatus
    case 0x104: // sie
    case 0x105: // stvec
    case 0x140: // sscratch
    case 0x141: // sepc
    case 0x142: // scause
    case 0x143: // stval
    case 0x144: // sip
    case 0x180: // satp
        return true;
    default:
        return false;
    }
}

uint32_t peek(vizor::Machine& m, uint32_t address, unsigned size = 4) {
    return m.peekPhysical(address, size).value_or(0);
}

} // namespace

bool HypercallServer::handleTrap(vizor::Machine& m, const vizor::TrapInfo& trap) {
    vizor::HartState& h = m.hart();
    if (trap.interrupt() || trap.cause != kEcallFromS || h.x[17] != kVizEid) return false;
    ++hypercalls;
    const uint32_t a0 = h.x[10], a1 = h.x[11];
    int32_t error = kSbiSuccess;
    uint32_t value = 0;
    switch (h.x[16]) {
    case CsrRead:
        if (isVirtualCsr(a0))
            value = csrRead(m, a0);
        else
            error = kSbiInvalidParam;
        break;
    case CsrWrite:
        if (isVirtualCsr(a0))
            m.writeCsr(static_cast<uint16_t>(a0), a1);
        else
            error = kSbiInvalidParam;
        if (a0 == kSatp) m.flushTranslations();
        break;
    case IrqSet: {
        const uint32_t sstatus = csrRead(m, kSstatus);
        value = (sstatus & kSie) ? 1 : 0;
        m.writeCsr(kSstatus, a0 ? (sstatus | kSie) : (sstatus & ~kSie));
        break;
    }
    case MmuUpdate:
        mmuUpdate(m);
        return true;
    case SetRoot:
        m.writeCsr(kSatp, a0);
        m.flushTranslations();
        break;
    case TrapReturn:
        trapReturn(m);
        return true;
    case ConsoleKick:
        consoleKick(m);
        break;
    case YieldIdle:
        break;
    default:
        error = kSbiInvalidParam;
    }
    if (error != kSbiSuccess) ++unknown;
    h.x[10] = static_cast<uint32_t>(error);
    h.x[11] = value;
    h.pc = trap.pc + 4;
    return true;
}

uint32_t HypercallServer::csrRead(vizor::Machine& m, uint32_t csr) {
    return m.readCsr(static_cast<uint16_t>(csr)).value_or(0);
}

// The pairs {pte address, new pte} are applied as they are: validation is the
// hypervisor's business, this only counts them.
void HypercallServer::mmuUpdate(vizor::Machine& m) {
    vizor::HartState& h = m.hart();
    const uint32_t pairs = h.x[10], count = h.x[11];
    ++mmuUpdateCalls;
    for (uint32_t i = 0; i < count; ++i) {
        m.pokePhysical(peek(m, pairs + 8 * i), peek(m, pairs + 8 * i + 4), 4);
        ++pteUpdates;
    }
    m.flushTranslations();
    h.x[10] = static_cast<uint32_t>(kSbiSuccess);
    h.x[11] = count;
    h.pc += 4;
}

// sret on the guest's behalf; a0 points at the interrupted context's a0, a1, a6, a7.
void HypercallServer::trapReturn(vizor::Machine& m) {
    vizor::HartState& h = m.hart();
    ++trapReturns;
    const uint32_t area = h.x[10];
    h.x[10] = peek(m, area);
    h.x[11] = peek(m, area + 4);
    h.x[16] = peek(m, area + 8);
    h.x[17] = peek(m, area + 12);
    const uint32_t sstatus = csrRead(m, kSstatus);
    const bool toSupervisor = sstatus & kSpp;
    uint32_t next = sstatus & ~(kSie | kSpp);
    if (sstatus & kSpie) next |= kSie;
    next |= kSpie;
    m.writeCsr(kSstatus, next);
    h.priv = toSupervisor ? vizor::Privilege::Supervisor : vizor::Privilege::User;
    h.pc = csrRead(m, kSepc);
}

// The back end of the virtio console: every descriptor published in the available ring
// since the last kick is printed and returned in the used ring.
void HypercallServer::consoleKick(vizor::Machine& m) {
    ++kicks;
    const uint16_t avail = static_cast<uint16_t>(peek(m, kAvail + 2, 2));
    while (lastAvail_ != avail) {
        const uint32_t id = peek(m, kAvail + 4 + 2 * (lastAvail_ % kQueueSize), 2);
        const uint32_t descriptor = kVirtqueue + 16 * id;
        const uint32_t address = peek(m, descriptor);
        const uint32_t length = peek(m, descriptor + 8);
        for (uint32_t i = 0; i < length; ++i)
            console.push_back(static_cast<char>(peek(m, address + i, 1)));
        const uint32_t slot = kUsed + 4 + 8 * (usedIndex % kQueueSize);
        m.pokePhysical(slot, id, 4);
        m.pokePhysical(slot + 4, length, 4);
        ++usedIndex;
        m.pokePhysical(kUsed + 2, usedIndex, 2);
        ++lastAvail_;
    }
}

} // namespace guests
