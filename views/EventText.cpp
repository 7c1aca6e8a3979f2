#include "views/EventText.h"

#include "hypervisor/Hypervisor.h"
#include "machine/Machine.h"

#include <QCoreApplication>

namespace vizor::views {

namespace {

const char* const kContext = "vizor::views::EventText";

QString translated(const char* text) {
    return QCoreApplication::translate(kContext, text);
}

QString hex(uint32_t v) {
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

// Privileged spec, tables "mcause values after trap".
const char* exceptionName(uint32_t code) {
    switch (code) {
    case 0:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "instruction address misaligned");
    case 1:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "instruction access fault");
    case 2:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "illegal instruction");
    case 3:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "breakpoint (ebreak)");
    case 4:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "load address misaligned");
    case 5:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "load access fault");
    case 6:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "store/AMO address misaligned");
    case 7:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "store/AMO access fault");
    case 8:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "ecall from U-mode");
    case 9:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "ecall from S-mode");
    case 11:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "ecall from M-mode");
    case 12:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "instruction page fault");
    case 13:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "load page fault");
    case 15:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "store/AMO page fault");
    case 22:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "virtual instruction");
    default:
        return nullptr;
    }
}

const char* interruptName(uint32_t code) {
    switch (code) {
    case 1:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "supervisor software interrupt");
    case 3:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "machine software interrupt");
    case 5:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "supervisor timer interrupt");
    case 7:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "machine timer interrupt");
    case 9:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "supervisor external interrupt");
    case 11:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "machine external interrupt");
    default:
        return nullptr;
    }
}

const char* typeName(EventType type) {
    switch (type) {
    case EventType::InstructionRetired:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Instruction");
    case EventType::Exception:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Exception");
    case EventType::Interrupt:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Interrupt");
    case EventType::TrapReturn:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Trap return");
    case EventType::PageWalkStep:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Page walk step");
    case EventType::PageWalkDone:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Page walk");
    case EventType::TlbHit:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "TLB hit");
    case EventType::TlbFlush:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "TLB flush");
    case EventType::SatpWrite:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "satp write");
    case EventType::FenceI:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "fence.i");
    case EventType::Wfi:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "wfi");
    case EventType::ConsoleOutput:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Console output");
    case EventType::TimerSet:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Timer set");
    case EventType::Halt:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Halt");
    case EventType::BreakpointHit:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Breakpoint hit");
    case EventType::VmExit:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "VM exit");
    case EventType::WorldSwitch:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "World switch");
    case EventType::VirtualTrap:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Virtual trap");
    case EventType::VirtualTrapReturn:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Virtual trap return");
    case EventType::SbiCall:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "SBI call");
    case EventType::ShadowFault:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Shadow fault");
    case EventType::ShadowSync:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Shadow sync");
    case EventType::ContextSwitch:
        return QT_TRANSLATE_NOOP("vizor::views::EventText", "Context switch");
    default:
        return nullptr;
    }
}

QString accessText(uint32_t access) {
    switch (access) {
    case 0:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "fetch"));
    case 1:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "load"));
    default:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "store"));
    }
}

} // namespace

QString exitReasonText(uint32_t reason) {
    static const char* const kNames[] = {
        QT_TRANSLATE_NOOP("vizor::views::EventText", "privileged instruction"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "SBI call"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "guest exception"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "hidden page fault"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "page-table write"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "timer interrupt"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "hypercall"),
        QT_TRANSLATE_NOOP("vizor::views::EventText", "MMIO access"),
    };
    static_assert(std::size(kNames) == hv::kExitReasonCount, "one name per hv::ExitReason");
    if (reason < std::size(kNames)) return translated(kNames[reason]);
    return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "reason %1")).arg(reason);
}

bool isPageFault(uint32_t cause) {
    return cause == 12 || cause == 13 || cause == 15;
}

