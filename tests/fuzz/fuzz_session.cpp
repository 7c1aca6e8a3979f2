// Session files (app/Session: JSON read with QtCore, the file `File > Open Session`
// reads, with the timeline position to travel to): any bytes are read into a session
// or refused with a message. What is read keeps the format's promises — breakpoint
// lines from 1, watchpoints aligned words, a mode this build runs — and saving it and
// reading it back gives the same session.
#include "FuzzTarget.h"

#include "app/Session.h"

using vizor::app::Session;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const std::optional<Session> session = Session::fromJson(json, &error);
    if (!session) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    for (int line : session->breakpointLines)
        FUZZ_CHECK(line >= 1);
    for (quint32 address : session->watchpoints)
        FUZZ_CHECK((address & 3) == 0);
    FUZZ_CHECK(vizor::app::scenarioModes().contains(session->scenario.mode));

    const QByteArray saved = session->toJson();
    const std::optional<Session> again = Session::fromJson(saved, &error);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->toJson() == saved);
    return 0;
}
