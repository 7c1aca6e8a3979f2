# kernel.s - Vizor's guest kernel: a tiny Unix-like kernel for RV32 with Sv32 paging.
#
# One image, two entry points: `_start` is a tiny M-mode firmware (an SBI, as OpenSBI
# is for Linux) that enters the S-mode kernel at `kernel_entry`. A hypervisor skips the
# firmware, plays its role itself and starts the kernel at `kernel_entry`.
#
# The kernel: a trap vector, one Sv32 address space per process, timer interrupts
# through the SBI, a round-robin scheduler over NPROC processes (PCB table, one kernel
# stack each, xv6-style context switch), system calls, demand paging of the user heap
# and stack, and a critical section guarded by disabling interrupts.
#
# Every privileged or sensitive operation is a macro of privops.inc. The source is
#     privops.inc + kernel.s + proc.s + vm.s + console.s + ulib.s + workloads/NAME.s
# (the assembler has no .include). See README.md for the memory map and the ABI.

# ---------------------------------------------------------------- the board
.equ UART, 0x10000000           # ns16550a: a byte written here is printed
.equ FINISHER, 0x00100000       # sifive_test: 0x5555 = power off, 0x3333 | code << 16 = fail
.equ CLINT_MTIMECMP, 0x02004000
.equ SBI_EXT_TIME, 0x54494D45   # "TIME"
.equ SBI_EXT_SRST, 0x53525354   # "SRST"

# ---------------------------------------------------------------- physical memory map
.equ FW_STACK_TOP, 0x80101000   # firmware stack (one page)
.equ BOOT_STACK_TOP, 0x80102000 # the kernel's stack until the first process runs
.equ KSTACK_BASE, 0x80110000    # one 4 KiB kernel stack per process
.equ KSTACK_SIZE, 0x1000
.equ VIRTQ_PA, 0x80130000       # PARAVIRT: the console's transmit virtqueue (2 pages)
.equ FRAME_POOL, 0x80200000     # page frames handed out by frame_alloc ...
.equ FRAME_POOL_END, 0x80800000 # ... up to here (the kernel maps 0x80000000-0x807fffff)

# ---------------------------------------------------------------- user virtual memory
.equ USER_TEXT, 0x00010000      # the program (a private copy of the user image)
.equ USER_IMAGE_PAGES, 4        # ulib.s + the workload must fit in 16 KiB
.equ HEAP_START, 0x00400000     # demand-paged: mapped on first touch
.equ HEAP_END, 0x00800000
.equ MMAP_START, 0x00800000     # pages mapped and unmapped with mmap / munmap
.equ MMAP_END, 0x00C00000
.equ STACK_BOTTOM, 0x00F00000   # demand-paged stack, growing down from STACK_TOP
.equ STACK_TOP, 0x01000000

# ---------------------------------------------------------------- Sv32
.equ PTE_V, 1 << 0
.equ PTE_R, 1 << 1
.equ PTE_W, 1 << 2
.equ PTE_X, 1 << 3
.equ PTE_U, 1 << 4
.equ PTE_A, 1 << 6              # accessed and dirty are set up front, so that no
.equ PTE_D, 1 << 7              # hardware (or hypervisor) ever has to set them
.equ PTE_KERNEL, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
.equ PTE_MMIO, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
.equ PTE_USER_RW, PTE_R | PTE_W | PTE_U
.equ PTE_USER_RWX, PTE_R | PTE_W | PTE_X | PTE_U
.equ SATP_SV32, 1 << 31

# ---------------------------------------------------------------- system calls (a7)
.equ SYS_WRITE, 64              # write(fd, buf, len) -> len     (Linux numbers)
.equ SYS_EXIT, 93               # exit(code)
.equ SYS_SCHED_YIELD, 124       # sched_yield() -> 0
.equ SYS_GETPID, 172            # getpid() -> pid
.equ SYS_MUNMAP, 215            # munmap(addr) -> 0 | -EINVAL
.equ SYS_MMAP, 222              # mmap(addr) -> addr | -EINVAL: one fresh zeroed page
.equ SYS_VIZOR_COUNT, 500       # count(n): n increments of the shared counter (kernel)
.equ SYS_VIZOR_BLK_WRITE, 501   # blk_write(sector, buf): one 512-byte block (BLOCK kernels)
.equ EFAULT, 14
.equ EINVAL, 22
.equ ENOSYS, 38

