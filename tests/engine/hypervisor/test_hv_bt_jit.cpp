// bt with the x86-64 code generator against bt interpreting: the same run in every
// respect the guest or the cost model can see (console, every VmStats count, virtual
// cycles, the hart's counters, TLB statistics, the machine's whole state hash), on
// the six workloads, on runs cut into tiny slices (blocks that do not fit the budget),
// on code that rewrites itself, and on random RV32IM blocks.
#include "GuestKernel.h"
#include "HypervisorTestSupport.h"
#include "MiniKernel.h"
#include "hypervisor/BinaryTranslation.h"

#include <random>
#include <sstream>

using namespace vizor;
using namespace vizor::hv;
using hvtest::Run;

namespace {

constexpr uint64_t kMaxSteps = 100'000'000;

// recordChains: also record translation_chain events (not in the default mask).
Run runBt(const Program& program, bool generateCode, uint64_t slice = 0,
          bool recordChains = false) {
    VmConfig config;
    config.generateCode = generateCode;
    if (!slice && !recordChains) return hvtest::runWith("bt", program, config, kMaxSteps);
    Run run;
    run.vm = makeHypervisor("bt", config);
    std::string error;
    if (!run.vm->load(program, error)) qWarning("%s", error.c_str());
    EventStream& events = run.vm->machine().events();
    if (recordChains)
        events.setRecordMask(events.recordMask() | maskOf(EventType::TranslationChain));
    if (!slice) slice = kMaxSteps;
    uint64_t total = 0;
    do {
        run.result = run.vm->run(slice);
        total += run.result.executed;
    } while (run.result.reason == HaltReason::InstructionLimit && total < kMaxSteps);
    return run;
}

const jit::Runner* generator(const Run& run) {
    const auto* bt = dynamic_cast<const BinaryTranslation*>(run.vm.get());
    return bt ? bt->codeGenerator() : nullptr;
}

// Everything that must not depend on how the hart's instructions were executed.
void compareRuns(const Run& got, const Run& want) {
    QCOMPARE(got.result.reason, want.result.reason);
    QCOMPARE(got.console(), want.console());
    const VmStats gs = got.vm->stats(), ws = want.vm->stats();
    QCOMPARE(gs.chainFollows, ws.chainFollows);
    QCOMPARE(gs.cacheHits, ws.cacheHits);
    QCOMPARE(gs.cacheMisses, ws.cacheMisses);
    QCOMPARE(gs.callouts, ws.callouts);
    QCOMPARE(gs.directInstructions, ws.directInstructions);
    QVERIFY(gs == ws);
    QCOMPARE(got.vm->virtualCycles(), want.vm->virtualCycles());
    const Machine& g = got.vm->machine();
    const Machine& w = want.vm->machine();
    QCOMPARE(g.hart().steps, w.hart().steps);
    QCOMPARE(g.hart().instret, w.hart().instret);
    QCOMPARE(g.hart().cycle, w.hart().cycle);
    QCOMPARE(g.hart().pc, w.hart().pc);
    for (int i = 0; i < 32; ++i)
        QCOMPARE(g.hart().x[i], w.hart().x[i]);
    QCOMPARE(g.tlbStats().hits, w.tlbStats().hits);
    QCOMPARE(g.tlbStats().misses, w.tlbStats().misses);
    QCOMPARE(g.stateHash(), w.stateHash());
    QVERIFY(got.vm->guestState() == want.vm->guestState());
}

// A user program of random register operations, loads, stores and atomics on its own
// stack frame, divisions (by zero and the overflow case too) and branches, looped.
std::string randomWorkload(uint32_t seed) {
    std::mt19937 rng(seed);
    const char* regs[] = {"t0", "t1", "t2", "t3", "t4",  "t5",  "t6", "s2", "s3", "s4", "s5",
                          "s6", "s7", "s8", "s9", "s10", "s11", "a2", "a3", "a4", "a5", "zero"};
    const char* rr[] = {"add", "sub", "sll",  "slt",    "sltu",  "xor", "srl",  "sra", "or",
                        "and", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
    const char* ri[] = {"addi", "slti", "sltiu", "xori", "ori", "andi"};
    const char* sh[] = {"slli", "srli", "srai"};
    auto reg = [&] { return regs[rng() % std::size(regs)]; };
    auto dst = [&] { return regs[rng() % (std::size(regs) - 1) + (rng() % 16 == 0 ? 1 : 0)]; };
    std::ostringstream s;
    s << "workload_main:\n    addi sp, sp, -128\n    sw ra, 124(sp)\n";
    for (const char* r : regs)
        if (std::string(r) != "zero")
            s << "    li " << r << ", " << static_cast<int32_t>(rng()) << "\n";
    s << "    li s2, -2147483648\n    li s3, -1\n    li s4, 0\n    li a6, 40\nrnd_loop:\n";
    for (int i = 0; i < 120; ++i) {
        switch (rng() % 9) {
        case 0:
        case 1:
        case 2:
            s << "    " << rr[rng() % std::size(rr)] << " " << dst() << ", " << reg() << ", "
              << reg() << "\n";
            break;
        case 3:
            s << "    " << ri[rng() % std::size(ri)] << " " << dst() << ", " << reg() << ", "
              << static_cast<int>(rng() % 4096) - 2048 << "\n";
            break;
        case 4:
            s << "    " << sh[rng() % std::size(sh)] << " " << dst() << ", " << reg() << ", "
              << rng() % 32 << "\n";
            break;
        case 5: {
            const unsigned size = 1u << (rng() % 3);
            const unsigned offset = (rng() % (112 / size)) * size;
            const char* op = size == 4 ? "sw" : size == 2 ? "sh" : "sb";
            s << "    " << op << " " << reg() << ", " << offset << "(sp)\n";
            break;
        }
        case 6: {
            const unsigned size = 1u << (rng() % 3);
            const unsigned offset = (rng() % (112 / size)) * size;
            const char* op = size == 4   ? "lw"
                             : size == 2 ? (rng() % 2 ? "lh" : "lhu")
                                         : (rng() % 2 ? "lb" : "lbu");
            s << "    " << op << " " << dst() << ", " << offset << "(sp)\n";
            break;
        }
        case 7: {
            // Atomics on a word of the frame (the helper path): address in a1.
            const char* amo[] = {"amoadd.w", "amoswap.w", "amoxor.w", "amoand.w",
                                 "amoor.w",  "amomin.w",  "amomaxu.w"};
            s << "    addi a1, sp, " << (rng() % 28) * 4 << "\n";
            if (rng() % 3 == 0)
                s << "    lr.w " << dst() << ", (a1)\n    sc.w " << dst() << ", " << reg()
                  << ", (a1)\n";
            else
                s << "    " << amo[rng() % std::size(amo)] << " " << dst() << ", " << reg()
                  << ", (a1)\n";
            break;
        }
        default:
            s << "    bltu " << reg() << ", " << reg() << ", 1f\n    xor a5, a5, " << reg()
              << "\n1:\n";
            break;
        }
    }
    s << "    addi a6, a6, -1\n    bnez a6, rnd_loop\n";
    s << "    lw ra, 124(sp)\n    addi sp, sp, 128\n    li a0, 0\n    ret\n";
    return s.str();
}

// A kernel that stays in its own mode: a loop of ALU work, a load and a store into a
// 4 KiB array under Sv32 (identity superpages), then power-off. Under bt all of it is
// translated kernel code.
const std::string kKernelLoop = std::string(hvtest::kResetOnlyFirmware) + R"(
    .globl kernel_entry
kernel_entry:
    li t0, 0x80200000 + 0x800
    li t1, 0x200000cf
    sw t1, 0(t0)
    li t1, 0x201000cf
    sw t1, 4(t0)
    li t1, 0x80000000 | (0x80200000 >> 12)
    csrw satp, t1
    sfence.vma
    li s3, 3000
    li s1, 0x80400000
    li s0, 0
    li s2, 0
loop:
    andi t0, s2, 1023
    slli t0, t0, 2
    add t1, s1, t0
    lw t2, 0(t1)
    add t2, t2, s2
    xor s0, s0, t2
    sw t2, 0(t1)
    mulhu t3, s2, s0
    divu t4, s0, s2
    add s0, s0, t3
    sub s0, s0, t4
    addi s2, s2, 1
    bne s2, s3, loop
    li a7, 0x53525354
    li a6, 0
    li a0, 0
    li a1, 0
    ecall
2:  j 2b
)";

std::vector<Event> translationEvents(const Run& run) {
    std::vector<Event> out;
    for (const Event& e : run.vm->machine().events().recent())
        if (e.type == EventType::Translation || e.type == EventType::TranslationChain)
            out.push_back(e);
    return out;
}

Program randomProgram(uint32_t seed) {
    std::string source = hvtest::guestKernelSource("compute");
    const std::size_t at = source.find("# compute.s");
    if (at == std::string::npos) return {};
    source = source.substr(0, at) + randomWorkload(seed);
    return hvtest::assembleOrFail(source);
}

} // namespace

