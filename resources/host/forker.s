# Forks FORKS times (default 4); every child spins. The parent keeps each fork's
# result in s2.. (pid, or -11 = EAGAIN at pids.max) and exits with a bit mask of the
# forks that failed with EAGAIN.
    .ifndef FORKS
    .equ FORKS, 4
    .endif
    .text
    .globl _start
_start:
    li s0, 0                # fork number
    li s1, 0                # EAGAIN mask
    la s6, results
next:
    li a0, 17               # flags: SIGCHLD, a plain fork
    li a1, 0                # same stack
    li a7, 220              # clone
    ecall
    beqz a0, child
    sw a0, 0(s6)
    addi s6, s6, 4
    li t0, -11
    bne a0, t0, counted
    li t1, 1
    sll t1, t1, s0
    or s1, s1, t1
counted:
    addi s0, s0, 1
    li t0, FORKS
    blt s0, t0, next
    la t0, results
    lw s2, 0(t0)
    lw s3, 4(t0)
    lw s4, 8(t0)
    lw s5, 12(t0)
    mv a0, s1
    li a7, 93               # exit(mask)
    ecall
child:
    addi s7, s7, 1
    j child
    .data
results:
    .space 64
