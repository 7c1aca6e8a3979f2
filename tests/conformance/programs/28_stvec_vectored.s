# Vectored stvec: delegated supervisor interrupts enter at base + 4 * cause, exceptions
# at the base; two pending interrupts taken by priority (SSI, then STI); an interrupt
# left pending during an exception handler, taken as soon as its sret sets SIE.
.text
.equ SSIP, 0x2
.equ STIP, 0x20

_start:
    INIT
    PRINT
    .asciz "28 vectored stvec\n"
    ENDPRINT
    li t0, SSIP | STIP
    csrw mideleg, t0
    li t0, 1 << 2               # illegal instructions handled in S
    csrw medeleg, t0
    la t0, m_handler
    csrw mtvec, t0
    la t0, s_vectors
    ori t0, t0, 1
    csrw stvec, t0
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    li t0, SSIP | STIP
    csrs mip, t0                # both pending before S even starts
    mret

s_main:
    PRINT
    .asciz "S: enabling sie\n"
    ENDPRINT
    li t0, SSIP | STIP
    csrs sie, t0
    csrsi sstatus, MSTATUS_SIE  # SSI first (priority), then STI
    nop
    csrci sstatus, MSTATUS_SIE
    PRINT
    .asciz "S: exception with SSIP pending; its sret sets SIE\n"
    ENDPRINT
    li t0, SSIP
    csrs sip, t0
    csrr t0, mstatus            # illegal in S: enters at the base, SIE = 0 there
    csrci sstatus, MSTATUS_SIE
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

.align 2
m_handler:
    csrr t0, mcause
    SHOW M_mcause, t0
    li t0, STIP
    csrc mip, t0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret

.align 6
s_vectors:
    j s_exception               # 0: exceptions
    j s_ssi                     # 1
    j s_bad
    j s_bad
    j s_bad
    j s_sti                     # 5
    j s_bad
    j s_bad
s_bad:
    PRINT
    .asciz "wrong vector\n"
    ENDPRINT
    FAIL 10
s_ssi:
    csrr t0, scause
    SHOW S_ssi_scause, t0
    li t0, SSIP
    csrc sip, t0
    sret
s_sti:
    csrr t0, scause
    SHOW S_sti_scause, t0
    ecall                       # only M can clear STIP: ask the firmware
    sret
s_exception:
    csrr t0, scause
    SHOW S_exception_scause, t0
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    li t0, MSTATUS_SPIE
    csrs sstatus, t0            # sret will set SIE: the pending SSI is taken at once
    sret
