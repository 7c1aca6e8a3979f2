#include "views/AsmLexer.h"

#include <QSet>
#include <QString>

namespace vizor::views {

namespace {

const QSet<QString>& registerNames() {
    static const QSet<QString> names = [] {
        QSet<QString> set;
        for (int i = 0; i < 32; ++i)
            set.insert(QStringLiteral("x%1").arg(i));
        for (const char* abi :
             {"zero", "ra",  "sp",  "gp", "tp", "fp", "t0", "t1", "t2", "t3", "t4",
              "t5",   "t6",  "s0",  "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
              "s9",   "s10", "s11", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"})
            set.insert(QString::fromLatin1(abi));
        for (const char* csr :
             {"mstatus",  "misa",      "medeleg", "mideleg", "mie",        "mip",
              "mtvec",    "mscratch",  "mepc",    "mcause",  "mtval",      "mcounteren",
              "mhartid",  "mvendorid", "marchid", "mimpid",  "mcycle",     "minstret",
              "mcycleh",  "minstreth", "sstatus", "sie",     "sip",        "stvec",
              "sscratch", "sepc",      "scause",  "stval",   "scounteren", "satp",
              "cycle",    "time",      "instret", "cycleh",  "timeh",      "instreth"})
            set.insert(QString::fromLatin1(csr));
        return set;
    }();
    return names;
}

bool isWordStart(QChar c) {
    return c.isLetter() || c == u'_' || c == u'.' || c == u'$';
}
bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'$';
}

int skipSpaces(QStringView text, int i) {
    while (i < text.size() && text[i].isSpace())
        ++i;
    return i;
}

// Scans a quoted literal starting at `i` (the opening quote); returns the index after it.
int scanQuoted(QStringView text, int i, QChar quote) {
    for (++i; i < text.size(); ++i) {
        if (text[i] == u'\\') {
            ++i;
        } else if (text[i] == quote) {
            return i + 1;
        }
    }
    return static_cast<int>(text.size());
}

class Scanner {
public:
    Scanner(QStringView text, bool inComment) : text_(text), inComment_(inComment) {}

    AsmLine run() {
        while (i_ < text_.size()) {
            if (inComment_) {
                blockCommentBody();
            } else {
                token();
            }
        }
        return {tokens_, inComment_};
    }

private:
    void add(int start, int end, AsmTokenKind kind) { tokens_.append({start, end - start, kind}); }

    void blockCommentBody() {
        const int end = static_cast<int>(text_.indexOf(u"*/", i_));
        const int stop = end < 0 ? static_cast<int>(text_.size()) : end + 2;
        add(i_, stop, AsmTokenKind::Comment);
        inComment_ = end < 0;
        i_ = stop;
    }

    void token() {
        const QChar c = text_[i_];
        const QStringView rest = text_.mid(i_);
        if (c.isSpace()) {
            ++i_;
        } else if (c == u'#' || rest.startsWith(u"//")) {
            add(i_, static_cast<int>(text_.size()), AsmTokenKind::Comment);
            i_ = static_cast<int>(text_.size());
        } else if (rest.startsWith(u"/*")) {
            inComment_ = true;
        } else if (c == u'"' || c == u'\'') {
            const int end = scanQuoted(text_, i_, c);
            add(i_, end, c == u'"' ? AsmTokenKind::String : AsmTokenKind::Number);
            i_ = end;
            statementStart_ = false;
        } else if (c == u';') {
            statementStart_ = true;
            ++i_;
        } else if (c == u'%') {
            relocation();
        } else if (c.isDigit()) {
            number();
        } else if (isWordStart(c)) {
            word();
        } else {
            ++i_; // punctuation: , ( ) + - and the like
        }
    }

    void relocation() {
        int end = i_ + 1;
        while (end < text_.size() && isWordChar(text_[end]))
            ++end;
        add(i_, end, AsmTokenKind::Relocation);
        i_ = end;
    }

    void number() {
        int end = i_;
        while (end < text_.size() && isWordChar(text_[end]))
            ++end;
        const int after = skipSpaces(text_, end);
        if (statementStart_ && after < text_.size() && text_[after] == u':') {
            add(i_, after + 1, AsmTokenKind::Label); // numeric local label "1:"
            i_ = after + 1;
            return;
        }
        add(i_, end, AsmTokenKind::Number);
        i_ = end;
    }

    void word() {
        int end = i_;
        while (end < text_.size() && isWordChar(text_[end]))
            ++end;
        const QStringView w = text_.mid(i_, end - i_);
        const int after = skipSpaces(text_, end);
        if (statementStart_ && after < text_.size() && text_[after] == u':') {
            add(i_, after + 1, AsmTokenKind::Label);
            i_ = after + 1;
            return;
        }
        if (statementStart_) {
            add(i_, end, w.startsWith(u'.') ? AsmTokenKind::Directive : AsmTokenKind::Mnemonic);
            statementStart_ = false;
        } else if (isRegisterName(w)) {
            add(i_, end, AsmTokenKind::Register);
        }
        i_ = end;
    }

    QStringView text_;
    bool inComment_;
    bool statementStart_ = true;
    int i_ = 0;
    QList<AsmToken> tokens_;
};

} // namespace

bool isRegisterName(QStringView word) {
    return registerNames().contains(word.toString().toLower());
}

AsmLine lexAsmLine(QStringView text, bool startsInBlockComment) {
    return Scanner(text, startsInBlockComment).run();
}

} // namespace vizor::views
