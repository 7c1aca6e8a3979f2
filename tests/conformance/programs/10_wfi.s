# wfi: woken by a pending timer even with mstatus.MIE = 0 (no trap taken), or by a
# taken interrupt (mepc = the instruction after wfi); wfi in S with TW = 0 and 1,
# and in U.
.text
.equ MTIP, 0x80
.equ MTIE, 0x80
.equ MSTATUS_TW, 0x200000

.macro TIMER_IN ticks
    li a0, \ticks
    jal ra, timer_in
.endm

_start:
    INIT
    PRINT
    .asciz "10 wfi\n"
    ENDPRINT
    la t0, m_handler
    csrw mtvec, t0
    li t0, MTIE
    csrw mie, t0

    PRINT

    .asciz "M: wfi with MIE = 0\n"

    ENDPRINT
    TIMER_IN 300
    wfi
    csrr t0, mip
    andi t0, t0, MTIP
    SHOW woke_mip_mtip, t0
    la t0, ticks
    lw t0, 0(t0)
    SHOWD ticks, t0
    jal ra, timer_off

    PRINT

    .asciz "M: wfi with MIE = 1\n"

    ENDPRINT
    li t0, MSTATUS_MIE
    csrs mstatus, t0
    li s1, 3
m_wfi_loop:
    la s0, m_wfi
    TIMER_IN 300
m_wfi:
    wfi
    addi s1, s1, -1
    bnez s1, m_wfi_loop
    li t0, MSTATUS_MIE
    csrc mstatus, t0
    la t0, ticks
    lw t0, 0(t0)
    SHOWD ticks, t0

    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    PRINT
    .asciz "S: wfi, woken by an M interrupt\n"
    ENDPRINT
    li a7, 1
    ecall                       # arm the timer
    la s0, s_wfi
s_wfi:
    wfi
    la t0, ticks
    lw t0, 0(t0)
    SHOWD ticks, t0
    li a7, 2
    ecall                       # set mstatus.TW
    PRINT
    .asciz "S: wfi with TW = 1\n"
    ENDPRINT
    la s0, s_wfi_tw
s_wfi_tw:
    wfi
    PRINT
    .asciz "S: after wfi\n"
    ENDPRINT
    li a7, 3
    ecall                       # clear TW, then drop to U
u_main:
    PRINT
    .asciz "U: wfi\n"
    ENDPRINT
    la s0, u_wfi
u_wfi:
    wfi
    PRINT
    .asciz "U: after wfi\n"
    ENDPRINT
    li a7, 4
    ecall
    FAIL 7

timer_off:
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    ret

timer_in:
    li t0, CLINT_MTIME
    lw t1, 0(t0)
    lw t2, 4(t0)
    add a0, t1, a0
    sltu t1, a0, t1
    add t2, t2, t1
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw a0, 0(t0)
    sw t2, 4(t0)
    ret

# s0 holds the address of the wfi under test, so mepc can be checked against it.
.align 2
m_handler:
    addi sp, sp, -12
    sw ra, 0(sp)
    sw t0, 4(sp)
    sw t1, 8(sp)
    csrr t0, mcause
    bgez t0, m_exception
    SHOW M_interrupt_mcause, t0
    csrr t0, mepc
    sub t0, t0, s0
    SHOWD mepc_minus_wfi, t0
    jal ra, timer_off
    la t0, ticks
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    j m_return
m_exception:
    SHOW M_exception_mcause, t0
    csrr t1, mepc
    addi t1, t1, 4
    csrw mepc, t1
    li t1, 2
    beq t0, t1, m_illegal
    li t0, 1
    beq a7, t0, m_arm
    li t0, 2
    beq a7, t0, m_set_tw
    li t0, 3
    beq a7, t0, m_to_user
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
m_illegal:
    csrr t0, mtval
    SHOW M_exception_mtval, t0
    csrr t0, mepc
    addi t0, t0, -4
    sub t0, t0, s0
    SHOWD mepc_minus_wfi, t0
    j m_return
m_arm:
    li a0, 300
    jal ra, timer_in
    j m_return
m_set_tw:
    li t0, MSTATUS_TW
    csrs mstatus, t0
    j m_return
m_to_user:
    li t0, MSTATUS_TW
    csrc mstatus, t0
    li t0, MSTATUS_MPP
    csrc mstatus, t0
m_return:
    lw t1, 8(sp)
    lw t0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 12
    mret

.data
.align 2
ticks:
    .word 0
