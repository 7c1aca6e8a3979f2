# Sleeps MS milliseconds (default 10) with nanosleep, then yields, forever; s0 counts
# wake-ups.
    .ifndef MS
    .equ MS, 10
    .endif
    .text
    .globl _start
_start:
    li s0, 0
again:
    la a0, request
    li a1, 0
    li a7, 101              # nanosleep(&request, NULL)
    ecall
    addi s0, s0, 1
    li a7, 124              # sched_yield
    ecall
    j again
    .data
request:
    .word 0                 # tv_sec
    .word MS * 1000000      # tv_nsec
