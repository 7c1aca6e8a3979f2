#include "asm/Assembler.h"

#include "asm/Pass.h"

namespace vizor {
namespace {

constexpr int kMaxPasses = 12;

std::vector<assembler::SourceLine> splitLines(const std::string& text) {
    std::vector<assembler::SourceLine> lines;
    std::size_t start = 0;
    int number = 1;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back({number++, text.substr(start, end - start)});
        start = end + 1;
    }
    return lines;
}

} // namespace

AssemblyResult assemble(std::string_view source, const AssemblerOptions& options) {
    int commentLine = 0;
    int commentColumn = 0;
    const auto lines =
        splitLines(assembler::stripBlockComments(source, commentLine, commentColumn));
    AssemblyResult result;
    assembler::PassFacts facts;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        assembler::Pass p(options, facts, pass);
        p.run(lines);
        auto next = p.facts();
        // Passes 0 and 1 only set up GNU's branch relaxation (Relaxation.cpp).
        const bool settled = pass >= 2 && next == facts;
        if (settled || pass + 1 == kMaxPasses) {
            result.program = p.program();
            result.errors = p.takeErrors();
            if (!settled)
                result.errors.push_back(
                    {{options.fileName, 0, 0},
                     "symbol values did not settle (layout depends on itself)"});
            break;
        }
        facts = std::move(next);
    }
    if (commentLine > 0)
        result.errors.insert(result.errors.begin(), {{options.fileName, commentLine, commentColumn},
                                                     "unterminated comment (missing '*/')"});
    return result;
}

} // namespace vizor
