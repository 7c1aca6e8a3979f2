// Shared by the GUI suites that drive the engine bridge: wait until every command sent
// so far has been handled and its snapshot delivered (no sleeping on guesses).
#pragma once

#include "app/EngineBridge.h"

#include <QElapsedTimer>
#include <QSignalSpy>

inline bool settle(vizor::app::EngineBridge& bridge, int timeoutMs = 10000) {
    QSignalSpy spy(&bridge, &vizor::app::EngineBridge::synced);
    const quint64 token = bridge.requestSync();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        for (const auto& args : spy)
            if (args.at(0).toULongLong() == token) return true;
        spy.wait(50);
    }
    return false;
}

// The program used by the memory and event-log suites: stores to a data word (twice
// with the same value), then an ecall handled in M-mode, then power-off.
inline const char* const kWatchProgram = R"(    .text
_start:
    la   t0, handler
    csrw mtvec, t0
    la   s0, data
    li   t1, 1
    sw   t1, 0(s0)
after_first:
    sw   t1, 0(s0)
    li   t1, 2
    sw   t1, 0(s0)
after_second:
    ecall
after_ecall:
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
1:  j 1b
handler:
    csrr t3, mepc
    addi t3, t3, 4
    csrw mepc, t3
    mret
    .data
data:
    .word 0
)";