class HypervisorBtJitTest : public QObject {
    Q_OBJECT
private slots:
    void everyWorkloadRunsTheSame_data();
    void everyWorkloadRunsTheSame();
    void tinySlicesRunTheSame_data() { everyWorkloadRunsTheSame_data(); }
    void tinySlicesRunTheSame();
    void codeThatRewritesItselfIsGeneratedAgain();
    void randomBlocksRunTheSame();
    void kernelBlocksChainInHostCodeWithTheSameEvents();
};

void HypervisorBtJitTest::everyWorkloadRunsTheSame_data() {
    QTest::addColumn<QString>("workload");
    for (const std::string& w : hvtest::workloads())
        QTest::newRow(w.c_str()) << QString::fromStdString(w);
}

void HypervisorBtJitTest::everyWorkloadRunsTheSame() {
    QFETCH(QString, workload);
    const Program program = hvtest::guestProgram(workload.toStdString());
    const Run interpreted = runBt(program, false);
    QCOMPARE(interpreted.result.reason, HaltReason::PowerOff);
    QVERIFY(!generator(interpreted));
    const Run generated = runBt(program, true);
    compareRuns(generated, interpreted);
    if (!jit::hostSupported()) QSKIP("no code generator for this host: compared interpreted");
    const jit::Runner* g = generator(generated);
    QVERIFY(g);
    // The generated code really ran: most of the user program's steps went through it.
    QVERIFY(g->stats().blocksCompiled > 0);
    QVERIFY(g->stats().blockEntries > 0);
}

