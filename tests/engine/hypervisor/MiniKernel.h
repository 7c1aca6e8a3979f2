// A mini guest kernel written for these tests, following the guest/VMM contract
// (engine/hypervisor/README.md): an M-mode firmware stub at _start (for native),
// the S-mode kernel at kernel_entry. It uses CSRs, Sv32 tables, a timer, syscalls,
// demand paging, a critical section with interrupts disabled and the S-mode
// self-check, so every mechanism of trap-and-emulate is exercised.
// Tunables (.equ before the source): ROUNDS, LOOP (compute per round), CS_COUNT.
#pragma once

namespace hvtest {

inline constexpr const char* kMiniKernel = R"(
    .equ UART, 0x10000000
    .equ FINISHER, 0x00100000
    .equ MTIMECMP, 0x02004000
    .equ SBI_TIME, 0x54494D45
    .equ SBI_SRST, 0x53525354
    .equ INTERVAL, 300
    .equ USER_VA, 0x00400000
    .equ SIE, 2

# ---------------------------------------------------------------- firmware (M)
    .globl _start
_start:
    la t0, fw_trap
    csrw mtvec, t0
    li t0, 0xb1ff            # misaligned, faults, illegal, breakpoint, ecall from U
    csrw medeleg, t0
    li t0, 0x222             # SSIP, STIP, SEIP
    csrw mideleg, t0
    li t0, 7
    csrw mcounteren, t0
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x0800            # MPP = S
    csrs mstatus, t0
    la t0, kernel_entry
    csrw mepc, t0
    li a0, 0
    mret
fw_trap:
    csrw mscratch, t0
    csrr t0, mcause
    bltz t0, fw_timer
    li t0, SBI_TIME
    beq a7, t0, fw_set_timer
    li t0, FINISHER          # SRST
    li a0, 0x5555
    beqz a1, 1f
    li a0, 0x13333
1:  sw a0, 0(t0)
2:  j 2b
fw_set_timer:
    li t0, MTIMECMP
    li a6, -1
    sw a6, 4(t0)
    sw a0, 0(t0)
    sw a1, 4(t0)
    li t0, 0x20
    csrc mip, t0             # clear STIP
    li t0, 0x80
    csrs mie, t0             # MTIE
    li a0, 0
    li a6, 0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    csrr t0, mscratch
    mret
fw_timer:
    li t0, 0x20
    csrs mip, t0             # STIP for the kernel
    li t0, 0x80
    csrc mie, t0
    csrr t0, mscratch
    mret

# ---------------------------------------------------------------- kernel (S)
    .globl kernel_entry
kernel_entry:
    la sp, kstack_top
    la t0, ktrap
    csrw stvec, t0
    csrw sscratch, zero
    # Self-check: a write disabling SIE reads back disabled, enabling reads enabled.
    csrci sstatus, SIE
    csrr t0, sstatus
    andi t0, t0, SIE
    bnez t0, selfcheck_fail
    csrsi sstatus, SIE
    csrr t0, sstatus
    csrci sstatus, SIE
    andi t0, t0, SIE
    bnez t0, selfcheck_ok
selfcheck_fail:
    la a0, msg_selfcheck
    call puts
selfcheck_ok:
    # Page tables: kernel superpage, UART page, user code/data pages.
    la t0, root
    li t1, 0x80000000
    srli t1, t1, 2
    ori t1, t1, 0xcf         # V R W X A D
    li t2, 0x800
    add t2, t0, t2
    sw t1, 0(t2)             # root[0x200]: 0x80000000, 4 MiB
    la t1, uart_l0
    srli t1, t1, 2
    ori t1, t1, 1
    sw t1, 0x100(t0)         # root[0x40] -> uart_l0
    la t1, user_l0
    srli t1, t1, 2
    ori t1, t1, 1
    sw t1, 4(t0)             # root[1] -> user_l0
    li t1, UART
    srli t1, t1, 2
    ori t1, t1, 0xc7         # V R W A D
    la t2, uart_l0
    sw t1, 0(t2)
    la t1, user_code
    srli t1, t1, 2
    ori t1, t1, 0x1b         # V R X U
    la t2, user_l0
    sw t1, 0(t2)
    la t1, user_data
    srli t1, t1, 2
    ori t1, t1, 0x17         # V R W U
    sw t1, 4(t2)
    la t0, root
    srli t0, t0, 12
    li t1, 0x80000000
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    la a0, msg_boot
    call puts
    li t0, 0x20
    csrw sie, t0             # STIE
    call arm_timer
    li t0, USER_VA
    csrw sepc, t0
    li t0, 0x100
    csrc sstatus, t0         # SPP = U
    li t0, 0x20
    csrs sstatus, t0         # SPIE: interrupts on in user mode
    la t0, kstack_top
    csrw sscratch, t0
    sret

arm_timer:
    csrr a0, time
    addi a0, a0, INTERVAL
    li a1, 0
    li a7, SBI_TIME
    li a6, 0
    ecall
    ret

puts:                        # a0 = string (kernel address)
    li t1, UART
1:  lbu t2, 0(a0)
    beqz t2, 2f
    sb t2, 0(t1)
    addi a0, a0, 1
    j 1b
2:  ret

puthex:                      # a0 = value
    li t1, UART
    li t3, 28
1:  srl t2, a0, t3
    andi t2, t2, 15
    addi t2, t2, 48
    li t4, 58
    blt t2, t4, 2f
    addi t2, t2, 39
2:  sb t2, 0(t1)
    addi t3, t3, -4
    bgez t3, 1b
    li t2, 10
    sb t2, 0(t1)
    ret

ktrap:
    csrrw sp, sscratch, sp
    bnez sp, 1f
    csrrw sp, sscratch, sp   # from S: keep the kernel stack
    addi sp, sp, -96
    sw t0, 0(sp)
    addi t0, sp, 96
    sw t0, 4(sp)
    sw zero, 60(sp)          # came from S
    j 2f
1:  addi sp, sp, -96
    sw t0, 0(sp)
    csrr t0, sscratch
    sw t0, 4(sp)
    li t0, 1
    sw t0, 60(sp)            # came from U
    csrw sscratch, zero
2:  sw ra, 8(sp)
    sw t1, 12(sp)
    sw t2, 16(sp)
    sw t3, 20(sp)
    sw t4, 24(sp)
    sw t5, 28(sp)
    sw t6, 32(sp)
    sw a0, 36(sp)
    sw a1, 40(sp)
    sw a6, 44(sp)
    sw a7, 48(sp)
    sw s0, 52(sp)
    csrr t0, sepc
    sw t0, 56(sp)
    csrr t0, scause
    bltz t0, on_timer
    li t1, 8
    beq t0, t1, on_syscall
    li t1, 13
    beq t0, t1, on_page_fault
    li t1, 15
    beq t0, t1, on_page_fault
panic:
    la a0, msg_panic
    call puts
    csrr a0, scause
    call puthex
    li a0, 0
    li a1, 1
    li a7, SBI_SRST
    li a6, 0
    ecall

on_timer:
    la t0, ticks
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    la t0, counter           # the interrupt's own read-modify-write
    lw t1, 0(t0)
    addi t1, t1, 1000
    sw t1, 0(t0)
    call arm_timer
    j trap_return

on_page_fault:
    csrr t0, stval
    li t1, USER_VA + 0x2000
    srli t0, t0, 12
    srli t1, t1, 12
    bne t0, t1, panic
    la t1, demand_page       # demand paging: map the page now
    srli t1, t1, 2
    ori t1, t1, 0x17
    la t2, user_l0
    sw t1, 8(t2)
    sfence.vma
    j trap_return

on_syscall:
    lw t0, 56(sp)
    addi t0, t0, 4
    sw t0, 56(sp)
    lw a0, 36(sp)
    li t1, 1
    beq a7, t1, sys_putc
    li t1, 2
    beq a7, t1, sys_critical
    j sys_exit
sys_putc:
    li t1, UART
    sb a0, 0(t1)
    j trap_return
sys_critical:                # a0 increments, each with interrupts disabled
    mv s0, a0
    li t0, 0x22
    csrs sstatus, t0         # SIE and SPIE: the kernel is interruptible here
1:  csrrci t3, sstatus, SIE  # DISABLE_IRQ
    la t4, counter
    lw t5, 0(t4)
    li t6, 40                # a long read-modify-write window
2:  addi t6, t6, -1
    bnez t6, 2b
    addi t5, t5, 1
    sw t5, 0(t4)
    andi t3, t3, SIE
    csrs sstatus, t3         # RESTORE_IRQ
    la t4, cs_done
    lw t5, 0(t4)
    addi t5, t5, 1
    sw t5, 0(t4)
    addi s0, s0, -1
    bnez s0, 1b
    li t0, 0x22
    csrc sstatus, t0         # not interruptible again until the return to U
    j trap_return
sys_exit:
    la t0, ticks
    lw t1, 0(t0)
    li t2, 1000
    mul t1, t1, t2
    la t0, counter
    lw t2, 0(t0)
    sub t2, t2, t1           # what the critical sections added
    la t0, cs_done
    lw t1, 0(t0)
    la t0, lost
    sub t3, t1, t2
    sw t3, 0(t0)
    bne t1, t2, 1f
    la a0, msg_cs_ok
    call puts
    j 2f
1:  la a0, msg_cs_broken
    call puts
2:  la t0, user_data
    lw a0, 0(t0)
    call puthex
    la a0, msg_done
    call puts
    li a0, 0
    li a1, 0
    li a7, SBI_SRST
    li a6, 0
    ecall
1:  j 1b

trap_return:
    lw t0, 56(sp)
    csrw sepc, t0
    # SPP and SPIE are set explicitly rather than restored from a csrr of sstatus:
    # a nested interrupt changed them, and the frame knows where we came from.
    lw t0, 60(sp)
    beqz t0, 1f
    li t0, 0x100
    csrc sstatus, t0         # SPP = U
    li t0, 0x20
    csrs sstatus, t0         # SPIE: interrupts on in user mode
    addi t0, sp, 96
    csrw sscratch, t0        # back to U: the next trap finds the kernel stack
    j 2f
1:  li t0, 0x120
    csrs sstatus, t0         # SPP = S, SPIE: an interrupt found SIE set
2:  lw ra, 8(sp)
    lw t1, 12(sp)
    lw t2, 16(sp)
    lw t3, 20(sp)
    lw t4, 24(sp)
    lw t5, 28(sp)
    lw t6, 32(sp)
    lw a0, 36(sp)
    lw a1, 40(sp)
    lw a6, 44(sp)
    lw a7, 48(sp)
    lw s0, 52(sp)
    lw t0, 0(sp)
    lw sp, 4(sp)
    sret

msg_selfcheck: .asciz "SELFCHECK FAIL: not in S-mode\n"
msg_boot: .asciz "boot\n"
msg_panic: .asciz "PANIC "
msg_cs_ok: .asciz "CRITICAL SECTION OK\n"
msg_cs_broken: .asciz "CRITICAL SECTION BROKEN\n"
msg_done: .asciz "DONE\n"

# ---------------------------------------------------------------- user (U)
    .align 12
user_code:                   # runs at USER_VA
    li s1, ROUNDS
    li s0, 0
round:
    li t0, LOOP
1:  add s0, s0, t0
    slli t1, s0, 3
    xor s0, s0, t1
    addi t0, t0, -1
    bnez t0, 1b
    li a0, 46                # '.'
    li a7, 1
    ecall
    li a0, CS_COUNT
    li a7, 2
    ecall
    addi s1, s1, -1
    bnez s1, round
    li a0, 10
    li a7, 1
    ecall
    li t0, USER_VA + 0x2000  # demand-paged
    sw s0, 0(t0)
    lw t1, 0(t0)
    li t2, USER_VA + 0x1000
    sw t1, 0(t2)
    li a7, 3
    ecall
2:  j 2b

    .align 12
user_data: .space 4096
demand_page: .space 4096
root: .space 4096
uart_l0: .space 4096
user_l0: .space 4096
kstack: .space 4096
kstack_top:
ticks: .word 0
counter: .word 0
cs_done: .word 0
lost: .word 0
)";

// The smallest firmware a test kernel needs: enter kernel_entry in S-mode (satp bare),
// and power off on any M-mode trap, which is how such kernels call system_reset.
// Prepend it to a source that defines kernel_entry.
inline constexpr const char* kResetOnlyFirmware = R"(
    .globl _start
_start:
    la t0, firmware
    csrw mtvec, t0
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x0800            # MPP = S
    csrs mstatus, t0
    la t0, kernel_entry
    csrw mepc, t0
    mret
firmware:                    # the only firmware call here is system_reset
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b
)";

} // namespace hvtest
