// Diagnostics: each bad input gives an error at the exact line and column of the
// offending token with a message saying what was expected; no input crashes or hangs.
#include "AsmTestSupport.h"

#include <QTest>

#include <random>

using namespace vizor;

class TestAsmErrors : public QObject {
    Q_OBJECT

private slots:
    void reportsLineColumnAndMessage_data() {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("phrase");
        const auto row = [](const char* name, QByteArray src, int line, int col, QString phrase) {
            QTest::newRow(name) << src << line << col << phrase;
        };
        row("unknown mnemonic", "nop\n  addx a0, a1, a2\n", 2, 3, "unknown instruction 'addx'");
        row("bad register", "add a0, a1, x32", 1, 13,
            "unknown register 'x32' (expected x0-x31 or an ABI name)");
        row("bad base register", "lw a0, 4(a9)", 1, 10, "unknown register 'a9'");
        row("addi immediate", "addi a0, a0, 5000", 1, 14,
            "immediate 5000 out of range for addi (-2048..2047)");
        row("negative addi immediate", "  slti t0, t1, -2049", 1, 16,
            "immediate -2049 out of range for slti (-2048..2047)");
        row("shift amount", "slli t0, t0, 32", 1, 14, "immediate 32 out of range for slli (0..31)");
        row("lui immediate", "lui a0, 0x100000", 1, 9, "out of range for lui (0..1048575)");
        row("load offset", "lw a0, 4096(sp)", 1, 8, "immediate 4096 out of range for lw");
        row("store offset", "sw a0, -2049(sp)", 1, 8, "immediate -2049 out of range for sw");
        row("csr immediate", "csrrwi a0, mstatus, 32", 1, 21, "out of range for csrrwi (0..31)");
        row("alias immediate", ".equ MPP, 0x1800\ncsrs mstatus, MPP", 2, 15,
            "immediate 6144 out of range for csrs (0..31)");
        row("alias branch", "beqz a0, 0x80002000", 1, 10,
            "branch target out of range for beqz (offset 8192, expected -4096..4094)");
        row("jump out of range", "j far\n.space 1048576\nfar: nop\n", 1, 3,
            "jump target out of range for j");
        row("relaxed branch out of range", "bltu a0, a1, far\n.space 1048576\nfar: nop\n", 1, 14,
            "jump target out of range for bltu");
        row("csr source register", "csrrw a0, mstatus, a9", 1, 20, "unknown register 'a9'");
        row("unknown csr", "csrr a0, mfoo", 1, 10, "unknown CSR 'mfoo'");
        row("undefined label", "_start:\n    j loop2\n", 2, 7, "undefined symbol 'loop2'");
        row("branch out of range", "beq a0, a1, 0x90000000", 1, 13,
            "branch target out of range for beq (offset 268435456");
        row("unterminated string", "  .ascii \"abc\n", 1, 10, "unterminated string");
        row("binary garbage", QByteArray("nop\n\x01\xfe\x00\xff\x80 garbage\n", 15), 2, 1,
            "unexpected character");
        row("nul after instruction", QByteArray("nop\nadd a0, a1, a2 \x00 x\n", 24), 2, 16,
            "unexpected character '\\x00'");
        row("unterminated if", "nop\n  .if 1\nnop\n", 2, 3, "unterminated .if (missing .endif)");
        row("endm without macro", "nop\n.endm\n", 2, 1, ".endm without .macro");
        row("endif without if", "  .endif\n", 1, 3, ".endif without .if");
        row("duplicate label", "a:\nnop\na: nop\n", 3, 1,
            "duplicate label 'a' (first defined at line 1)");
        row("bad directive", "  .wordx 5\n", 1, 3, "unknown directive '.wordx'");
        row("missing operand", "add a0, a1", 1, 11, "missing operand for add (expected 3 operands");
        row("missing operand of li", "  li a0", 1, 8, "missing operand for li");
        row("extra operand", "add a0, a1, a2, a3", 1, 17, "too many operands for add");
        row("extra operand of pseudo", "mv a0, a1, a2", 1, 12, "too many operands for mv");
        row("empty operand", "add a0, , a2", 1, 9, "expected an operand");
        row("unterminated comment", "nop\n  /* abc\nnop\n", 2, 3, "unterminated comment");
        row("unterminated macro", ".macro m\nnop\n", 1, 1, "unterminated .macro 'm'");
        row("unterminated rept", "nop\n  .rept 3\nnop\n", 2, 3,
            "unterminated .rept (missing .endr)");
        row("huge rept", ".rept 1000000000\nnop\n.endr\n", 1, 7,
            "repeat count 1000000000 out of range");
        row("recursive macro", ".macro r\n  r\n.endm\nr\n", 2, 3, "expanded too deeply");
        row("division by zero", "li a0, 1/0", 1, 9, "division by zero");
        row("huge number", "li a0, 999999999999999999999", 1, 8, "number too large");
        row("expression garbage", "addi a0, a0, 1 +", 1, 17, "expected an expression");
        row("bad fence set", "fence rx, w", 1, 7, "expected a fence set");
        row("atomic offset", "amoadd.w a0, a1, 4(a2)", 1, 18, "atomics take no offset");
        row("word too large", ".word 0x100000000", 1, 7, "does not fit in 4 bytes");
        row("bad alignment", ".balign 3", 1, 9, "power of two");
        row("local label missing", "j 1b", 1, 3, "no previous local label '1:'");
        row("bad label", "5x: nop", 1, 1, "invalid digit");
    }

