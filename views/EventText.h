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

QString eventTypeText(EventType type);
QString trapCauseText(uint32_t mcause); // interrupt bit 31 set for interrupts
QString privilegeLetter(uint32_t priv); // "U", "S", "M"
QString eventDetail(const Event& event);

} // namespace vizor::views
