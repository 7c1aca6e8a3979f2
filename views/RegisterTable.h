// The rows of the register view as data: name, ABI name, how to read the value from a
// HartState and, when the row is editable, how to write it back. The engine bridge uses
// the same table to apply edits, so a name always means the same field.
#pragma once

#include "cpu/HartState.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace vizor::views {

enum class RegisterGroup : uint8_t { Integer, Control, Csr, Counter };

struct RegisterSpec {
    std::string_view name;   // "x5", "pc", "mstatus"
    std::string_view alias;  // ABI name "t0"; empty for the others
    const char* description; // English; translated in context "vizor::views::RegisterTable"
    RegisterGroup group;
    int bits; // 32 or 64: how many hex digits to show
    uint64_t (*read)(const HartState&);
    void (*write)(HartState&, uint32_t); // nullptr: read-only
};

std::span<const RegisterSpec> registerTable();
const RegisterSpec* findRegister(std::string_view name);

// sstatus is a restricted view of mstatus (privileged spec, "Supervisor Status Register").
constexpr uint32_t kSstatusMask = 0x800DE762u; // SD MXR SUM XS FS VS SPP UBE SPIE SIE

} // namespace vizor::views
