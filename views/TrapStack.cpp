#include "views/TrapStack.h"

namespace vizor::views {

namespace {

constexpr std::size_t kMaxFrames = 64; // a runaway nest still shows its innermost frames
constexpr uint8_t kSupervisor = 1, kMachine = 3;

void push(TrapStack& s, const TrapFrame& frame) {
    if (s.frames.size() == kMaxFrames) s.frames.erase(s.frames.begin());
    s.frames.push_back(frame);
}

// Closes the innermost frame of the given kind (a hart sret closes the hart's newest
// trap; the guest's emulated sret closes the guest's newest, wherever it is).
void popNewest(TrapStack& s, bool isVirtual) {
    for (auto it = s.frames.rbegin(); it != s.frames.rend(); ++it) {
        if (it->isVirtual == isVirtual) {
            s.frames.erase(std::next(it).base());
            return;
        }
    }
}

// A return to U-mode leaves no handler of that kind running (a kernel that switched
// tasks returns on another task's trap, not the one it entered on); any other return
// closes the newest frame.
void closeFrames(TrapStack& s, bool isVirtual, uint32_t newPriv) {
    if (newPriv != 0) return popNewest(s, isVirtual);
    std::erase_if(s.frames, [isVirtual](const TrapFrame& f) { return f.isVirtual == isVirtual; });
}

} // namespace

EventMask trapStackEvents() {
    return maskOf(EventType::Exception) | maskOf(EventType::Interrupt) |
           maskOf(EventType::TrapReturn) | maskOf(EventType::VmExit) |
           maskOf(EventType::VirtualTrap) | maskOf(EventType::VirtualTrapReturn);
}

TrapStack buildTrapStack(const std::vector<EventRow>& events) {
    TrapStack s;
    uint8_t guestPriv = kSupervisor; // the guest kernel starts in (virtual) S
    for (const EventRow& row : events) {
        const Event& e = row.event;
        switch (e.type) {
        case EventType::Exception:
            push(s, {false, e.a, e.pc, e.priv, static_cast<uint8_t>(e.c), row.step});
            break;
        case EventType::Interrupt:
            push(s, {false, e.a | 0x80000000u, e.pc, e.priv, static_cast<uint8_t>(e.c), row.step});
            break;
        case EventType::TrapReturn:
            closeFrames(s, false, e.c);
            break;
        case EventType::VmExit:
            // The hart trapped into the VMM (M) to cause this exit; the VMM handles it
            // and resumes the guest without an mret of the guest's.
            if (!s.frames.empty() && !s.frames.back().isVirtual && s.frames.back().to == kMachine)
                s.frames.pop_back();
            s.lastExit = row;
            break;
        case EventType::VirtualTrap:
            push(s, {true, e.a, e.pc, guestPriv, kSupervisor, row.step});
            guestPriv = kSupervisor;
            break;
        case EventType::VirtualTrapReturn:
            closeFrames(s, true, e.c);
            guestPriv = static_cast<uint8_t>(e.c);
            break;
        default:
            break;
        }
    }
    return s;
}

} // namespace vizor::views
