# linux.s - the Linux user-mode frame of the speed workloads, for qemu-riscv32: calls
# bench_main as system.s does, then exits through the Linux exit system call with the
# checksum's low byte as the exit status. Assembled with GNU as (--defsym ITERATIONS=N).
.equ SYS_EXIT, 93
.text
.globl _start
_start:
    li a0, ITERATIONS
    la a1, bench_data
    call bench_main
    andi a0, a0, 255
    li a7, SYS_EXIT
    ecall

.bss
.align 12
bench_data:
    .space 0x100000
.text
