#include "asm/Lexer.h"

#include <cctype>
#include <limits>

namespace vizor::assembler {
namespace {

bool isIdentStart(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || c == '.' || c == '$';
}

bool isIdentChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '.' || c == '$';
}

int digitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isprint(u)) return std::string(1, c);
    static const char* hex = "0123456789abcdef";
    return std::string("\\x") + hex[u >> 4] + hex[u & 15];
}

class LineLexer {
public:
    LineLexer(std::string_view line, std::vector<LexError>& errors)
        : line_(line), errors_(errors) {}

    std::vector<Statement> run() {
        std::vector<Statement> out(1);
        while (pos_ < line_.size()) {
            const char c = line_[pos_];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
                ++pos_;
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                break;
            } else if (c == ';') {
                out.back().endColumn = column();
                out.emplace_back();
                ++pos_;
            } else if (!lexToken(out.back())) {
                return out;
            }
            out.back().endColumn = column();
        }
        return out;
    }

private:
    char peek(std::size_t ahead) const {
        return pos_ + ahead < line_.size() ? line_[pos_ + ahead] : '\0';
    }
    int column() const { return static_cast<int>(pos_) + 1; }

    bool fail(int col, std::string message) {
        errors_.push_back({col, std::move(message)});
        return false;
    }

    bool lexToken(Statement& st) {
        const char c = line_[pos_];
        Token t;
        t.column = column();
        bool ok = true;
        if (isIdentStart(c)) {
            const std::size_t start = pos_;
            while (pos_ < line_.size() && isIdentChar(line_[pos_]))
                ++pos_;
            t.kind = TokenKind::Identifier;
            t.text = std::string(line_.substr(start, pos_ - start));
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            ok = lexNumber(t);
        } else if (c == '"') {
            ok = lexString(t);
        } else if (c == '\'') {
            ok = lexChar(t);
        } else {
            ok = lexPunct(t);
        }
        if (ok) st.tokens.push_back(std::move(t));
        return ok;
    }

    bool lexNumber(Token& t) {
        const std::size_t start = pos_;
        unsigned base = 10;
        if (line_[pos_] == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            base = 16;
            pos_ += 2;
        } else if (line_[pos_] == '0' && (peek(1) == 'b' || peek(1) == 'B') &&
                   (peek(2) == '0' || peek(2) == '1')) {
            base = 2;
            pos_ += 2;
        } else if (line_[pos_] == '0' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
            base = 8;
            pos_ += 1;
        }
        const std::size_t digitsStart = pos_;
        uint64_t value = 0;
        bool overflow = false;
        while (pos_ < line_.size() && digitValue(line_[pos_]) < static_cast<int>(base)) {
            const auto d = static_cast<uint64_t>(digitValue(line_[pos_]));
            if (value > (std::numeric_limits<uint64_t>::max() - d) / base) overflow = true;
            value = value * base + d;
            ++pos_;
        }
        if (base == 10 && pos_ < line_.size() && (line_[pos_] == 'f' || line_[pos_] == 'b') &&
            !isIdentChar(peek(1))) {
            ++pos_;
            t.kind = TokenKind::LocalRef;
            t.text = std::string(line_.substr(start, pos_ - start));
            t.value = static_cast<int64_t>(value);
            return !overflow || fail(t.column, "local label number too large");
        }
        if ((base == 16 || base == 2) && pos_ == digitsStart)
            return fail(t.column, "invalid number: expected digits after '0x'/'0b'");
        if (pos_ < line_.size() && isIdentChar(line_[pos_]))
            return fail(t.column, "invalid digit '" + printable(line_[pos_]) + "' in number");
        if (overflow) return fail(t.column, "number too large (more than 64 bits)");
        t.kind = TokenKind::Number;
        t.text = std::string(line_.substr(start, pos_ - start));
        t.value = static_cast<int64_t>(value);
        return true;
    }

    // Decodes one escape after a backslash; returns false at end of line.
    bool lexEscape(std::string& out) {
        if (pos_ >= line_.size()) return false;
        const char e = line_[pos_++];
        switch (e) {
        case 'n':
            out += '\n';
            return true;
        case 't':
            out += '\t';
            return true;
        case 'r':
            out += '\r';
            return true;
        case 'b':
            out += '\b';
            return true;
        case 'f':
            out += '\f';
            return true;
        case 'v':
            out += '\v';
            return true;
        case 'a':
            out += '\a';
            return true;
        case 'x':
        case 'X': {
            unsigned v = 0;
            while (pos_ < line_.size() && digitValue(line_[pos_]) < 16)
                v = (v * 16 + static_cast<unsigned>(digitValue(line_[pos_++]))) & 0xff;
            out += static_cast<char>(v);
            return true;
        }
        default:
            if (e >= '0' && e <= '7') {
                unsigned v = static_cast<unsigned>(e - '0');
                for (int i = 0;
                     i < 2 && pos_ < line_.size() && line_[pos_] >= '0' && line_[pos_] <= '7'; ++i)
                    v = v * 8 + static_cast<unsigned>(line_[pos_++] - '0');
                out += static_cast<char>(v & 0xff);
                return true;
            }
            out += e; // \\ \" \' and any other character stand for themselves
            return true;
        }
    }

    bool lexString(Token& t) {
        ++pos_;
        t.kind = TokenKind::String;
        while (pos_ < line_.size() && line_[pos_] != '"') {
            if (line_[pos_] == '\\') {
                ++pos_;
                if (!lexEscape(t.text)) break;
            } else {
                t.text += line_[pos_++];
            }
        }
        if (pos_ >= line_.size()) return fail(t.column, "unterminated string (missing '\"')");
        ++pos_;
        return true;
    }

    bool lexChar(Token& t) {
        ++pos_;
        std::string s;
        if (pos_ >= line_.size()) return fail(t.column, "unterminated character literal");
        if (line_[pos_] == '\\') {
            ++pos_;
            if (!lexEscape(s)) return fail(t.column, "unterminated character literal");
        } else {
            s += line_[pos_++];
        }
        if (pos_ < line_.size() && line_[pos_] == '\'') ++pos_; // GNU allows 'c without close
        t.kind = TokenKind::Number;
        t.value = static_cast<unsigned char>(s[0]);
        t.text = "'" + s + "'";
        return true;
    }

    bool lexPunct(Token& t) {
        static constexpr std::string_view twoChar[] = {
            "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "<>"};
        t.kind = TokenKind::Punct;
        const std::string_view rest = line_.substr(pos_);
        for (auto op : twoChar) {
            if (rest.substr(0, 2) == op) {
                t.text = std::string(op);
                pos_ += 2;
                return true;
            }
        }
        static constexpr std::string_view oneChar = "+-*/%&|^~!()<>,:=@\\[]{}";
        const char c = line_[pos_];
        if (oneChar.find(c) == std::string_view::npos)
            return fail(t.column, "unexpected character '" + printable(c) + "'");
        t.text = std::string(1, c);
        ++pos_;
        return true;
    }

    std::string_view line_;
    std::vector<LexError>& errors_;
    std::size_t pos_ = 0;
};

} // namespace

