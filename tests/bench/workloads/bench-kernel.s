# bench-kernel.s - the kernel-heavy workload of the speed suite: a system call per
# iteration, 5 instructions of user code around it. Run in U-mode (system.s with
# USER_MODE) each ecall traps to the S-mode kernel's null call and returns with sret (7
# kernel instructions); under qemu-riscv32 (linux.s) it is a Linux getpid.
#
# bench_main(a0 = iterations, a1 = unused) -> a0 = sum of the calls' results
.equ SYS_GETPID, 172
.globl bench_main
bench_main:
    mv s3, a0
    li s0, 0
kernel_loop:
    li a7, SYS_GETPID
    ecall
    add s0, s0, a0
    addi s3, s3, -1
    bnez s3, kernel_loop
    mv a0, s0
    ret
