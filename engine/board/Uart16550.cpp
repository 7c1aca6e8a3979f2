#include "board/Uart16550.h"

namespace vizor::board {

namespace {
// Register offsets (8-bit registers, register shift 0 as on `virt`).
enum : uint32_t {
    kRbrThr = 0,
    kIer = 1,
    kIirFcr = 2,
    kLcr = 3,
    kMcr = 4,
    kLsr = 5,
    kMsr = 6,
    kScr = 7
};
constexpr uint8_t kLsrThre = 0x20;
constexpr uint8_t kLsrTemt = 0x40;
} // namespace

uint8_t Uart16550::read(uint32_t offset) const {
    switch (offset & 7) {
    case kRbrThr:
        return dlab() ? state_.dll : 0;
    case kIer:
        return dlab() ? state_.dlm : state_.ier;
    case kIirFcr: {
        // No interrupt pending (bit 0 set); bits 7:6 report enabled FIFOs.
        const uint8_t fifo = (state_.fcr & 1) ? 0xc0 : 0;
        return fifo | 0x01;
    }
    case kLcr:
        return state_.lcr;
    case kMcr:
        return state_.mcr;
    case kLsr:
        return kLsrThre | kLsrTemt; // transmitter always empty: polling never waits
    case kMsr:
        // In loopback mode (MCR bit 4) the modem outputs feed the inputs, as on a 16550.
        if (state_.mcr & 0x10) {
            const unsigned m = state_.mcr;
            return static_cast<uint8_t>((m & 0x0c) << 4 | (m & 1) << 5 | (m & 2) << 3);
        }
        return 0xb0; // DCD, DSR, CTS asserted, as QEMU reports for a connected chardev
    case kScr:
        return state_.scr;
    }
    return 0;
}

bool Uart16550::write(uint32_t offset, uint8_t value) {
    switch (offset & 7) {
    case kRbrThr:
        if (dlab()) {
            state_.dll = value;
            return false;
        }
        return true;
    case kIer:
        if (dlab())
            state_.dlm = value;
        else
            state_.ier = value & 0x0f;
        return false;
    case kIirFcr:
        state_.fcr = value & 0xc9;
        return false;
    case kLcr:
        state_.lcr = value;
        return false;
    case kMcr:
        state_.mcr = value & 0x1f;
        return false;
    case kScr:
        state_.scr = value;
        return false;
    default:
        return false; // LSR and MSR are read-only
    }
}

} // namespace vizor::board
