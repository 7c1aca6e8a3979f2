# Machine timer through the CLINT: mip.MTIP follows mtime >= mtimecmp, MTIE/MIE gate
# the interrupt in M, it is always enabled in U, and M forwards it to S as STIP (what
# an SBI firmware does). Only arrivals and causes are printed, never times.
.text
.equ MTIP, 0x80
.equ MTIE, 0x80
.equ STIP, 0x20

# Program mtimecmp = mtime + ticks, writing the high word first so no spurious
# interrupt can fire in between (the classic RV32 sequence).
.macro TIMER_IN ticks
    li a0, \ticks
    jal ra, timer_in
.endm

_start:
    INIT
    PRINT
    .asciz "09 machine timer\n"
    ENDPRINT
    la t0, m_handler
    csrw mtvec, t0

    li t0, CLINT_MTIME
    lw s0, 0(t0)
    li t1, 200
mtime_spin:
    addi t1, t1, -1
    bnez t1, mtime_spin
    lw s1, 0(t0)
    sltu t1, s0, s1
    SHOW mtime_increases, t1

    li t0, CLINT_MTIMECMP
    sw zero, 4(t0)
    sw zero, 0(t0)              # mtimecmp = 0 <= mtime: pending at once
    jal ra, settle
    csrr t1, mip
    andi t1, t1, MTIP
    SHOW mip_mtip_when_due, t1
    jal ra, timer_off
    jal ra, settle
    csrr t1, mip
    andi t1, t1, MTIP
    SHOW mip_mtip_when_far, t1

    PRINT

    .asciz "M: three timer interrupts\n"

    ENDPRINT
    li t0, MTIE
    csrw mie, t0
    li t0, MSTATUS_MIE
    csrs mstatus, t0
    li s2, 3
m_wait_loop:
    TIMER_IN 500
    jal ra, wait_for_tick
    addi s2, s2, -1
    bnez s2, m_wait_loop
    li t0, MSTATUS_MIE
    csrc mstatus, t0

    PRINT

    .asciz "M: due but MIE = 0\n"

    ENDPRINT
    TIMER_IN 1
    li t2, 20000000
poll_mtip:
    csrr t1, mip
    andi t1, t1, MTIP
    bnez t1, poll_done
    addi t2, t2, -1
    bnez t2, poll_mtip
poll_done:
    la t0, ticks
    lw t1, 0(t0)
    SHOWD ticks_before, t1
    csrr t1, mip
    andi t1, t1, MTIP
    SHOW mip_mtip_masked, t1
    li t0, MSTATUS_MIE
    csrs mstatus, t0            # taken now
    csrc mstatus, t0
    la t0, ticks
    lw t1, 0(t0)
    SHOWD ticks_after_enable, t1

    PRINT

    .asciz "U: timer with MIE = 0\n"

    ENDPRINT
    li t0, MSTATUS_MPP
    csrc mstatus, t0            # MPP = U, MPIE stays 0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    la t0, u_main
    csrw mepc, t0
    mret

u_main:
    li a7, 1
    ecall                       # ask M to arm the timer
    jal ra, wait_for_tick
    PRINT
    .asciz "U: STIP forwarded to S\n"
    ENDPRINT
    li a7, 2
    ecall
    jal ra, wait_for_tick
    li a7, 3
    ecall
    FAIL 5

# ---------------------------------------------------------------- helpers

# Spin until the handler bumps `ticks` (bounded, so a lost interrupt fails the run).
wait_for_tick:
    la t0, ticks
    lw t1, 0(t0)
    li t2, 20000000
wait_loop:
    lw t3, 0(t0)
    bne t3, t1, wait_done
    addi t2, t2, -1
    bnez t2, wait_loop
    PRINT
    .asciz "timeout waiting for the timer\n"
    ENDPRINT
    FAIL 6
wait_done:
    ret

# A few instructions so a level change of MTIP is visible in mip.
settle:
    li t0, 100
settle_loop:
    addi t0, t0, -1
    bnez t0, settle_loop
    ret

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
    sltu t1, a0, t1             # carry into the high word
    add t2, t2, t1
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw a0, 0(t0)
    sw t2, 4(t0)
    ret

# ---------------------------------------------------------------- trap handlers
.align 2
m_handler:
    addi sp, sp, -16
    sw ra, 0(sp)
    sw t0, 4(sp)
    sw t1, 8(sp)
    sw a0, 12(sp)
    csrr t0, mcause
    bgez t0, m_ecall
    SHOW M_interrupt_mcause, t0
    csrr t0, mstatus
    li t1, MSTATUS_MPP
    and t0, t0, t1
    SHOW M_interrupt_mpp, t0
    jal ra, timer_off
    la t0, forward_to_s
    lw t0, 0(t0)
    beqz t0, m_count
    li t0, STIP                 # hand the tick to S; S acknowledges with an ecall
    csrs mip, t0
    j m_return
m_count:
    la t0, ticks
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    j m_return
m_ecall:
    csrr t1, mepc
    addi t1, t1, 4
    csrw mepc, t1
    li t0, 9                    # ecall from S: acknowledge STIP
    csrr t1, mcause
    beq t1, t0, m_ack_stip
    li t0, 1
    beq a7, t0, m_arm
    li t0, 2
    beq a7, t0, m_arm_forward
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
m_arm:
    li a0, 500
    jal ra, timer_in
    li t0, MTIE
    csrw mie, t0
    j m_return
m_arm_forward:
    la t0, s_handler
    csrw stvec, t0
    li t0, STIP
    csrw mideleg, t0
    csrw medeleg, zero
    li t0, MTIE | STIP
    csrw mie, t0
    la t0, forward_to_s
    li t1, 1
    sw t1, 0(t0)
    li a0, 500
    jal ra, timer_in
    j m_return
m_ack_stip:
    li t0, STIP
    csrc mip, t0
m_return:
    lw a0, 12(sp)
    lw t1, 8(sp)
    lw t0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 16
    mret

.align 2
s_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, scause
    SHOW S_interrupt_scause, t0
    la t0, ticks
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    ecall                       # firmware call: clear STIP
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    sret

.data
.align 2
ticks:
    .word 0
forward_to_s:
    .word 0
