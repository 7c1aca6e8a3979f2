// Start-up measurement for the speed suite (tests/bench/run-speed-suite.sh): with the
// environment variable VIZOR_FIRST_PAINT set, the main window reports on stderr when
// its first paint event arrives and when that first frame is done (the event loop
// idle again), as wall-clock times (CLOCK_REALTIME, seconds since the epoch, so a
// script can subtract the moment it started the process) with the process's CPU time
// so far, then quits.
#pragma once

class QWidget;

namespace vizor::app {

// Does nothing unless VIZOR_FIRST_PAINT is set. Call before the window is shown.
void installFirstPaintProbe(QWidget& window);

} // namespace vizor::app
