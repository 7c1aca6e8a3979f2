// The hart's hypervisor extension in the machine's real memory path. Issue "memory",
// item 1: a cold walk of one address makes 2 page-table references under native Sv32
// and (2+1)(2+1)-1 = 8 under nested paging (V=1: VS-stage over G-stage); the test reads
// the recorded walk reference by reference and checks stage, level, address and order.
// Also: the guest's load really goes through both stages (guest-physical != host-
// physical here), and a VS-mode CSR access reaches the VS copy.
#include "CoreTestSupport.h"
#include "cpu/HypervisorCsr.h"

#include <vector>

using namespace vizor;
using coretest::reg;
using coretest::word;

namespace {

constexpr uint32_t kGva = 0x00400123; // the address whose walk is read
constexpr uint32_t kMagic = 0x1234abcd;

struct Step {
    uint32_t address; // host-physical address of the PTE read
    unsigned stage;   // 0 VS (or single-stage), 1 G
    unsigned level;
};

std::vector<Step> walkOf(const Machine& m, uint32_t vaddr) {
    std::vector<Step> steps;
    for (const Event& e : m.events().recent())
        if (e.type == EventType::PageWalkStep && e.a == vaddr)
            steps.push_back({e.b, (e.d >> 8) & 0xff, e.d & 0xff});
    return steps;
}

MachineConfig withH() {
    MachineConfig c;
    c.hypervisorExtension = true;
    return c;
}

// Native: S-mode under Sv32. Root at 0x80200000: [0] a superpage over the finisher,
// [1] a pointer to the level-0 table at 0x80201000 whose entry 0 maps 0x00400000 to
// 0x80202000, [0x200] a superpage over the code.
const char* const kNative = R"(
    li t0, 0x80200000
    li t1, 0x000000cf       # [0]: VA 0 -> PA 0, superpage, V R W X A D
    sw t1, 0(t0)
    li t1, 0x20080401       # [1]: -> level-0 table 0x80201000
    sw t1, 4(t0)
    li t1, 0x200000cf       # [0x200]: VA 0x80000000 -> itself
    li t2, 0x80200800
    sw t1, 0(t2)
    li t0, 0x80201000
    li t1, 0x200808c7       # [0]: -> 0x80202000, V R W A D
    sw t1, 0(t0)
    li t0, 0x80202120
    li t1, 0x1234abcd
    sw t1, 3(t0)            # the word at 0x80202123 (misaligned on purpose: M-mode, no walk)
    li t1, 0x80080200       # satp: Sv32, root 0x80200000
    csrw satp, t1
    ENTER 1, s_main
s_main:
    li t0, 0x00400123
    lw a0, 0(t0)
    POWEROFF
)";

// Nested: the guest's tables live at guest-physical 0x80400000 (root) and 0x80401000
// (level 0), its data page at 0x80402000; the G-stage maps those three pages, with
// 4 KiB leaves, to host 0x80500000.. (so each G-stage walk is two references), and the
// code's 4 MiB and the finisher's 4 MiB identically with superpages.
//   host 0x80600000: G root (16 KiB): [0] finisher superpage, [0x200] code superpage,
//                    [0x201] -> G level 0 at 0x80604000
//   G level 0: [0] gpa 0x80400000 -> 0x80500000, [1] 0x80401000 -> 0x80501000,
//              [2] 0x80402000 -> 0x80502000
//   VS root (host 0x80500000): [0] VA 0 superpage, [1] -> gpa 0x80401000,
//              [0x200] code superpage;  VS level 0 (host 0x80501000): [0] -> gpa 0x80402000
const char* const kNested = R"(
    li t0, 0x80600000
    li t1, 0x000000df       # [0]: gpa 0 -> 0, superpage, V R W X U A D
    sw t1, 0(t0)
    li t1, 0x200000df       # [0x200]: gpa 0x80000000 -> itself
    li t2, 0x80600800
    sw t1, 0(t2)
    li t1, 0x20181001       # [0x201]: -> G level 0 at 0x80604000
    sw t1, 4(t2)
    li t0, 0x80604000
    li t1, 0x201400df       # gpa 0x80400000 -> host 0x80500000
    sw t1, 0(t0)
    li t1, 0x201404df       # gpa 0x80401000 -> host 0x80501000
    sw t1, 4(t0)
    li t1, 0x201408df       # gpa 0x80402000 -> host 0x80502000
    sw t1, 8(t0)
    li t0, 0x80500000       # VS root, at its host address
    li t1, 0x000000cf
    sw t1, 0(t0)
    li t1, 0x20100401       # [1]: -> gpa 0x80401000
    sw t1, 4(t0)
    li t1, 0x200000cf
    li t2, 0x80500800
    sw t1, 0(t2)
    li t0, 0x80501000
    li t1, 0x201008c7       # [0]: -> gpa 0x80402000, V R W A D
    sw t1, 0(t0)
    li t0, 0x80502120
    li t1, 0x1234abcd
    sw t1, 3(t0)
    li t1, 0x80080400       # vsatp: Sv32, root gpa 0x80400000
    csrw 0x280, t1
    li t1, 0x80480600       # hgatp: Sv32x4, VMID 1, root 0x80600000
    csrw 0x680, t1
    li t1, 0x80             # mstatush.MPV: mret enters V=1
    csrs 0x310, t1
    ENTER 1, vs_main
