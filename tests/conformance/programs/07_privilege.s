# M -> S -> U with mret and sret; ecall from U (delegated to S through medeleg) and
# from S (to M); illegal CSR accesses from S and U; what sstatus/mstatus record.
.text
.equ CAUSE_ILLEGAL, 2
.equ CAUSE_ECALL_U, 8

_start:
    INIT
    PRINT
    .asciz "07 privilege transitions\n"
    ENDPRINT
    la t0, m_handler
    csrw mtvec, t0
    la t0, s_handler
    csrw stvec, t0
    li t0, (1 << CAUSE_ILLEGAL) | (1 << CAUSE_ECALL_U)
    csrw medeleg, t0
    # mret into S-mode at s_main.
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    PRINT
    .asciz "S: running\n"
    ENDPRINT
    li a7, 1
    ecall                       # S -> M (not delegable to S here)
    PRINT
    .asciz "S: back from M\n"
    ENDPRINT
    csrr t0, mstatus            # M-only CSR: illegal, delegated to S itself
    PRINT
    .asciz "S: after illegal\n"
    ENDPRINT
    csrr t0, sscratch           # S CSRs are fine
    li t0, 0x5a
    csrw sscratch, t0
    csrr t0, sscratch
    SHOW S_sscratch, t0
    # sret into U-mode at u_main.
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_main
    csrw sepc, t0
    sret

u_main:
    PRINT
    .asciz "U: running\n"
    ENDPRINT
    li a7, 10
    ecall                       # U -> S (delegated)
    SHOWD U_ecall_result, a0
    csrr t0, sstatus            # illegal in U, delegated to S
    PRINT
    .asciz "U: after illegal\n"
    ENDPRINT
    sret                        # also illegal in U
    PRINT
    .asciz "U: after sret\n"
    ENDPRINT
    li a7, 11
    ecall                       # asks S to finish
    PRINT
    .asciz "U: not reached\n"
    ENDPRINT
    FAIL 3

# ---------------------------------------------------------------- S-mode handler
.align 2
s_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, scause
    SHOW S_trap_scause, t0
    csrr t0, stval
    SHOW S_trap_stval, t0
    csrr t0, sstatus
    li t1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
    and t0, t0, t1
    SHOW S_trap_sstatus, t0
    csrr t0, scause
    li t1, CAUSE_ECALL_U
    bne t0, t1, s_skip
    li t1, 11
    beq a7, t1, s_finish
    li a0, 42                   # the "system call" result
s_skip:
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    sret
s_finish:
    PRINT
    .asciz "S: finishing\n"
    ENDPRINT
    li a7, 2
    ecall                       # S -> M: power off

# ---------------------------------------------------------------- M-mode handler
.align 2
m_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    SHOW M_trap_mcause, t0
    csrr t0, mstatus
    li t1, MSTATUS_MPP
    and t0, t0, t1
    SHOW M_trap_mpp, t0
    li t1, 2
    beq a7, t1, m_finish
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret
m_finish:
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