# ---------------------------------------------------------------- processes
.equ NPROC, 3
.equ SLICE, 100                 # time slice, in mtime ticks
.equ COUNT_WINDOW, 12           # delay loop inside the critical section
.equ PCB_PID, 0
.equ PCB_STATE, 4
.equ PCB_SATP, 8
.equ PCB_ROOT, 12
.equ PCB_CONTEXT, 16            # saved kernel sp while switched out (see swtch)
.equ PCB_SYSCALLS, 20
.equ PCB_FAULTS, 24             # page faults served by demand paging
.equ PCB_EXIT_CODE, 28
.equ PCB_SIZE, 32
.equ P_FREE, 0
.equ P_RUNNABLE, 1
.equ P_RUNNING, 2
.equ P_BLOCKED, 3               # waiting for its turn on the console
.equ P_EXITED, 4

# The trap frame, on the kernel stack: x1..x31 at 4 * n, then the trap CSRs.
.equ TF_SP, 8
.equ TF_A0, 40
.equ TF_A1, 44
.equ TF_A2, 48
.equ TF_A7, 68
.equ TF_SEPC, 128
.equ TF_SSTATUS, 132
.equ TF_SCAUSE, 136
.equ TF_STVAL, 140
.equ FRAME, 144
.equ CONTEXT, 64                # swtch: ra, s0..s11

.text
.globl _start
# ================================================================ M-mode firmware
# Sets up the machine and enters the kernel in S-mode. Afterwards it only runs when the
# kernel calls it (ecall: set_timer, system_reset) or when the machine timer fires.
_start:
    csrr t0, mhartid
    bnez t0, fw_park            # one hart only
    li sp, FW_STACK_TOP
    csrw mscratch, sp           # fw_trap finds its stack here
    la t0, fw_trap
    csrw mtvec, t0
    li t0, 0xB1FF               # exceptions 0-8 and page faults 12, 13, 15 go to S;
    csrw medeleg, t0            # ecall from S (9) stays here: it is an SBI call
    li t0, 0x222                # supervisor software, timer, external interrupts
    csrw mideleg, t0
    li t0, 7
    csrw mcounteren, t0         # S may read cycle, time, instret
    li t0, CLINT_MTIMECMP       # no timer until the kernel asks for one
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    li t0, 1 << 7
    csrw mie, t0                # MTIE: the machine timer, forwarded to S as STIP
    li t0, 1 << 11
    csrw mstatus, t0            # MPP = S
    la t0, kernel_entry
    csrw mepc, t0
    li a0, 0                    # hart id, as an SBI firmware passes it
    mret
fw_park:
    wfi
    j fw_park

.align 2
fw_trap:
    csrrw sp, mscratch, sp
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    bltz t0, fw_timer
    li t1, 9
    bne t0, t1, fw_unexpected
    csrr t1, mepc               # an SBI call: return after the ecall
    addi t1, t1, 4
    csrw mepc, t1
    li t1, SBI_EXT_TIME
    beq a7, t1, fw_set_timer
    li t1, SBI_EXT_SRST
    beq a7, t1, fw_system_reset
    li a0, -2                   # SBI_ERR_NOT_SUPPORTED
    j fw_return
fw_set_timer:                   # mtimecmp = a1:a0, without a moment of a too-early value
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw a0, 0(t0)
    sw a1, 4(t0)
    li t1, 1 << 5
    csrc mip, t1                # the old supervisor timer interrupt is served
    li t1, 1 << 7
    csrs mie, t1                # wait for the next one
    li a0, 0
    li a1, 0
    j fw_return
fw_system_reset:
    li t0, FINISHER
    li t1, 0x5555
    beqz a1, fw_finish
    li t1, 0x13333              # reason "failure": fail with code 1
fw_finish:
    sw t1, 0(t0)
    j fw_finish
fw_timer:                       # machine timer: raise STIP for the kernel, mask MTIE
    li t1, 1 << 5               # until the kernel sets the next deadline
    csrs mip, t1
    li t1, 1 << 7
    csrc mie, t1
fw_return:
    lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    csrrw sp, mscratch, sp
    mret
fw_unexpected:                  # a trap the kernel should never cause: report, fail
    la a0, msg_fw_trap
fw_puts:
    li t1, UART
    lbu t0, 0(a0)
    beqz t0, fw_fail
    sb t0, 0(t1)
    addi a0, a0, 1
    j fw_puts
fw_fail:
    li a1, 1
    j fw_system_reset