    void reportsLineColumnAndMessage() {
        QFETCH(QByteArray, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, phrase);
        const auto r = assemble(std::string_view(source.constData(), source.size()));
        QVERIFY2(!r.ok(), "expected an error");
        const auto& e = r.errors.front();
        const QString message = QString::fromStdString(e.message);
        QVERIFY2(message.contains(phrase), qPrintable(message));
        QCOMPARE(e.where.file, std::string("input.s"));
        QCOMPARE(e.where.line, line);
        QCOMPARE(e.where.column, column);
    }

    void formatsLikeGnuTools() {
        const auto r = assemble("nop\n\n   addi a0, a0, 5000\n");
        QCOMPARE(r.errors.size(), std::size_t{1});
        QCOMPARE(r.errors[0].format(),
                 std::string("input.s:3:17: error: immediate 5000 out of range for addi "
                             "(-2048..2047)"));
    }

    void keepsGoingAfterErrors() {
        const auto r = assemble("addx a0\nadd a0, a1, x40\nnop\nj nowhere\n.bogus\n");
        QCOMPARE(r.errors.size(), std::size_t{4});
        QCOMPARE(r.errors[0].where.line, 1);
        QCOMPARE(r.errors[1].where.line, 2);
        QCOMPARE(r.errors[2].where.line, 4);
        QCOMPARE(r.errors[3].where.line, 5);
    }

    void boundsTheNumberOfErrors() {
        std::string src;
        for (int i = 0; i < 1000; ++i)
            src += "bad" + std::to_string(i) + " a0\n";
        const auto r = assemble(src);
        QVERIFY(r.errors.size() > 50);
        QVERIFY(r.errors.size() <= 101);
        QVERIFY(QString::fromStdString(r.errors.back().message).contains("too many errors"));
    }

    void boundsRunawayInputs_data() {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("doubly recursive macro")
            << QByteArray(".macro m\nm\nm\n.endm\nm\n") << "expanded too deeply";
        QTest::newRow("nested rept") << QByteArray(".rept 1000\n.rept 1000\n.rept 1000\nnop\n"
                                                   ".endr\n.endr\n.endr\n")
                                     << "too many lines";
        QTest::newRow("zero-size fill")
            << QByteArray(".fill 100000000000, 0, 1\n") << "out of range";
        QTest::newRow("huge space")
            << QByteArray(".space 60000000\n.data\n.space 60000000\n") << "out of range";
        QTest::newRow("deep parentheses")
            << QByteArray("li a0, " + QByteArray(100000, '(') + "1\n") << "nested too deeply";
        QTest::newRow("deep if") << QByteArray(".if 1\n").repeated(1000) << "nested too deeply";
    }

    void boundsRunawayInputs() {
        QFETCH(QByteArray, source);
        QFETCH(QString, phrase);
        const auto r = assemble(source.toStdString());
        QVERIFY(!r.ok());
        bool found = false;
        for (const auto& e : r.errors)
            found = found || QString::fromStdString(e.message).contains(phrase);
        QVERIFY2(found, test::errorsText(r).constData());
        QVERIFY(r.errors.size() <= 101);
    }

    void survivesRandomBytes() {
        std::mt19937 rng(20240607);
        for (int i = 0; i < 300; ++i) {
            std::string src(static_cast<std::size_t>(rng() % 400), '\0');
            for (char& c : src)
                c = static_cast<char>(rng() & 0xff);
            const auto r = assemble(src); // must return, whatever the input
            for (const auto& e : r.errors)
                QVERIFY(e.where.line >= 0 && e.where.column >= 0);
        }
    }

    void survivesMutatedAssembly() {
        const std::string base = "loop: addi a0, a0, -1\n .if X\n li t0, 0x12345\n .endif\n"
                                 " .macro m a\n sw \\a, 0(sp)\n .endm\n m ra\n bnez a0, loop\n"
                                 " .asciz \"x\\n\"\n la a1, loop\n";
        std::mt19937 rng(7);
        for (int i = 0; i < 2000; ++i) {
            std::string src = base;
            for (int k = 0; k < 3; ++k)
                src[rng() % src.size()] = "(),:\"\\.\n#x0%-"[rng() % 14];
            assemble(src);
        }
        QVERIFY(true == assemble(base, {"input.s", 0x80000000u, {{"X", 1}}}).ok());
    }
};

QTEST_APPLESS_MAIN(TestAsmErrors)
#include "test_asm_errors.moc"
