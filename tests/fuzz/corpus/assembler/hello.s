# hello.s - a whole computer in one page.
#
# This program runs on a bare RISC-V machine (the QEMU `virt` board layout). It starts
# in Machine mode (M) like firmware, drops to Supervisor mode (S) like a kernel, then to
# User mode (U) like an application. The user program asks the kernel for services with
# `ecall`; the kernel asks the firmware for the timer. Step through it with F10 / F11
# and watch the privilege level, mstatus and the trap CSRs change.

.equ UART, 0x10000000           # serial port: write a byte to print it
.equ FINISHER, 0x00100000       # write 0x5555 here to power the machine off
.equ MTIME, 0x0200bff8          # CLINT: current time (counts up by itself)
.equ MTIMECMP, 0x02004000       # CLINT: timer interrupt when mtime >= mtimecmp
.equ TICK, 1000                 # timer period, in mtime units
.equ SYS_WRITE, 64              # system call numbers (as on Linux)
.equ SYS_SLEEP, 101
.equ SYS_EXIT, 93
.equ SBI_SET_TIMER, 0           # firmware call numbers (as in the RISC-V SBI)
.equ SBI_SHUTDOWN, 8

.text
.globl _start
# ---------------------------------------------------------------- M-mode firmware
_start:
    li sp, 0x80400000           # one stack for everybody (no memory protection here)
    la a0, msg_boot
    call puts                   # M-mode may touch the hardware directly
    la t0, m_trap
    csrw mtvec, t0              # where M-mode traps go
    li t0, 1 << 8
    csrw medeleg, t0            # ecall from U is handled by S, not by M
    call timer_stop             # no timer interrupt until someone asks for one
    li t0, 1 << 7
    csrw mie, t0                # allow the machine timer interrupt (MTIE)
    li t0, 1 << 11
    csrw mstatus, t0            # MPP = S: "return" to Supervisor mode...
    la t0, kernel
    csrw mepc, t0               # ...at the kernel's first instruction
    mret
# ---------------------------------------------------------------- S-mode kernel
kernel:
    la a0, msg_kernel
    call puts
    la t0, s_trap
    csrw stvec, t0              # where S-mode traps go
    la t0, user
    csrw sepc, t0
    sret                        # sstatus.SPP is 0 (U): enter the user program

# The kernel's trap handler: system calls from the user program. (A real kernel saves
# all user registers here; this user program keeps nothing in t0, t1, s0, ra.)
s_trap:
    li t0, SYS_WRITE
    beq a7, t0, sys_write
    li t0, SYS_SLEEP
    beq a7, t0, sys_sleep
    li a7, SBI_SHUTDOWN         # SYS_EXIT (or anything else): power off
    ecall
sys_write:
    call puts                   # a0 = the user's string
    j s_return
sys_sleep:
    mv s0, a0                   # ticks to wait for
sleep_wait:
    li a7, SBI_SET_TIMER
    ecall                       # ask the firmware for one timer interrupt
    wfi                         # idle until it arrives (M handles it, then we go on)
    la t0, ticks
    lw t0, 0(t0)
    blt t0, s0, sleep_wait
s_return:
    csrr t0, sepc
    addi t0, t0, 4              # skip the ecall instruction
    csrw sepc, t0
    sret
# ---------------------------------------------------------------- U-mode program
user:
    li a7, SYS_WRITE
    la a0, msg_user
    ecall                       # write(msg_user)
    li a7, SYS_SLEEP
    li a0, 2
    ecall                       # sleep(2 ticks)
    li a7, SYS_WRITE
    la a0, msg_awake
    ecall
    li a7, SYS_EXIT
    ecall
# ---------------------------------------------------------------- M-mode trap handler
m_trap:
    addi sp, sp, -16            # save what we use: the trap may interrupt anyone
    sw ra, 0(sp)
    sw t0, 4(sp)
    sw t1, 8(sp)
    sw a0, 12(sp)
    csrr t0, mcause
    bltz t0, m_timer            # top bit set: an interrupt
    li t0, SBI_SHUTDOWN         # otherwise an ecall from the kernel
    beq a7, t0, m_shutdown
    call timer_arm              # SBI_SET_TIMER
    csrr t0, mepc
    addi t0, t0, 4              # return after the ecall
    csrw mepc, t0
    j m_return
m_timer:
    la a0, msg_tick
    call puts
    la t0, ticks
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)                # one more tick
    call timer_stop             # the interrupt stays pending until mtimecmp moves
m_return:
    lw a0, 12(sp)
    lw t1, 8(sp)
    lw t0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 16
    mret
m_shutdown:
    la a0, msg_bye
    call puts
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)                # power off
# ---------------------------------------------------------------- M-mode helpers
timer_arm:                      # mtimecmp = mtime + TICK
    li t0, MTIME
    lw t1, 0(t0)
    addi t1, t1, TICK
    li t0, MTIMECMP
    sw t1, 0(t0)
    sw zero, 4(t0)              # (assumes mtime < 2^32: fine for a short demo)
    ret

timer_stop:                     # mtimecmp = far future
    li t0, MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    ret

puts:                           # print the NUL-terminated string at a0
    li t0, UART
puts_loop:
    lbu t1, 0(a0)
    beqz t1, puts_done
    sb t1, 0(t0)
    addi a0, a0, 1
    j puts_loop
puts_done:
    ret

.data
ticks:      .word 0
msg_boot:   .asciz "M: hello from the firmware\n"
msg_kernel: .asciz "S: kernel started, entering user mode\n"
msg_user:   .asciz "U: Hello, world! (printed by the kernel's write system call)\n"
msg_tick:   .asciz "M: timer tick\n"
msg_awake:  .asciz "U: woke up after two timer ticks\n"
msg_bye:    .asciz "M: powering off\n"
