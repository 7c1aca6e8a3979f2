// Lesson files (engine/lesson): any text is read into a lesson, or refused whole with
// one error that names the file and a line of it.
#include "FuzzTarget.h"

#include "lesson/Lesson.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = vizor::fuzz::asText(data, size);
    const vizor::lesson::LoadResult result = vizor::lesson::parseLesson(text, "fuzz.lesson");
    if (result.ok()) return 0;
    FUZZ_CHECK(!result.errors.empty());
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const auto& error : result.errors) {
        FUZZ_CHECK(error.file == "fuzz.lesson");
        FUZZ_CHECK(error.line >= 0 && error.line <= lines);
        FUZZ_CHECK(error.format().starts_with("fuzz.lesson:"));
    }
    return 0;
}
