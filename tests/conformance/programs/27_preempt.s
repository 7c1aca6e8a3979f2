# A tiny preemptive kernel: two user tasks, each in its own Sv32 address space (the
# same virtual page backed by different frames), switched round-robin on supervisor
# timer interrupts that M-mode firmware forwards (STIP). Only what does not depend on
# where the preemptions fall is printed: the results, the private pages, and whether
# any preemption happened at all.
.text
.equ NTASKS, 2
.equ PCB, 0x80380000            # per task: pc, x1..x31 (128 bytes), then satp
.equ PCB_SIZE, 0x100
.equ PCB_SATP, 0x80
.equ KSTACK, 0x80370000
.equ VA_DATA, 0x40000000        # private page of each task
.equ VA_CODE, 0x40001000        # the shared task code
.equ TICK, 50
.equ STIP, 0x20
.equ MTIE, 0x80
.equ STIE, 0x20

_start:
    INIT
    PRINT
    .asciz "27 preemptive round robin\n"
    ENDPRINT
    li t0, CLINT_MTIMECMP       # no timer until S asks
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    la t0, m_handler
    csrw mtvec, t0
    li t0, 1 << 8               # ecall from U to S
    csrw medeleg, t0
    li t0, STIP
    csrw mideleg, t0
    li t0, MTIE
    csrw mie, t0
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, kernel
    csrw mepc, t0
    mret

# ---------------------------------------------------------------- firmware
.align 2
m_handler:
    csrrw sp, mscratch, sp      # firmware stack (mscratch = 0 the first time: set below)
    bnez sp, m_have_stack
    li sp, 0x80360000
m_have_stack:
    addi sp, sp, -12
    sw t0, 0(sp)
    sw t1, 4(sp)
    sw t2, 8(sp)
    csrr t0, mcause
    bgez t0, m_ecall
    li t0, STIP                 # machine timer: hand it to S, mask it until re-armed
    csrs mip, t0
    li t0, MTIE
    csrc mie, t0
    j m_ret
m_ecall:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    li t0, 1
    bne a7, t0, m_shutdown
    li t0, STIP                 # SBI set_timer: clear STIP, arm mtimecmp
    csrc mip, t0
    li t0, CLINT_MTIME
    lw t1, 0(t0)
    addi t1, t1, TICK
    li t0, CLINT_MTIMECMP
    sw t1, 0(t0)
    sw zero, 4(t0)
    li t0, MTIE
    csrs mie, t0
m_ret:
    lw t2, 8(sp)
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 12
    csrrw sp, mscratch, sp
    mret
m_shutdown:
    PASS

# ---------------------------------------------------------------- kernel
kernel:
    li sp, KSTACK
    jal ra, build_spaces
    la t0, s_trap
    csrw stvec, t0
    li t0, STIE
    csrs sie, t0
    # Task i starts at VA_CODE with a0 = its loop count.
    li t0, PCB
    li t1, VA_CODE
    sw t1, 0(t0)
    li t1, 5000
    sw t1, 40(t0)               # a0 = x10
    li t0, PCB + PCB_SIZE
    li t1, VA_CODE
    sw t1, 0(t0)
    li t1, 8000
    sw t1, 40(t0)
    li a7, 1
    ecall                       # first timer
    li t6, PCB
    j switch_to

# Trap entry: sscratch holds the current PCB.
.align 2
s_trap:
    csrrw t6, sscratch, t6
    sw ra, 4(t6)
    sw sp, 8(t6)
    sw gp, 12(t6)
    sw tp, 16(t6)
    sw t0, 20(t6)
    sw t1, 24(t6)
    sw t2, 28(t6)
    sw s0, 32(t6)
    sw s1, 36(t6)
    sw a0, 40(t6)
    sw a1, 44(t6)
    sw a2, 48(t6)
    sw a3, 52(t6)
    sw a4, 56(t6)
    sw a5, 60(t6)
    sw a6, 64(t6)
    sw a7, 68(t6)
    sw s2, 72(t6)
    sw s3, 76(t6)
    sw s4, 80(t6)
    sw s5, 84(t6)
    sw s6, 88(t6)
    sw s7, 92(t6)
    sw s8, 96(t6)
    sw s9, 100(t6)
    sw s10, 104(t6)
    sw s11, 108(t6)
    sw t3, 112(t6)
    sw t4, 116(t6)
    sw t5, 120(t6)
    csrr t5, sscratch
    sw t5, 124(t6)
    csrr t5, sepc
    sw t5, 0(t6)
    li sp, KSTACK
    csrr t0, scause
    bltz t0, s_tick
    addi t5, t5, 4              # an ecall from U: exit(a0 = result)
    sw t5, 0(t6)
    li t0, -1
    sw t0, 0(t6)                # pc = -1 marks the task as finished
    li t0, PCB
    sub t0, t6, t0
    srli t0, t0, 8              # task index
    slli t0, t0, 2
    la t1, results
    add t1, t1, t0
    sw a0, 0(t1)
    j schedule
