// Engine events in words: the type's name, the trap cause's name from the privileged
// spec ("load page fault", "ecall from U-mode") and the decoded fields, in English and
// Italian. Types added to the engine later show their raw fields until named here.
#pragma once

#include "events/Event.h"

#include <QString>

namespace vizor::views {

// Event breakpoints are event-type masks; bit 63 (no event type) means "an exception
// that is a page fault", which is a cause rather than a type.
constexpr EventMask kPageFaultBreak = EventMask{1} << 63;
bool isPageFault(uint32_t cause);
// Likewise bits 48 + r: "a VM exit of reason r" (hv::ExitReason). Event types stay
// below bit 48.
constexpr unsigned kVmExitReasonBreakShift = 48;
static_assert(kEventTypeCount <= kVmExitReasonBreakShift, "event types reach the cause bits");
constexpr EventMask vmExitReasonBreak(unsigned reason) {
    return EventMask{1} << (kVmExitReasonBreakShift + reason);
}
// Whether `event` stops a run under the event breakpoints `breaks`.
bool breaksOn(EventMask breaks, const Event& event);

QString eventTypeText(EventType type);
QString trapCauseText(uint32_t mcause);  // interrupt bit 31 set for interrupts
QString privilegeLetter(uint32_t priv);  // "U", "S", "M"
QString exitReasonText(uint32_t reason); // hv::ExitReason in words
QString eventDetail(const Event& event);

} // namespace vizor::views
