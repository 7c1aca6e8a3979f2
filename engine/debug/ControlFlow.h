// How an instruction moves between functions and privilege levels, as the debugger's
// step over / step out see it: calls and trap entries go a level deeper, returns
// (ret, mret, sret) come back up.
#pragma once

#include "machine/Machine.h"

#include <cstdint>

namespace vizor {

enum class ControlFlow : uint8_t { Other, Call, Return, TrapReturn, Syscall };

// Classifies the instruction at a virtual address as the hart would fetch it now.
ControlFlow classifyAt(const Machine& machine, uint32_t pc);

// Exceptions plus interrupts taken so far: a change across a step means it trapped.
uint64_t trapCount(const Machine& machine);

// Depth change caused by executing an instruction of `kind`; `trapped` when the
// step entered a trap handler instead of (or by) executing it.
int depthChange(ControlFlow kind, bool trapped);

} // namespace vizor
