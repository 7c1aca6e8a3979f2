# Interrupt delegation: a supervisor software interrupt (mip.SSIP) taken in M when not
# delegated, ignored by M when delegated, gated by sstatus.SIE in S, always enabled in U;
# a machine software interrupt (CLINT msip) taken in S even though mstatus.MIE = 0.
.text
.equ SSIP, 0x2
.equ MSIP, 0x8

_start:
    INIT
    PRINT
    .asciz "08 interrupt delegation\n"
    ENDPRINT
    la t0, m_handler
    csrw mtvec, t0
    la t0, s_handler
    csrw stvec, t0
    li t0, 1 << 8               # ecall from U goes to S
    csrw medeleg, t0

    PRINT

    .asciz "M: SSIP not delegated\n"

    ENDPRINT
    li t0, SSIP
    csrw mie, t0
    csrs mip, t0                # pending, but mstatus.MIE = 0
    nop
    csrr t1, mip
    andi t1, t1, SSIP
    SHOW M_mip_ssip, t1
    PRINT
    .asciz "M: enabling MIE\n"
    ENDPRINT
    li t1, MSTATUS_MIE
    csrs mstatus, t1            # taken right after this instruction
    PRINT
    .asciz "M: after MIE\n"
    ENDPRINT
    csrc mstatus, t1

    PRINT

    .asciz "M: SSIP delegated\n"

    ENDPRINT
    csrw mideleg, t0
    csrs mip, t0
    csrs mstatus, t1            # M ignores interrupts delegated to S
    nop
    csrc mstatus, t1
    PRINT
    .asciz "M: not taken in M\n"
    ENDPRINT
    li t0, SSIP | MSIP
    csrw mie, t0

    li t0, MSTATUS_MPP | MSTATUS_SIE
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    csrr t1, sip
    andi t1, t1, SSIP
    SHOW S_sip_ssip, t1
    PRINT
    .asciz "S: enabling SIE\n"
    ENDPRINT
    csrsi sstatus, MSTATUS_SIE
    PRINT
    .asciz "S: after SIE\n"
    ENDPRINT
    csrci sstatus, MSTATUS_SIE

    PRINT

    .asciz "S: raising MSIP through the CLINT\n"

    ENDPRINT
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)                # M-level interrupt: enabled in S whatever MIE says
    PRINT
    .asciz "S: after MSIP\n"
    ENDPRINT

    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_main
    csrw sepc, t0
    sret

u_main:
    PRINT
    .asciz "U: asking S to raise SSIP\n"
    ENDPRINT
    li a7, 1
    ecall
    PRINT
    .asciz "U: after SSIP\n"
    ENDPRINT
    li a7, 2
    ecall
    FAIL 4

# ---------------------------------------------------------------- S-mode handler
.align 2
s_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, scause
    bgez t0, s_exception
    SHOW S_interrupt_scause, t0
    csrr t0, sstatus
    andi t0, t0, MSTATUS_SPP
    SHOW S_interrupt_spp, t0
    li t0, SSIP
    csrc sip, t0
    j s_return
s_exception:
    li t0, 2
    beq a7, t0, s_finish
    PRINT
    .asciz "S: ecall, raising SSIP with SPIE = 0\n"
    ENDPRINT
    li t0, SSIP
    csrs sip, t0
    li t0, MSTATUS_SPIE
    csrc sstatus, t0            # after sret SIE = 0, yet U cannot mask S interrupts
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
s_return:
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    sret
s_finish:
    ecall

# ---------------------------------------------------------------- M-mode handler
.align 2
m_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    bgez t0, m_exception
    SHOW M_interrupt_mcause, t0
    csrr t0, mstatus
    li t1, MSTATUS_MPP
    and t0, t0, t1
    SHOW M_interrupt_mpp, t0
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    li t0, SSIP
    csrc mip, t0
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret
m_exception:
    SHOW M_exception_mcause, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