# ================================================================ S-mode kernel
.globl kernel_entry
kernel_entry:
    li sp, BOOT_STACK_TOP
    la t0, trap_vector
    WRITE_CSR stvec, t0
    call selfcheck              # a0 = its verdict, printed once a console exists:
    addi sp, sp, -16            # the PARAVIRT console is a virtio device that
    sw a0, 0(sp)                # console_init has to find and set up first
    call console_init
    lw a0, 0(sp)
    addi sp, sp, 16
    call kputs
    la a0, msg_boot
    call kputs
    call vm_init
    call proc_init
.ifdef BALLOON
    call balloon_init           # BALLOON kernels: the virtio balloon, if the VMM offers one
.endif
.ifdef BLOCK
    call blk_init               # BLOCK kernels: the virtio disk, if the VMM offers one
.endif
    li t0, 1 << 5
    WRITE_CSR sie, t0           # STIE: supervisor timer interrupts
    call timer_arm
    la t0, current              # the first process, from the boot stack, never back
    sw zero, 0(t0)
    la t0, pcbs
    li t1, P_RUNNING
    sw t1, PCB_STATE(t0)
    lw t1, PCB_SATP(t0)
    SET_SATP t1
    la a0, boot_context
    lw a1, PCB_CONTEXT(t0)
    call swtch

# The self-check: in S-mode, sstatus can be read and a write to its SIE bit takes
# effect. Deprivileged on a machine whose sensitive instructions do not trap, the
# write would be silently ignored, and this check is how the kernel would notice.
# Returns in a0 the message to print (the console may not be up yet).
selfcheck:
    READ_SSTATUS t0             # traps natively if we were not in S-mode
    li t1, SSTATUS_SIE
    RESTORE_IRQ t1              # enable (no interrupt source is enabled in sie yet)
    READ_SSTATUS t0
    andi t0, t0, SSTATUS_SIE
    beqz t0, selfcheck_fail
    DISABLE_IRQ t2
    beqz t2, selfcheck_fail     # DISABLE_IRQ must report "was enabled"
    READ_SSTATUS t0
    andi t0, t0, SSTATUS_SIE
    bnez t0, selfcheck_fail
    la a0, msg_selfcheck_ok
    j selfcheck_print
selfcheck_fail:
    DISABLE_IRQ t0
    la a0, msg_selfcheck_fail
selfcheck_print:
    ret

.macro SAVE_GPRS                # x1, x3..x31 (sp itself is saved by the caller)
    sw x1, 4(sp)
    sw x3, 12(sp)
    sw x4, 16(sp)
    sw x5, 20(sp)
    sw x6, 24(sp)
    sw x7, 28(sp)
    sw x8, 32(sp)
    sw x9, 36(sp)
    sw x10, 40(sp)
    sw x11, 44(sp)
    sw x12, 48(sp)
    sw x13, 52(sp)
    sw x14, 56(sp)
    sw x15, 60(sp)
    sw x16, 64(sp)
    sw x17, 68(sp)
    sw x18, 72(sp)
    sw x19, 76(sp)
    sw x20, 80(sp)
    sw x21, 84(sp)
    sw x22, 88(sp)
    sw x23, 92(sp)
    sw x24, 96(sp)
    sw x25, 100(sp)
    sw x26, 104(sp)
    sw x27, 108(sp)
    sw x28, 112(sp)
    sw x29, 116(sp)
    sw x30, 120(sp)
    sw x31, 124(sp)
.endm
.macro RESTORE_GPRS
    lw x1, 4(sp)
    lw x3, 12(sp)
    lw x4, 16(sp)
    lw x5, 20(sp)
    lw x6, 24(sp)
    lw x7, 28(sp)
    lw x8, 32(sp)
    lw x9, 36(sp)
    lw x10, 40(sp)
    lw x11, 44(sp)
    lw x12, 48(sp)
    lw x13, 52(sp)
    lw x14, 56(sp)
    lw x15, 60(sp)
    lw x16, 64(sp)
    lw x17, 68(sp)
    lw x18, 72(sp)
    lw x19, 76(sp)
    lw x20, 80(sp)
    lw x21, 84(sp)
    lw x22, 88(sp)
    lw x23, 92(sp)
    lw x24, 96(sp)
    lw x25, 100(sp)
    lw x26, 104(sp)
    lw x27, 108(sp)
    lw x28, 112(sp)
    lw x29, 116(sp)
    lw x30, 120(sp)
    lw x31, 124(sp)
.endm

