// Directives, layout, symbol table, line map and entry point of assembled programs.
#include "AsmTestSupport.h"

#include <QTest>

using namespace vizor;

namespace {

AssemblyResult ok(const std::string& source, const AssemblerOptions& options = {}) {
    auto r = assemble(source, options);
    if (!r.ok()) qWarning("%s", test::errorsText(r).constData());
    return r;
}

std::vector<uint32_t> words(const Section& s) {
    std::vector<uint32_t> w;
    for (std::size_t off = 0; off + 4 <= s.bytes.size(); off += 4)
        w.push_back(test::wordAt(s.bytes, off));
    return w;
}

} // namespace

class TestAsmDirectives : public QObject {
    Q_OBJECT

private slots:
    void sectionsFollowTextAlignedTo16() {
        const auto r = ok(".data\nd: .byte 1\n.text\n_start: nop\nnop\nnop\n.rodata\nro: .word 7\n"
                          ".section .extra\n.byte 9\n");
        QVERIFY(r.ok());
        const auto& s = r.program.sections;
        QCOMPARE(s.size(), std::size_t{4});
        QCOMPARE(s[0].name, std::string(".text"));
        QCOMPARE(s[0].address, 0x80000000u);
        QCOMPARE(s[1].name, std::string(".data")); // order of first appearance
        QCOMPARE(s[1].address, 0x80000010u);       // 12 bytes of text, next 16-byte boundary
        QCOMPARE(s[2].name, std::string(".rodata"));
        QCOMPARE(s[2].address, 0x80000020u);
        QCOMPARE(s[3].name, std::string(".extra"));
        QCOMPARE(s[3].address, 0x80000030u);
        QCOMPARE(r.program.symbol("d"), std::optional<uint32_t>(0x80000010u));
        QCOMPARE(r.program.symbol("ro"), std::optional<uint32_t>(0x80000020u));
    }

    void dataDirectivesLayBytesLittleEndian() {
        const auto r = ok(".data\n.word 0x11223344\n.half 0x5566\n.byte 0x77, -1\n"
                          ".ascii \"ab\"\n.asciz \"c\\n\"\n.space 2, 0xaa\n.zero 1\n");
        QVERIFY(r.ok());
        const Section* d = test::findSection(r.program, ".data");
        QVERIFY(d);
        const std::vector<uint8_t> expected = {0x44, 0x33, 0x22, 0x11, 0x66, 0x55, 0x77, 0xff,
                                               'a',  'b',  'c',  '\n', 0,    0xaa, 0xaa, 0};
        QCOMPARE(d->bytes, expected);
    }

    void alignPadsCodeWithNopsAndDataWithZeros() {
        const auto r = ok("nop\n.align 4\nnop\n.data\n.byte 1\n.balign 4\n.byte 2\n");
        QVERIFY(r.ok());
        const auto text = words(r.program.sections[0]);
        QCOMPARE(text.size(), std::size_t{5});
        for (uint32_t w : text)
            QCOMPARE(w, 0x00000013u);
        const Section* d = test::findSection(r.program, ".data");
        QCOMPARE(d->bytes, (std::vector<uint8_t>{1, 0, 0, 0, 2}));
    }

    void codeAlignmentFollowsGnu() {
        // GNU: zero byte for odd padding, one c.nop (0x0001), then nops; alignment of 4 or
        // less in code is taken as already satisfied.
        const auto r = ok(".byte 0x5a\n.align 3\n.byte 7\n.balign 4\n.byte 8\n");
        QVERIFY(r.ok());
        QCOMPARE(r.program.sections[0].bytes,
                 (std::vector<uint8_t>{0x5a, 0, 1, 0, 0x13, 0, 0, 0, 7, 8}));
    }

