// Drawing measurement for the speed suite (tests/bench/run-speed-suite.sh): with the
// environment variable VIZOR_FRAME_PROBE=SECONDS set, the window opens every dock as
// its own floating window, starts the program (the Continue action, F5) and, every
// 16 ms for SECONDS while the engine runs, draws the main window and every dock into
// images as a repaint would; it prints the frame count, median, p95 and max of those
// frame times (and the p95 of their CPU time) and the process's peak resident memory
// (VmHWM) on stderr, and quits.
#pragma once

class QWidget;

namespace vizor::app {

// Does nothing unless VIZOR_FRAME_PROBE is set. Call before the window is shown.
void installFrameTimeProbe(QWidget& window);

} // namespace vizor::app
