// Physical memory and the devices of the board, and the slow path of virtual
// accesses: misaligned accesses (performed byte by byte, as QEMU 7.2 does for plain
// loads and stores), page walks, device registers, access faults.
#include "board/Platform.h"
#include "isa/InstructionTable.h"
#include "jit/Runner.h"
#include "machine/DirtyLog.h"
#include "machine/MachineImpl.h"

namespace vizor {

using namespace csr;

void Machine::Impl::noteRamWrite(uint32_t ramOffset) {
    const uint32_t page = ramOffset >> kPageShift;
    pageFlags[page] = static_cast<uint8_t>((pageFlags[page] | kPageDirty) & ~kPageLogArmed);
    if (pageFlags[page] & kPageCode) {
        // Self-modifying code: forget the decoded word, the next fetch decodes it again.
        decoded[page]->ops[(ramOffset & (kPageBytes - 1)) >> 2].op =
            static_cast<uint8_t>(isa::Op::Count);
        if (blockRunner) blockRunner->codeWritten(ramOffset); // and its generated code
    }
}

void Machine::Impl::invalidateDecoded() {
    if (blockRunner) blockRunner->flush();
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        if (!decoded[i]) continue;
        decoded[i].reset();
        pageFlags[i] &= ~kPageCode;
    }
}

namespace {
uint32_t subword(uint32_t word, uint32_t offset, unsigned size) {
    const uint32_t v = word >> (8 * (offset & 3));
    return size >= 4 ? v : v & ((1u << (8 * size)) - 1);
}
} // namespace

bool Machine::Impl::readPhysical(uint32_t paddr, unsigned size, uint32_t& value) {
    if (inRam(paddr, size)) {
        value = 0;
        std::memcpy(&value, &ram[paddr - board::kRamBase], size);
        return true;
    }
    if (paddr - board::kClintBase < board::clint::kSize) {
        const uint32_t off = paddr - board::kClintBase;
        uint32_t word = 0;
        switch (off & ~3u) {
        case board::clint::kMsip:
            word = clint.msip;
            break;
        case board::clint::kMtimecmp:
            word = static_cast<uint32_t>(clint.mtimecmp);
            break;
        case board::clint::kMtimecmp + 4:
            word = static_cast<uint32_t>(clint.mtimecmp >> 32);
            break;
        case board::clint::kMtime:
            word = static_cast<uint32_t>(mtime());
            break;
        case board::clint::kMtime + 4:
            word = static_cast<uint32_t>(mtime() >> 32);
            break;
        default:
            break;
        }
        value = subword(word, off, size);
        return true;
    }
    if (paddr - board::kUartBase < board::Uart16550::kSize) {
        value = uart.read(paddr - board::kUartBase);
        return true;
    }
    if (paddr - board::kTestFinisherBase < board::kFinisherSize ||
        paddr - board::kPlicBase < board::kPlicSize) {
        value = 0;
        return true;
    }
    if (paddr - board::kVirtioBase < board::kVirtioSlots * board::kVirtioSlotSize) {
        value = subword(board::emptyVirtioRead(paddr % board::kVirtioSlotSize), paddr, size);
        return true;
    }
    return false;
}

namespace {
uint32_t mergeSubword(uint32_t word, uint32_t offset, unsigned size, uint32_t value) {
    if (size >= 4) return value;
    const uint32_t shift = 8 * (offset & 3);
    const uint32_t mask = ((1u << (8 * size)) - 1) << shift;
    return (word & ~mask) | ((value << shift) & mask);
}
} // namespace

namespace {
// Write `size` bytes at byte `offset` (0..7) of a 64-bit register.
uint64_t merge64(uint64_t reg, uint32_t offset, unsigned size, uint32_t value) {
    const uint32_t shift = 8 * (offset & 7);
    const uint64_t mask = (size >= 4 ? 0xffffffffull : (1ull << (8 * size)) - 1) << shift;
    return (reg & ~mask) | ((uint64_t{value} << shift) & mask);
}
} // namespace

void Machine::Impl::writeClint(uint32_t off, unsigned size, uint32_t value) {
    using namespace board::clint;
    if (off < 4) {
        clint.msip = mergeSubword(clint.msip, off, size, value) & 1;
    } else if (off - kMtimecmp < 8) {
        clint.mtimecmp = merge64(clint.mtimecmp, off - kMtimecmp, size, value);
        emit(EventType::TimerSet, static_cast<uint32_t>(clint.mtimecmp),
             static_cast<uint32_t>(clint.mtimecmp >> 32));
    } else if (off - kMtime < 8) {
        // mtime keeps counting from the written value: only its offset is stored.
        const uint64_t written = merge64(mtime(), off - kMtime, size, value);
        clint.mtimeOffset = written - hart.cycle / config.cyclesPerTimerTick;
    }
    refreshDerived();
    stopBlock = true; // interrupt state may have changed
}

