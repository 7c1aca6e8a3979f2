# Trap routing and ordering: two interrupts pending at once are taken by priority
# (MSI before MTI, SSI before STI); traps from M are never delegated; an ecall from S
# delegated to S itself; a trap nested inside an S-mode handler. (Mixing M- and
# S-level sources is left out: QEMU 7.2 without AIA takes the lowest cause number
# first, e.g. SSI before MSI, where the specification puts MSI first.)
.text
.equ SSIP, 0x2
.equ MSIP, 0x8
.equ STIP, 0x20
.equ MTIP, 0x80

_start:
    INIT
    PRINT
    .asciz "19 trap routing and priority\n"
    ENDPRINT
    la t0, m_handler
    csrw mtvec, t0

    PRINT
    .asciz "M: MSIP and MTIP pending together\n"
    ENDPRINT
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, CLINT_MTIMECMP
    sw zero, 4(t0)
    sw zero, 0(t0)              # MTIP pending now
    li t0, MSIP | MTIP
    csrw mie, t0
    li t0, MSTATUS_MIE
    csrs mstatus, t0            # MSI first, then MTI
    nop
    csrc mstatus, t0
    PRINT
    .asciz "M: SSIP and STIP pending together\n"
    ENDPRINT
    li t0, SSIP | STIP
    csrs mip, t0
    csrw mie, t0
    li t0, MSTATUS_MIE
    csrs mstatus, t0            # SSI first, then STI
    nop
    csrc mstatus, t0
    csrw mie, zero
    la t0, m_irqs
    lw t0, 0(t0)
    SHOWD M_interrupts, t0

    PRINT
    .asciz "M: ecall with medeleg[11] set stays in M\n"
    ENDPRINT
    li t0, -1
    csrw medeleg, t0
    la t0, s_handler
    csrw stvec, t0
    li a7, 0
    ecall
    csrr t0, medeleg
    li t1, 0xb3ff               # the standard delegable exceptions
    and t0, t0, t1
    SHOW medeleg_std, t0
    li t0, 1 << 9 | 1 << 2      # S ecall and illegal instruction go to S
    csrw medeleg, t0

    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    PRINT
    .asciz "S: ecall delegated to S\n"
    ENDPRINT
    li a7, 1
    ecall
    PRINT
    .asciz "S: back\n"
    ENDPRINT
    li a7, 2                    # this time the handler itself traps (illegal)
    ecall
    PRINT
    .asciz "S: back from the nested trap\n"
    ENDPRINT
    li a7, 3
    csrr t0, mstatus            # illegal in S: delegated to S, not an ecall
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# S handler: reports; for a7 = 2 it executes an illegal instruction itself, caught by
# s_inner through a temporary stvec. The nested trap overwrites sepc and scause, so
# the outer handler keeps its own in s-registers.
.align 2
s_handler:
    csrr s2, scause
    csrr s3, sepc
    csrr t0, sstatus
    andi t0, t0, MSTATUS_SPP
    SHOW S_trap_scause, s2
    SHOW S_trap_spp, t0
    li t0, 2
    bne a7, t0, s_handler_ret
    la t0, s_inner
    csrw stvec, t0
    PRINT
    .asciz "S: handler traps again\n"
    ENDPRINT
    csrr t0, mie                # illegal in S
    PRINT
    .asciz "S: handler resumes\n"
    ENDPRINT
    la t0, s_handler
    csrw stvec, t0
    csrr t0, scause
    SHOW S_scause_now, t0
s_handler_ret:
    addi s3, s3, 4
    csrw sepc, s3
    sret

.align 2
s_inner:
    csrr t0, scause
    SHOW S_inner_scause, t0
    csrr t0, sstatus
    andi t0, t0, MSTATUS_SPP
    SHOW S_inner_spp, t0
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    sret

.align 2
m_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    SHOW M_trap_mcause, t0
    bgez t0, m_exception
    la t1, m_irqs
    lw t0, 0(t1)
    addi t0, t0, 1
    sw t0, 0(t1)
    csrr t0, mcause             # acknowledge just this one
    andi t0, t0, 0xff
    li t1, 3
    beq t0, t1, m_ack_msi
    li t1, 7
    beq t0, t1, m_ack_mti
    li t1, 1
    beq t0, t1, m_ack_ssi
    li t0, STIP
    csrc mip, t0
    j m_ret
m_ack_msi:
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    j m_ret
m_ack_mti:
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    j m_ret
m_ack_ssi:
    li t0, SSIP
    csrc mip, t0
    j m_ret
m_exception:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
m_ret:
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret

.data
.align 2
m_irqs:
    .word 0
