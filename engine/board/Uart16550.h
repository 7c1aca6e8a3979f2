// The ns16550a UART of QEMU's `virt` board, as far as a polled console driver sees it.
// Transmission is instantaneous (THRE and TEMT always set) and there is no receive
// source, so reads of RBR return 0 and LSR.DR stays clear.
#pragma once

#include <cstdint>

namespace vizor::board {

struct Uart16550State {
    uint8_t ier = 0;             // interrupt enable
    uint8_t lcr = 0;             // line control (bit 7 = DLAB)
    uint8_t mcr = 0;             // modem control
    uint8_t scr = 0;             // scratch
    uint8_t fcr = 0;             // FIFO control (write-only; kept to report FIFO state in IIR)
    uint8_t dll = 0x0c, dlm = 0; // divisor latch
};

class Uart16550 {
public:
    static constexpr uint32_t kSize = 0x100;

    // A register read. Reads have no side effects here (no receive FIFO).
    uint8_t read(uint32_t offset) const;
    // A register write; returns true when the byte is transmitted (written to THR).
    bool write(uint32_t offset, uint8_t value);

    const Uart16550State& state() const { return state_; }
    void setState(const Uart16550State& s) { state_ = s; }
    void reset() { state_ = {}; }

private:
    bool dlab() const { return state_.lcr & 0x80; }
    Uart16550State state_;
};

} // namespace vizor::board