// Slices of a few steps: blocks that do not fit are finished by the interpreter, and
// the runner's fetch latch and counters must stay exact at every cut.
void HypervisorBtJitTest::tinySlicesRunTheSame() {
    QFETCH(QString, workload);
    const Program program = hvtest::guestProgram(workload.toStdString());
    const Run interpreted = runBt(program, false, 97);
    QCOMPARE(interpreted.result.reason, HaltReason::PowerOff);
    compareRuns(runBt(program, true, 97), interpreted);
}

void HypervisorBtJitTest::codeThatRewritesItselfIsGeneratedAgain() {
    if (!jit::hostSupported()) QSKIP("no code generator for this host");
    const Program program = hvtest::guestProgram("selfmodify");
    const Run generated = runBt(program, true);
    QCOMPARE(generated.result.reason, HaltReason::PowerOff);
    // Four rounds, each a store into generated code and a fence.i: the old code is gone
    // before the new instruction runs (the console says what ran).
    QVERIFY(generator(generated)->stats().flushes >= 4);
    QVERIFY(generated.console().find("ran") != std::string::npos);
    compareRuns(generated, runBt(program, false));
}

void HypervisorBtJitTest::randomBlocksRunTheSame() {
    for (uint32_t seed = 1; seed <= 12; ++seed) {
        const Program program = randomProgram(seed);
        QVERIFY(program.symbol("workload_main"));
        const Run interpreted = runBt(program, false);
        QCOMPARE(interpreted.result.reason, HaltReason::PowerOff);
        // Every process ran its random code to the end (none was killed).
        QCOMPARE(interpreted.console().find("killed"), std::string::npos);
        QVERIFY(interpreted.console().find("all processes exited") != std::string::npos);
        compareRuns(runBt(program, true), interpreted);
        if (QTest::currentTestFailed()) return;
        // Cut where the translator's counts are cut the same way (a pause splits a block).
        compareRuns(runBt(program, true, 61), runBt(program, false, 61));
        if (QTest::currentTestFailed()) return;
    }
}

// The translated kernel loop runs as host code, its blocks chained there; the chain
// follows it counts and the translation events it reports are the executor's, one for
// one (guest pc, kind, and the cycle, instruction and step each is stamped with).
void HypervisorBtJitTest::kernelBlocksChainInHostCodeWithTheSameEvents() {
    const Program program = hvtest::assembleOrFail(kKernelLoop);
    const Run interpreted = runBt(program, false, 0, true);
    QCOMPARE(interpreted.result.reason, HaltReason::PowerOff);
    const Run generated = runBt(program, true, 0, true);
    compareRuns(generated, interpreted);
    QVERIFY(generated.vm->stats().chainFollows > 2900);
    // Asked for, every follow is reported, from the generated chain links too.
    QCOMPARE(generated.vm->machine().events().count(EventType::TranslationChain),
             generated.vm->stats().chainFollows);
    const std::vector<Event> got = translationEvents(generated);
    const std::vector<Event> want = translationEvents(interpreted);
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].pc, want[i].pc);
        QCOMPARE(got[i].a, want[i].a);
        QCOMPARE(got[i].b, want[i].b);
        QCOMPARE(got[i].c, want[i].c);
        QCOMPARE(got[i].cycle, want[i].cycle);
        QCOMPARE(got[i].instret, want[i].instret);
        QCOMPARE(got[i].steps, want[i].steps);
    }
    if (!jit::hostSupported()) QSKIP("no code generator for this host: compared interpreted");
    const auto* bt = dynamic_cast<const BinaryTranslation*>(generated.vm.get());
    QVERIFY(bt->kernelCodeEntries() > 0);
    // Chained in host code: far fewer entries than blocks run.
    QVERIFY(bt->kernelCodeEntries() * 10 < generated.vm->stats().chainFollows);
}

QTEST_GUILESS_MAIN(HypervisorBtJitTest)
#include "test_hv_bt_jit.moc"
