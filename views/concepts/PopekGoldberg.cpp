#include "views/concepts/PopekGoldberg.h"

#include "asm/Names.h"
#include "cpu/Csr.h"
#include "isa/Decoder.h"

#include <QCoreApplication>

namespace vizor::views::concepts {

namespace {

using isa::Op;

bool isCsrOp(Op op) {
    return op == Op::Csrrw || op == Op::Csrrs || op == Op::Csrrc || op == Op::Csrrwi ||
           op == Op::Csrrsi || op == Op::Csrrci;
}

// csrrs/csrrc with x0 (or a zero immediate) only read; everything else writes.
bool csrWrites(const isa::DecodedInstruction& d) {
    if (d.op == Op::Csrrw || d.op == Op::Csrrwi) return true;
    return d.rs1 != 0; // rs1 holds the uimm5 for the immediate forms
}

QString csrForm(const isa::DecodedInstruction& d) {
    const QString csr = QString::fromStdString(assembler::csrName(d.csr));
    if (!csrWrites(d)) return QStringLiteral("csrr ") + csr;
    switch (d.op) {
    case Op::Csrrs:
    case Op::Csrrsi:
        return QStringLiteral("csrs ") + csr;
    case Op::Csrrc:
    case Op::Csrrci:
        return QStringLiteral("csrc ") + csr;
    default:
        return QStringLiteral("csrw ") + csr;
    }
}

// The engine's x86-style variant (cpu/System.cpp, x86SilentCsr): in U, reading sstatus
// or satp returns the real value and clearing sstatus.SIE is silently dropped.
bool x86Silent(const isa::DecodedInstruction& d) {
    if (d.csr == csr::kSatp) return !csrWrites(d);
    if (d.csr != csr::kSstatus) return false;
    return !csrWrites(d) || d.op == Op::Csrrc || d.op == Op::Csrrci;
}

} // namespace

InstructionForm classifyInstruction(uint32_t word, bool x86Sensitive) {
    const isa::DecodedInstruction d = isa::decode(word);
    InstructionForm form;
    const isa::InstructionInfo* info = isa::infoFor(d.op);
    form.key =
        info ? QString::fromLatin1(info->mnemonic.data(), static_cast<int>(info->mnemonic.size()))
             : QStringLiteral("illegal");
    switch (d.op) {
    case Op::Sret:
    case Op::Mret:
    case Op::Wfi:
    case Op::SfenceVma:
        form.pgClass = PgClass::ControlSensitive;
        return form;
    default:
        break;
    }
    if (!isCsrOp(d.op)) return form;
    form.key = csrForm(d);
    // Bits 9:8 of a CSR number are the lowest privilege that may access it (priv. spec
    // 2.1): user counters (cycle, time, instret) are innocuous.
    if (((d.csr >> 8) & 3) == 0) return form;
    if (x86Sensitive && x86Silent(d))
        form.pgClass = PgClass::SensitiveUnprivileged;
    else
        form.pgClass = csrWrites(d) ? PgClass::ControlSensitive : PgClass::BehaviourSensitive;
    return form;
}

QString pgClassName(PgClass c) {
    const char* context = "vizor::views::concepts::PopekGoldberg";
    switch (c) {
    case PgClass::Innocuous:
        return QCoreApplication::translate(context, "innocuous");
    case PgClass::ControlSensitive:
        return QCoreApplication::translate(context, "privileged, control-sensitive");
    case PgClass::BehaviourSensitive:
        return QCoreApplication::translate(context, "privileged, behaviour-sensitive");
    case PgClass::SensitiveUnprivileged:
        return QCoreApplication::translate(context, "sensitive but not privileged");
    }
    return {};
}

} // namespace vizor::views::concepts
