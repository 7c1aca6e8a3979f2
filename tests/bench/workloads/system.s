# system.s - the bare-metal frame of the speed workloads, for Vizor (every execution
# mode) and qemu-system-riscv32 -M virt -bios none. Source order: system.s, then one
# workload (bench-compute.s, bench-memory.s or bench-kernel.s), assembled with
# ITERATIONS defined (Vizor: AssemblerOptions::defines; GNU as: --defsym), and PAGING
# or USER_MODE when wanted.
#
# As the guest kernel does (engine/hypervisor/README.md, "The guest/VMM contract"),
# _start is a small M-mode firmware that enters kernel_entry in S-mode; under a
# hypervisor the VMM starts the guest at kernel_entry itself. The workload's
# bench_main(a0 = ITERATIONS, a1 = data) runs in S-mode (with Sv32 paging when PAGING
# is defined) or in U-mode (USER_MODE), then an SBI system_reset powers off.
.equ FINISHER, 0x100000         # sifive_test: 0x5555 powers off, 0x13333 fails (code 1)
.equ SBI_EXT_SRST, 0x53525354
.equ BENCH_DATA, 0x80400000     # the workloads' data: 1 MiB in the second 4 MiB superpage
.equ ROOT_TABLE, 0x80200000     # the Sv32 root page table (PAGING)
.equ SYS_EXIT_BENCH, 1          # the one system call of this frame's kernel: power off

.text
.globl _start
_start:
    la t0, fw_trap
    csrw mtvec, t0
    li t0, 0x100                # ecall from U (cause 8) is the S-mode kernel's business
    csrw medeleg, t0
    li t0, 1 << 11
    csrw mstatus, t0            # MPP = S
    la t0, kernel_entry
    csrw mepc, t0
    li a0, 0
    mret

# Only an SBI call (ecall from S, cause 9) is expected here, and the only call made is
# system_reset: anything else fails the run, so a broken workload cannot pass as fast.
.align 2
fw_trap:
    csrr t0, mcause
    li t1, 9
    li t2, 0x13333
    bne t0, t1, fw_finish
    li t1, SBI_EXT_SRST
    bne a7, t1, fw_finish
    li t2, 0x5555
fw_finish:
    li t0, FINISHER
    sw t2, 0(t0)
    j fw_finish

.globl kernel_entry
kernel_entry:
    la t0, s_trap
    csrw stvec, t0
.ifdef PAGING
    # Identity-mapped 4 MiB superpages over code (0x80000000) and data (0x80400000),
    # V R W X A D: every fetch, load and store goes through the TLB.
    li t0, ROOT_TABLE + 0x800
    li t1, 0x200000cf
    sw t1, 0(t0)
    li t1, 0x201000cf
    sw t1, 4(t0)
    li t1, 0x80000000 | (ROOT_TABLE >> 12)
    csrw satp, t1
    sfence.vma
.endif
.ifdef USER_MODE
    li t0, 1 << 8
    csrc sstatus, t0            # SPP = U
    la t0, bench_start
    csrw sepc, t0
    sret
.else
    j bench_start
.endif

# The S-mode kernel's trap handler: a system call returns at once (a null call), except
# SYS_EXIT_BENCH, which powers off. It keeps every user register but t0 (saved in sscratch).
.align 2
s_trap:
    csrw sscratch, t0
    csrr t0, scause
    addi t0, t0, -8
    bnez t0, s_fail
    li t0, SYS_EXIT_BENCH
    beq a7, t0, s_power_off
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    csrr t0, sscratch
    sret
s_fail:
    li a1, 1                    # SBI reset reason "system failure": the firmware fails
    li a7, 0                    # ... through its "not an SRST call" path
    ecall
s_power_off:
    li a0, 0
    li a1, 0
    li a6, 0
    li a7, SBI_EXT_SRST
    ecall

bench_start:
    li a0, ITERATIONS
    li a1, BENCH_DATA
    call bench_main
.ifdef USER_MODE
    li a7, SYS_EXIT_BENCH       # ask the kernel to power off
    ecall
.else
    j s_power_off
.endif
