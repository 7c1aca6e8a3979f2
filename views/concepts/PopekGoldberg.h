// The Popek–Goldberg classes of the guest ISA, as data: for each instruction form
// ("addi", "csrr sstatus", "sret") whether it is innocuous, privileged and control- or
// behaviour-sensitive, or — with the engine's x86-style teaching variant switched on —
// sensitive but not privileged (it executes in U-mode without trapping, as PUSHF, SMSW
// and POPF do on x86; see MachineConfig::x86Sensitive and cpu/System.cpp).
#pragma once

#include <QString>
#include <cstdint>

namespace vizor::views::concepts {

enum class PgClass {
    Innocuous,             // behaves the same in every mode: runs directly
    ControlSensitive,      // privileged: changes privilege, translation or interrupts
    BehaviourSensitive,    // privileged: its result depends on that configuration
    SensitiveUnprivileged, // sensitive, yet does not trap in U (x86-style variant only)
};
constexpr int kPgClassCount = 4;

struct InstructionForm {
    QString key; // mnemonic, and the CSR's name for Zicsr instructions ("csrr sstatus")
    PgClass pgClass = PgClass::Innocuous;
};

// The form and class of an instruction word under the given ISA setting.
InstructionForm classifyInstruction(uint32_t word, bool x86Sensitive);
QString pgClassName(PgClass c);

} // namespace vizor::views::concepts