bool breaksOn(EventMask breaks, const Event& event) {
    if (breaks & maskOf(event.type)) return true;
    if (event.type == EventType::Exception && isPageFault(event.a))
        return (breaks & kPageFaultBreak) != 0;
    if (event.type == EventType::VmExit && event.a < 8)
        return (breaks & vmExitReasonBreak(event.a)) != 0;
    return false;
}

QString eventTypeText(EventType type) {
    if (const char* name = typeName(type)) return translated(name);
    const std::string_view raw = eventTypeName(type);
    return QString::fromLatin1(raw.data(), static_cast<qsizetype>(raw.size()));
}

QString trapCauseText(uint32_t mcause) {
    const bool interrupt = mcause & 0x80000000u;
    const uint32_t code = mcause & 0x7fffffffu;
    const char* name = interrupt ? interruptName(code) : exceptionName(code);
    if (name) return translated(name);
    return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "cause %1")).arg(code);
}

QString privilegeLetter(uint32_t priv) {
    switch (priv) {
    case 0:
        return QStringLiteral("U");
    case 1:
        return QStringLiteral("S");
    case 3:
        return QStringLiteral("M");
    default:
        return QString::number(priv);
    }
}

QString eventDetail(const Event& e) {
    switch (e.type) {
    case EventType::Exception:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1, tval %2 → %3-mode"))
            .arg(trapCauseText(e.a), hex(e.b), privilegeLetter(e.c));
    case EventType::Interrupt:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1 → %2-mode"))
            .arg(trapCauseText(e.a | 0x80000000u), privilegeLetter(e.c));
    case EventType::TrapReturn:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1 → %2-mode"))
            .arg(e.a ? QStringLiteral("mret") : QStringLiteral("sret"), privilegeLetter(e.c));
    case EventType::PageWalkStep:
        return translated(
                   QT_TRANSLATE_NOOP("vizor::views::EventText", "va %1, level %2: PTE at %3 = %4"))
            .arg(hex(e.a))
            .arg(e.d)
            .arg(hex(e.b), hex(e.c));
    case EventType::PageWalkDone:
        if (e.d)
            return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1 va %2: fault"))
                .arg(accessText(e.c), hex(e.a));
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1 va %2 → pa %3"))
            .arg(accessText(e.c), hex(e.a), hex(e.b));
    case EventType::SatpWrite:
        return hex(e.a);
    case EventType::ConsoleOutput:
        return e.a >= 0x20 && e.a < 0x7f ? QStringLiteral("'%1'").arg(QChar(e.a))
                                         : QStringLiteral("0x%1").arg(e.a, 2, 16, QLatin1Char('0'));
    case EventType::TimerSet:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "mtimecmp = %1"))
            .arg((uint64_t{e.b} << 32) | e.a);
    case EventType::Halt: {
        const std::string_view reason = haltReasonName(static_cast<HaltReason>(e.a));
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1, exit code %2"))
            .arg(QString::fromLatin1(reason.data(), static_cast<qsizetype>(reason.size())))
            .arg(e.b);
    }
    case EventType::TlbFlush:
    case EventType::BreakpointHit:
        return hex(e.a);
    case EventType::FenceI:
    case EventType::Wfi:
        return {};
    case EventType::VmExit:
        return exitReasonText(e.a) + QStringLiteral(" (%1)").arg(hex(e.b));
    case EventType::WorldSwitch:
        return e.a ? translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "VMM → guest"))
                   : translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "guest → VMM"));
    case EventType::VirtualTrap:
        return translated(QT_TRANSLATE_NOOP("vizor::views::EventText", "%1, tval %2 → guest stvec"))
            .arg(trapCauseText(e.a), hex(e.b));
    case EventType::VirtualTrapReturn:
        return translated(
                   QT_TRANSLATE_NOOP("vizor::views::EventText", "sret → guest %1-mode at %2"))
            .arg(privilegeLetter(e.c), hex(e.a));
    default: // a type named by the engine after this view was written
        return QStringLiteral("a=%1 b=%2 c=%3 d=%4").arg(hex(e.a), hex(e.b), hex(e.c), hex(e.d));
    }
}

} // namespace vizor::views
