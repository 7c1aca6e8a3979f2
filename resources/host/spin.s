# A CPU-bound host task: counts forever in s0. Its other registers hold values made
# from its pid, so a context switch can be checked register by register.
    .text
    .globl _start
_start:
    li a7, 172              # getpid
    ecall
    mv s1, a0
    slli s2, a0, 8
    addi s3, s2, 3
    slli s4, a0, 16
    addi s5, s4, 5
    li s0, 0
loop:
    addi s0, s0, 1
    add t0, s0, s1
    xor t1, t0, s2
    j loop
