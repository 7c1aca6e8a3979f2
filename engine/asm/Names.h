// Register and CSR names, shared by the assembler and the disassembler so that
// every name one prints the other accepts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vizor::assembler {

// "x0".."x31" or an ABI name ("zero", "ra", "sp", "a0", "fp" ...).
std::optional<uint8_t> registerNumber(std::string_view name);
// ABI name of a register, as objdump prints it.
std::string_view registerName(uint8_t number);

// Standard unprivileged, supervisor, hypervisor and machine CSR names.
std::optional<uint16_t> csrNumber(std::string_view name);
// Preferred name of a CSR, or empty when it has none.
std::string csrName(uint16_t number);

} // namespace vizor::assembler