    void sectionFlagsMarkCode() {
        const auto r = ok(".section .init, \"ax\", @progbits\n.byte 1\n.align 3\n"
                          ".section .other, \"aw\"\n.byte 1\n.align 3\n");
        QVERIFY(r.ok());
        QCOMPARE(test::findSection(r.program, ".init")->bytes,
                 (std::vector<uint8_t>{1, 0, 1, 0, 0x13, 0, 0, 0}));
        QCOMPARE(test::findSection(r.program, ".other")->bytes,
                 (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 0}));
    }

    void reptAndFill() {
        const auto r = ok(".rept 2\nnop\n.rept 2\nli a0, 1\n.endr\n.endr\n"
                          ".data\n.fill 2, 2, 0x1234\n.fill 1\n");
        QVERIFY(r.ok());
        QCOMPARE(words(r.program.sections[0]).size(), std::size_t{6});
        QCOMPARE(r.program.lineMap[1].line, 4); // repeated lines map to themselves
        QCOMPARE(test::findSection(r.program, ".data")->bytes,
                 (std::vector<uint8_t>{0x34, 0x12, 0x34, 0x12, 0}));
    }

    void irpAndExitm() {
        const auto r = ok(".irp reg, ra, s0, s1\nsw \\reg, 0(sp)\n.endr\n"
                          ".macro upto n\n.if \\n > 1\nnop\n.exitm\n.endif\nebreak\n.endm\n"
                          "upto 2\nupto 1\n");
        QVERIFY(r.ok());
        QCOMPARE(
            words(r.program.sections[0]),
            (std::vector<uint32_t>{0x00112023u, 0x00812023u, 0x00912023u, 0x13u, 0x00100073u}));
    }

    void errorDirectiveReports() {
        const auto r = assemble(".if 1\n  .error \"unsupported mode\"\n.endif\n");
        QCOMPARE(r.errors.size(), std::size_t{1});
        QCOMPARE(r.errors[0].where.line, 2);
        QCOMPARE(r.errors[0].message, std::string(".error: unsupported mode"));
    }

    void conditionalsNestAndSeeDefines() {
        const std::string src = ".if PARAVIRT\n.ifdef EXTRA\nli a0, 1\n.else\nli a0, 2\n.endif\n"
                                ".else\nli a0, 3\n.endif\n.if PARAVIRT == 0\nli a1, "
                                "4\n.endif\n.ifndef NOPE\nnop\n.endif\n";
        AssemblerOptions pv;
        pv.defines = {{"PARAVIRT", 1}};
        QCOMPARE(words(ok(src, pv).program.sections[0]),
                 (std::vector<uint32_t>{0x00200513u, 0x13u}));
        pv.defines["EXTRA"] = 0;
        QCOMPARE(words(ok(src, pv).program.sections[0]),
                 (std::vector<uint32_t>{0x00100513u, 0x13u}));
        AssemblerOptions native;
        native.defines = {{"PARAVIRT", 0}};
        QCOMPARE(words(ok(src, native).program.sections[0]),
                 (std::vector<uint32_t>{0x00300513u, 0x00400593u, 0x13u}));
    }

    void macrosSubstituteArgumentsAndDefaults() {
        const auto r = ok(".macro store reg, off=4\nsw \\reg, \\off(sp)\n.endm\n"
                          "store a0\nstore a1, 8\n");
        QVERIFY(r.ok());
        QCOMPARE(words(r.program.sections[0]), (std::vector<uint32_t>{0x00a12223u, 0x00b12423u}));
        // The line map sends macro-generated instructions to the line that used the macro.
        QCOMPARE(r.program.lineMap.size(), std::size_t{2});
        QCOMPARE(r.program.lineMap[0].line, 4);
        QCOMPARE(r.program.lineMap[1].line, 5);
    }

    void macroArgumentsAreTextAsGnuSplitsIt() {
        // Quoted arguments lose their quotes and keep their commas; without commas,
        // whitespace separates arguments; parentheses group.
        const auto r = ok(".macro say text\n.ascii \"\\text\"\n.endm\n"
                          ".macro ld2 dst src\nlw \\dst, \\src\n.endm\n"
                          ".data\nsay \"a, b\\tc\"\n.text\nld2 a0 4(sp)\nld2 a1, 8 (sp)\n");
        QVERIFY(r.ok());
        QCOMPARE(test::findSection(r.program, ".data")->bytes,
                 (std::vector<uint8_t>{'a', ',', ' ', 'b', '\t', 'c'}));
        QCOMPARE(words(r.program.sections[0]), (std::vector<uint32_t>{0x00412503u, 0x00812583u}));
    }

    void equAndForwardReferences() {
        const auto r =
            ok("li a0, SIZE\nj end\n.equ SIZE, end - start\nstart: nop\nnop\nend: nop\n");
        QVERIFY(r.ok());
        const auto w = words(r.program.sections[0]);
        QCOMPARE(w.size(), std::size_t{5});
        QCOMPARE(w[0], 0x00800513u); // li a0, 8
        QCOMPARE(w[1], 0x00c0006fu); // j +12
    }

    void manyForwardReferences() {
        // More forward references than the error limit: early passes must not give up.
        std::string src;
        for (int i = 0; i < 500; ++i)
            src += "j L" + std::to_string(i) + "\n";
        for (int i = 0; i < 500; ++i)
            src += "L" + std::to_string(i) + ": nop\n";
        const auto r = ok(src);
        QVERIFY(r.ok());
        QCOMPARE(r.program.symbol("L499"), std::optional<uint32_t>(0x80000000u + 4 * 999));
        QCOMPARE(words(r.program.sections[0])[0], 0x7d00006fu); // j +2000
    }

    void farBranchesBecomeBranchOverJump() {
        const auto r = ok("start: beq a0, a1, far\n.space 5000\nfar: bltu a2, a3, start\n");
        QVERIFY(r.ok());
        const auto& b = r.program.sections[0].bytes;
        QCOMPARE(b.size(), std::size_t{8 + 5000 + 8});
        QCOMPARE(test::wordAt(b, 0), 0x00b51463u);    // bne a0, a1, .+8
        QCOMPARE(test::wordAt(b, 4), 0x38c0106fu);    // jal zero, far (+5004 from the jal)
        QCOMPARE(test::wordAt(b, 5008), 0x00d67463u); // bgeu a2, a3, .+8
        QCOMPARE(test::wordAt(b, 5012), 0xc6dfe06fu); // jal zero, start (-5012)
        QCOMPARE(r.program.lineMap.size(), std::size_t{4});
        QCOMPARE(r.program.lineMap[1].line, 1);
    }

    void numericLocalLabels() {
        const auto r = ok("1: addi a0, a0, -1\nbnez a0, 1b\nbeqz a0, 1f\nnop\n1: nop\n");
        QVERIFY(r.ok());
        const auto w = words(r.program.sections[0]);
        QCOMPARE(w[1], 0xfe051ee3u);        // bnez a0, -4
        QCOMPARE(w[2], 0x00050463u);        // beqz a0, +8
        QVERIFY(r.program.symbols.empty()); // local labels stay out of the symbol table
    }

    void symbolTableHoldsLabels() {
        const auto r = ok(".equ K, 5\n.globl main\nmain: nop\n.L1: nop\n.data\nbuf: .space 4\n");
        QVERIFY(r.ok());
        QCOMPARE(r.program.symbol("main"), std::optional<uint32_t>(0x80000000u));
        QCOMPARE(r.program.symbol(".L1"), std::optional<uint32_t>(0x80000004u));
        QCOMPARE(r.program.symbol("buf"), std::optional<uint32_t>(0x80000010u));
        QVERIFY(!r.program.symbol("K")); // .equ constants are not addresses
        const auto near = r.program.symbolAtOrBelow(0x80000006u);
        QVERIFY(near.has_value());
        QCOMPARE(near->first, std::string(".L1"));
    }

    void lineMapHasOneEntryPerInstruction() {
        const auto r =
            ok("# comment\n_start:\n  li a0, 0x12345678\n  /* c */ nop\n\n  call f\nf: ret\n");
        QVERIFY(r.ok());
        const auto& map = r.program.lineMap;
        QCOMPARE(map.size(), std::size_t{6});
        const int lines[] = {3, 3, 4, 6, 6, 7};
        for (std::size_t i = 0; i < map.size(); ++i) {
            QCOMPARE(map[i].address, 0x80000000u + 4 * static_cast<uint32_t>(i));
            QCOMPARE(map[i].line, lines[i]);
            QCOMPARE(map[i].fileIndex, uint16_t{0});
        }
        QCOMPARE(r.program.addressForLine(6), std::optional<uint32_t>(0x8000000cu));
        QVERIFY(!r.program.addressForLine(5));
        QCOMPARE(r.program.lineFor(0x80000010u)->line, 6);
        QCOMPARE(r.program.files, std::vector<std::string>{"input.s"});
    }

    void entryIsStartOrBase() {
        QCOMPARE(ok("nop\n_start: nop\n").program.entry, 0x80000004u);
        AssemblerOptions o;
        o.baseAddress = 0x1000;
        QCOMPARE(ok("nop\nnop\n", o).program.entry, 0x1000u);
    }

    void ignoredDirectivesAreAccepted() {
        const auto r = ok(".file \"x.c\"\n.option push\n.option norvc\n.option pop\n.ident \"v\"\n"
                          ".type f, @function\nf: nop\n.size f, .-f\n.globl f\n");
        QVERIFY(r.ok());
        QCOMPARE(r.program.sections[0].bytes.size(), std::size_t{4});
    }

    void statementsSplitOnSemicolons() {
        const auto r = ok("nop; nop ; li a0, 1 // two statements and a comment\n");
        QVERIFY(r.ok());
        QCOMPARE(words(r.program.sections[0]).size(), std::size_t{3});
    }
};

QTEST_APPLESS_MAIN(TestAsmDirectives)
#include "test_asm_directives.moc"