bool Machine::Impl::writePhysical(uint32_t paddr, unsigned size, uint32_t value) {
    if (inRam(paddr, size)) {
        const uint32_t off = paddr - board::kRamBase;
        std::memcpy(&ram[off], &value, size);
        noteRamWrite(off);
        if (((off + size - 1) ^ off) >> 2) noteRamWrite(off + size - 1); // spans two words
        return true;
    }
    if (paddr - board::kClintBase < board::clint::kSize) {
        writeClint(paddr - board::kClintBase, size, value);
        return true;
    }
    if (paddr - board::kUartBase < board::Uart16550::kSize) {
        const auto byte = static_cast<uint8_t>(value);
        if (uart.write(paddr - board::kUartBase, byte)) {
            console.append(static_cast<char>(byte));
            emit(EventType::ConsoleOutput, byte);
        }
        return true;
    }
    if (paddr - board::kPlicBase < board::kPlicSize ||
        paddr - board::kVirtioBase < board::kVirtioSlots * board::kVirtioSlotSize)
        return true; // nothing behind them: writes are ignored
    if (paddr - board::kTestFinisherBase < board::kFinisherSize) {
        if (paddr == board::kTestFinisherBase && size >= 2) {
            const uint32_t status = value & 0xffff;
            const uint32_t code = (value >> 16) & 0xffff;
            if (status == 0x5555 || status == 0x7777)
                setHalt(HaltReason::PowerOff, 0);
            else if (status == 0x3333)
                setHalt(HaltReason::Failure, code);
        }
        return true;
    }
    return false;
}

namespace {
// Physical address of byte i of a misaligned access whose second page starts at page2.
uint32_t bytePaddr(uint32_t vaddr, uint32_t paddr, uint32_t page2, unsigned i) {
    const uint32_t va = vaddr + i;
    return ((va ^ vaddr) >> kPageShift) ? page2 + (va & (kPageBytes - 1)) : paddr + i;
}
} // namespace

// A misaligned access may touch two pages: translate the second one too, before any
// byte moves, so a fault leaves memory unchanged.
bool Machine::Impl::translateSecondPage(uint32_t vaddr, unsigned size, AccessType access,
                                        uint32_t& page2) {
    const uint32_t last = vaddr + size - 1;
    page2 = last & ~(kPageBytes - 1);
    if (!((last ^ vaddr) >> kPageShift) || !dataTranslated) return true;
    return translate(page2, access, page2);
}

bool Machine::Impl::loadSlow(uint32_t vaddr, unsigned size, uint32_t& value) {
    uint32_t paddr = vaddr;
    if (dataTranslated && !translate(vaddr, AccessType::Load, paddr)) return false;
    if (!(vaddr & (size - 1))) {
        if (readPhysical(paddr, size, value)) return true;
        raiseException(kLoadAccessFault, vaddr);
        return false;
    }
    uint32_t page2 = 0;
    if (!translateSecondPage(vaddr, size, AccessType::Load, page2)) return false;
    value = 0;
    for (unsigned i = 0; i < size; ++i) {
        uint32_t byte = 0;
        if (!readPhysical(bytePaddr(vaddr, paddr, page2, i), 1, byte)) {
            raiseException(kLoadAccessFault, vaddr);
            return false;
        }
        value |= byte << (8 * i);
    }
    return true;
}

bool Machine::Impl::storeSlow(uint32_t vaddr, unsigned size, uint32_t value) {
    uint32_t paddr = vaddr;
    if (dataTranslated && !translate(vaddr, AccessType::Store, paddr)) return false;
    if (!(vaddr & (size - 1))) {
        if (writePhysical(paddr, size, value)) return true;
        raiseException(kStoreAccessFault, vaddr);
        return false;
    }
    uint32_t page2 = 0;
    if (!translateSecondPage(vaddr, size, AccessType::Store, page2)) return false;
    for (unsigned i = 0; i < size; ++i) {
        if (!writePhysical(bytePaddr(vaddr, paddr, page2, i), 1, value >> (8 * i))) {
            raiseException(kStoreAccessFault, vaddr);
            return false;
        }
    }
    return true;
}

std::optional<uint32_t> Machine::peekPhysical(uint32_t paddr, unsigned size) const {
    if (size != 1 && size != 2 && size != 4) return std::nullopt;
    if (!impl_->inRam(paddr, size)) return std::nullopt;
    uint32_t v = 0;
    std::memcpy(&v, &impl_->ram[paddr - board::kRamBase], size);
    return v;
}

bool Machine::pokePhysical(uint32_t paddr, uint32_t value, unsigned size) {
    if (size != 1 && size != 2 && size != 4) return false;
    if (!impl_->inRam(paddr, size)) return false;
    for (unsigned i = 0; i < size; ++i) // byte-wise: keeps the decoded cache coherent
        impl_->writePhysical(paddr + i, 1, value >> (8 * i));
    return true;
}

} // namespace vizor
