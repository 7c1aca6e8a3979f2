// Tokens of one assembler statement. Columns are 1-based byte offsets into the source
// line, so diagnostics can point at the offending token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vizor::assembler {

enum class TokenKind : uint8_t {
    Identifier, // symbol, mnemonic, register, directive (".word"), "."
    Number,     // integer or character literal; value in Token::value
    LocalRef,   // "1f" / "1b": numeric local label reference; text = "1f"
    String,     // "..." with escapes decoded into Token::text
    Punct,      // operator or separator: "<<", "(", ",", ":", "%" ...
};

struct Token {
    TokenKind kind = TokenKind::Punct;
    std::string text;
    int64_t value = 0;
    int column = 1;

    bool is(std::string_view punct) const { return kind == TokenKind::Punct && text == punct; }
};

struct LexError {
    int column = 1;
    std::string message;
};

// One statement: the tokens between line starts, ';' separators and comments.
struct Statement {
    std::vector<Token> tokens;
    int endColumn = 1; // column just past the last token, for "missing operand"
};

// Replaces /* ... */ comments by spaces (keeping newlines, so lines and columns stay
// true). Strings and character literals are respected. Reports an unterminated comment.
std::string stripBlockComments(std::string_view source, int& unterminatedLine,
                               int& unterminatedColumn);

// Splits one source line into statements, dropping '#' and '//' comments.
// Stops at the first lexical error (one error per line is enough to be useful).
std::vector<Statement> tokenizeLine(std::string_view line, std::vector<LexError>& errors);

} // namespace vizor::assembler