std::string stripBlockComments(std::string_view source, int& unterminatedLine,
                               int& unterminatedColumn) {
    std::string out(source);
    unterminatedLine = 0;
    unterminatedColumn = 0;
    int line = 1;
    std::size_t lineStart = 0;
    char quote = 0;
    bool lineComment = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        if (c == '\n') {
            ++line;
            lineStart = i + 1;
            quote = 0;
            lineComment = false;
            continue;
        }
        if (lineComment) continue;
        if (quote) {
            if (c == '\\' && i + 1 < out.size() && out[i + 1] != '\n')
                ++i;
            else if (c == quote || quote == '\'')
                quote = 0; // a char literal is one char
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' || (c == '/' && i + 1 < out.size() && out[i + 1] == '/')) {
            lineComment = true;
        } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
            const std::size_t end = out.find("*/", i + 2);
            if (end == std::string::npos) {
                unterminatedLine = line;
                unterminatedColumn = static_cast<int>(i - lineStart) + 1;
            }
            const std::size_t stop = end == std::string::npos ? out.size() : end + 2;
            for (std::size_t k = i; k < stop; ++k) {
                if (out[k] == '\n') {
                    ++line;
                    lineStart = k + 1;
                } else {
                    out[k] = ' ';
                }
            }
            i = stop - 1;
        }
    }
    return out;
}

std::vector<Statement> tokenizeLine(std::string_view line, std::vector<LexError>& errors) {
    return LineLexer(line, errors).run();
}

} // namespace vizor::assembler