s_tick:
    la t0, preemptions
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    li a7, 1
    ecall                       # re-arm the timer (clears STIP)
schedule:                       # next runnable task after t6, round robin
    li t2, NTASKS
schedule_next:
    addi t6, t6, PCB_SIZE
    li t0, PCB + NTASKS * PCB_SIZE
    bltu t6, t0, schedule_check
    li t6, PCB
schedule_check:
    lw t0, 0(t6)
    li t1, -1
    bne t0, t1, switch_to
    addi t2, t2, -1
    bnez t2, schedule_next
    j all_done

switch_to:                      # t6 = PCB of the task to run
    lw t0, PCB_SATP(t6)
    csrw satp, t0
    sfence.vma
    lw t5, 0(t6)
    csrw sepc, t5
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    csrw sscratch, t6
    lw ra, 4(t6)
    lw sp, 8(t6)
    lw gp, 12(t6)
    lw tp, 16(t6)
    lw t0, 20(t6)
    lw t1, 24(t6)
    lw t2, 28(t6)
    lw s0, 32(t6)
    lw s1, 36(t6)
    lw a0, 40(t6)
    lw a1, 44(t6)
    lw a2, 48(t6)
    lw a3, 52(t6)
    lw a4, 56(t6)
    lw a5, 60(t6)
    lw a6, 64(t6)
    lw a7, 68(t6)
    lw s2, 72(t6)
    lw s3, 76(t6)
    lw s4, 80(t6)
    lw s5, 84(t6)
    lw s6, 88(t6)
    lw s7, 92(t6)
    lw s8, 96(t6)
    lw s9, 100(t6)
    lw s10, 104(t6)
    lw s11, 108(t6)
    lw t3, 112(t6)
    lw t4, 116(t6)
    lw t5, 120(t6)
    lw t6, 124(t6)
    sret

all_done:
    csrw satp, zero
    sfence.vma
    la s0, results
    lw t0, 0(s0)
    SHOWD task0_result, t0
    lw t0, 4(s0)
    SHOWD task1_result, t0
    li t0, 0x80300000
    lw t0, 0(t0)
    SHOWD task0_private_counter, t0
    li t0, 0x80301000
    lw t0, 0(t0)
    SHOWD task1_private_counter, t0
    la t0, preemptions
    lw t0, 0(t0)
    sltu t0, zero, t0
    SHOWD preempted, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    li a7, 2
    ecall

# Two roots: identity megapages for S, and VA_DATA -> 0x80300000 + i * 4 KiB,
# VA_CODE -> task_code, both user pages.
build_spaces:
    li t0, PT_AREA
    li t1, 0x4000
    add t1, t0, t1
bs_clear:
    sw zero, 0(t0)
    addi t0, t0, 4
    bne t0, t1, bs_clear
    li a0, PT_AREA              # root of task 0; its L0 at +0x1000
    li a1, 0x80300000           # its data frame
    li a2, PCB
    jal a3, build_one
    li a0, PT_AREA + 0x2000
    li a1, 0x80301000
    li a2, PCB + PCB_SIZE
    jal a3, build_one
    ret

build_one:                      # a0 = root, a1 = data frame, a2 = PCB; link in a3
    li t0, ((0x00000000 >> 12) << 10) | 0xc7
    sw t0, 0(a0)
    li t0, ((0x10000000 >> 12) << 10) | 0xc7
    sw t0, 4 * (0x10000000 >> 22)(a0)
    li t0, ((0x80000000 >> 12) << 10) | 0xcf
    li t1, 4 * (0x80000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t1, 0x1000
    add t2, a0, t1              # the L0 table
    srli t0, t2, 12
    slli t0, t0, 10
    ori t0, t0, 1
    li t1, 4 * (VA_DATA >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    srli t0, a1, 12
    slli t0, t0, 10
    ori t0, t0, 0xd7            # V R W U A D
    sw t0, 0(t2)
    sw zero, 0(a1)
    la t0, task_code
    srli t0, t0, 12
    slli t0, t0, 10
    ori t0, t0, 0xdb            # V R X U A D
    sw t0, 4(t2)
    srli t0, a0, 12
    li t1, 0x80000000
    or t0, t0, t1
    sw t0, PCB_SATP(a2)
    jr a3

.align 12, 0
# User task: sum 1..a0, counting iterations in its private page; exit(sum).
task_code:
    li s0, VA_DATA
    mv s1, a0
    li a0, 0
    li t0, 1
task_loop:
    add a0, a0, t0
    sw t0, 0(s0)
    addi t0, t0, 1
    ble t0, s1, task_loop
    ecall

.data
.align 2
results:
    .word 0, 0
preemptions:
    .word 0