# ---------------------------------------------------------------- trap vector
# sscratch is 0 while the kernel runs and holds the process's kernel stack top while
# a process runs in U-mode, so the first instruction tells where the trap came from.
.align 2
trap_vector:
    SWAP_SP_SSCRATCH
    bnez sp, trap_from_user
    SWAP_SP_SSCRATCH            # from S: back to the kernel stack we were on
    addi sp, sp, -FRAME
    SAVE_GPRS
    addi t0, sp, FRAME
    sw t0, TF_SP(sp)
    j trap_saved
trap_from_user:
    addi sp, sp, -FRAME
    SAVE_GPRS
    READ_SSCRATCH t0            # the user's sp
    sw t0, TF_SP(sp)
    WRITE_SSCRATCH zero         # now in the kernel
trap_saved:
    READ_CSR t0, sepc
    sw t0, TF_SEPC(sp)
    READ_SSTATUS t0
    sw t0, TF_SSTATUS(sp)
    READ_CSR t0, scause
    sw t0, TF_SCAUSE(sp)
    READ_CSR t0, stval
    sw t0, TF_STVAL(sp)
    mv a0, sp
    call trap_dispatch
# Return through the frame at sp. A new process starts here too (see proc_init).
trap_return:
    lw t0, TF_SEPC(sp)
    WRITE_CSR sepc, t0
    lw t0, TF_SSTATUS(sp)
    WRITE_SSTATUS t0            # SPP and SPIE as they were when the trap happened
    andi t0, t0, SSTATUS_SPP
    bnez t0, trap_restore
    addi t0, sp, FRAME          # back to U: the next trap starts at this stack's top
    WRITE_SSCRATCH t0
trap_restore:
    RESTORE_GPRS
    lw sp, TF_SP(sp)
    RETURN_FROM_TRAP

# trap_dispatch(a0 = trap frame): interrupts, system calls, page faults.
trap_dispatch:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    mv s0, a0
    lw t0, TF_SCAUSE(s0)
    bltz t0, dispatch_interrupt
    lw t1, TF_SSTATUS(s0)
    andi t1, t1, SSTATUS_SPP
    bnez t1, kernel_panic       # an exception in the kernel itself
    li t1, 8
    beq t0, t1, dispatch_syscall
    li t1, 12
    beq t0, t1, dispatch_fault
    li t1, 13
    beq t0, t1, dispatch_fault
    li t1, 15
    beq t0, t1, dispatch_fault
    la a0, msg_killed_trap      # anything else from U kills the process
    lw a1, TF_SCAUSE(s0)
    j proc_kill
dispatch_fault:
    mv a0, s0
    call page_fault
    j dispatch_done
dispatch_syscall:
    mv a0, s0
    call syscall
    j dispatch_done
dispatch_interrupt:
    slli t0, t0, 1
    srli t0, t0, 1
    li t1, 5
    bne t0, t1, kernel_panic    # only the supervisor timer is enabled
    call timer_arm
.ifdef BALLOON
    call balloon_tick           # the host's balloon target, read once per tick
.endif
    la t0, ticks
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    call current_pcb            # preempt whoever was running (user or kernel code)
    lw t1, PCB_STATE(a0)
    li t2, P_RUNNING
    bne t1, t2, dispatch_done   # the idle loop: nobody to preempt
    call yield_cpu
dispatch_done:
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

kernel_panic:
    la a0, msg_panic
    call kputs
    lw a0, TF_SCAUSE(s0)
    call kput_hex
    la a0, msg_panic_sepc
    call kputs
    lw a0, TF_SEPC(s0)
    call kput_hex
    la a0, msg_panic_stval
    call kputs
    lw a0, TF_STVAL(s0)
    call kput_hex
    li a0, '\n'
    call kputc
    li a0, 1
    j sbi_system_reset

# timer_arm: the next timer interrupt, SLICE ticks from now (SBI set_timer).
timer_arm:
    addi sp, sp, -16
    sw ra, 12(sp)
timer_read:
    rdtimeh t1                  # a consistent 64-bit time: high, low, high again
    rdtime t0
    rdtimeh t2
    bne t1, t2, timer_read
    addi a0, t0, SLICE
    sltu t3, a0, t0             # carry into the high word
    add a1, t1, t3
    li a7, SBI_EXT_TIME
    li a6, 0
    ecall
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# sbi_system_reset(a0 = 0 shutdown / 1 failure): never returns.
sbi_system_reset:
    mv s1, a0
    call console_flush
    mv a1, s1
    li a0, 0
    li a7, SBI_EXT_SRST
    li a6, 0
    ecall
    j sbi_system_reset