vs_main:
    li t1, 0x55
    csrw sscratch, t1       # VS: reaches vsscratch
    li t0, 0x00400123
    lw a0, 0(t0)
    POWEROFF
)";

// Traps with V=1: an illegal instruction delegated by hedeleg is the guest's own (taken
// at vstvec, V stays 1, read back through the redirected scause/sepc, left with a VS
// sret); reading hstatus from VS is a virtual instruction for HS (SPV/SPVP record the
// guest's mode, stval the instruction, and sret with SPV re-enters VS); ecall from VS is
// cause 10 in HS.
const char* const kTraps = R"(
    la t0, hs_handler
    csrw stvec, t0
    la t0, vs_handler
    csrw 0x205, t0          # vstvec
    li t0, 0xf00404         # medeleg: illegal instruction, ecall from VS, causes 20-23
    csrw medeleg, t0
    li t0, 0x4              # hedeleg: illegal instruction goes on to the guest
    csrw 0x602, t0
    li t0, 0x80             # mstatush.MPV: mret enters V=1
    csrs 0x310, t0
    ENTER 1, vs_main
vs_main:
    li t1, 0x55
    csrw sscratch, t1       # reaches vsscratch
    .word 0                 # illegal: the guest's own trap
    csrr s1, 0x600          # hstatus from VS: virtual instruction
    ecall                   # ecall from VS: to HS
vs_handler:
    csrr s2, scause         # vscause
    csrr t0, sepc           # vsepc
    addi t0, t0, 4
    csrw sepc, t0
    sret
hs_handler:
    csrr t0, scause
    li t1, 10
    beq t0, t1, done
    mv s3, t0
    csrr s4, 0x600          # hstatus
    csrr s6, stval
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    sret                    # hstatus.SPV = 1: back into VS
done:
    csrr s5, 0x600
    POWEROFF
)";

} // namespace

class CoreVmode : public QObject {
    Q_OBJECT
private slots:
    void coldWalkIsTwoReferencesNative();
    void coldWalkIsEightReferencesNested();
    void trapsFromVsAreDelegatedOrGoToHs();
    void vsCsrsAreIllegalWithoutTheExtension();
};

void CoreVmode::coldWalkIsTwoReferencesNative() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, kNative));
    QCOMPARE(reg(m, "a0"), kMagic);
    const std::vector<Step> walk = walkOf(m, kGva);
    QCOMPARE(walk.size(), std::size_t{2});
    QCOMPARE(walk[0].address, 0x80200000u + 4 * 1); // root, VPN[1] = 1
    QCOMPARE(walk[0].level, 1u);
    QCOMPARE(walk[1].address, 0x80201000u + 4 * 0); // level 0, VPN[0] = 0
    QCOMPARE(walk[1].level, 0u);
    QCOMPARE(walk[0].stage, 0u);
    QCOMPARE(walk[1].stage, 0u);
}

void CoreVmode::coldWalkIsEightReferencesNested() {
    Machine m(withH());
    QVERIFY(coretest::runToPowerOff(m, kNested));
    QCOMPARE(reg(m, "a0"), kMagic); // read at host 0x80502123 through both stages
    QVERIFY(m.hart().virt);
    QCOMPARE(m.hart().csr.vsscratch, 0x55u);
    QCOMPARE(m.hart().csr.sscratch, 0u);
    const std::vector<Step> walk = walkOf(m, kGva);
    // Each VS-stage entry's guest-physical address is G-walked before the entry is read,
    // and the final guest-physical address after the VS leaf: G G VS G G VS G G.
    const uint32_t gRoot = 0x80600000, gLevel0 = 0x80604000;
    const std::vector<Step> expected = {
        {gRoot + 4 * 0x201, 1, 1},   // G: gpa 0x80400004 (VS root entry), root index 0x201
        {gLevel0 + 4 * 0, 1, 0},     // G: level 0, index 0 -> host 0x80500000
        {0x80500000u + 4 * 1, 0, 1}, // VS: root entry for VPN[1] = 1
        {gRoot + 4 * 0x201, 1, 1},   // G: gpa 0x80401000 (VS level-0 entry)
        {gLevel0 + 4 * 1, 1, 0},     // G: index 1 -> host 0x80501000
        {0x80501000u + 4 * 0, 0, 0}, // VS: level-0 entry for VPN[0] = 0
        {gRoot + 4 * 0x201, 1, 1},   // G: the final gpa 0x80402123
        {gLevel0 + 4 * 2, 1, 0},     // G: index 2 -> host 0x80502000
    };
    QCOMPARE(walk.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const QByteArray what = "reference " + QByteArray::number(int(i));
        QVERIFY2(walk[i].address == expected[i].address, what);
        QVERIFY2(walk[i].stage == expected[i].stage, what);
        QVERIFY2(walk[i].level == expected[i].level, what);
    }
    // The machine's record of the last walk carries the table and index of each.
    bool found = false;
    for (const Event& e : m.events().recent())
        found |= e.type == EventType::PageWalkDone && e.a == kGva && e.b == 0x80502123u;
    QVERIFY(found);
    QVERIFY(m.tlbStats().walkReferences >= 8);
}

void CoreVmode::trapsFromVsAreDelegatedOrGoToHs() {
    Machine m(withH());
    QVERIFY(coretest::runToPowerOff(m, kTraps));
    const CsrFile& c = m.hart().csr;
    QCOMPARE(c.vsscratch, 0x55u);
    QCOMPARE(c.sscratch, 0u);
    QCOMPARE(reg(m, "s2"), 2u); // the guest read its own cause through scause
    QCOMPARE(c.vscause, 2u);
    QCOMPARE(reg(m, "s3"), hcsr::kVirtualInstruction);
    QVERIFY(reg(m, "s4") & hcsr::kSPV);
    QVERIFY(reg(m, "s4") & hcsr::kSPVP); // the guest was in VS, not VU
    QCOMPARE(reg(m, "s6"), 0x600024f3u); // csrr s1, hstatus
    QCOMPARE(reg(m, "s1"), 0u);          // the read did not happen
    QCOMPARE(c.scause, hcsr::kEcallFromVS);
    QVERIFY(reg(m, "s5") & hcsr::kSPV);
    QVERIFY(!m.hart().virt); // the ecall left V=1 for HS
    QCOMPARE(m.hart().priv, Privilege::Supervisor);
    // Changes of V: mret into VS, the virtual instruction out and sret back in, the
    // ecall out. The guest's own trap was none.
    QCOMPARE(m.tlbStats().worldSwitches, uint64_t{4});
}

// The base hart (the one QEMU's default rv32 CPU checks) has no H CSRs and no V mode.
void CoreVmode::vsCsrsAreIllegalWithoutTheExtension() {
    Machine m;
    QVERIFY(coretest::runToPowerOff(m, coretest::kLogger + R"(
        csrr t0, 0x600
        csrr t0, 0x280
        hfence.gvma
        POWEROFF
    )"));
    QCOMPARE(coretest::logCount(m), 3u);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(coretest::logCause(m, i), 2u);
    QVERIFY(!(m.hart().csr.misa & (1u << 7)));
    Machine h(withH());
    QVERIFY(h.hart().csr.misa & (1u << 7));
}

QTEST_APPLESS_MAIN(CoreVmode)
#include "test_core_vmode.moc"
