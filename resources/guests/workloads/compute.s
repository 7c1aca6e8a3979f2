# compute.s - a compute-bound workload: a prime sieve and a Collatz search.
# Almost no system calls and no privileged work: under trap-and-emulate nearly every
# instruction runs directly on the hardware.
# (User program: appended after ulib.s; see README.md.)

.equ SIEVE, HEAP_START + 4096   # one byte per number, demand-paged, zero = "prime"

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    sw s2, 16(sp)
    sw s3, 12(sp)
    sw s4, 8(sp)
    mv s0, a0
    li t0, 1000                 # limit = 1000 * (pid + 1)
    addi t1, s0, 1
    mul s1, t0, t1
    li s2, 2                    # i
compute_sieve_outer:
    mul t0, s2, s2
    bgeu t0, s1, compute_count
    li t1, SIEVE
    add t2, t1, s2
    lbu t2, 0(t2)
    bnez t2, compute_sieve_step
compute_sieve_mark:             # j = i * i, i * i + i, ...
    add t2, t1, t0
    li t3, 1
    sb t3, 0(t2)
    add t0, t0, s2
    bltu t0, s1, compute_sieve_mark
compute_sieve_step:
    addi s2, s2, 1
    j compute_sieve_outer
compute_count:
    li s3, 0                    # primes found
    li s4, 0                    # the largest
    li s2, 2
    li t1, SIEVE
compute_count_next:
    add t2, t1, s2
    lbu t2, 0(t2)
    bnez t2, compute_count_skip
    addi s3, s3, 1
    mv s4, s2
compute_count_skip:
    addi s2, s2, 1
    bltu s2, s1, compute_count_next
    mv a0, s0
    la a1, c_msg_primes
    call u_say
    mv a0, s1
    call u_put_dec
    la a0, c_msg_colon
    call u_puts
    mv a0, s3
    call u_put_dec
    la a0, c_msg_largest
    call u_puts
    mv a0, s4
    call u_put_dec
    call u_endl
    # The longest Collatz chain for starting values below 200 * (pid + 1).
    li t0, 200
    addi t1, s0, 1
    mul s1, t0, t1
    li s2, 1                    # start value
    li s3, 0                    # best length
    li s4, 0                    # best start
compute_collatz_start:
    mv t0, s2
    li t1, 0                    # steps
compute_collatz_step:
    li t2, 1
    beq t0, t2, compute_collatz_end
    andi t2, t0, 1
    beqz t2, compute_collatz_even
    slli t2, t0, 1              # 3n + 1
    add t0, t0, t2
    addi t0, t0, 1
    j compute_collatz_next
compute_collatz_even:
    srli t0, t0, 1
compute_collatz_next:
    addi t1, t1, 1
    j compute_collatz_step
compute_collatz_end:
    bleu t1, s3, compute_collatz_more
    mv s3, t1
    mv s4, s2
compute_collatz_more:
    addi s2, s2, 1
    bltu s2, s1, compute_collatz_start
    mv a0, s0
    la a1, c_msg_collatz
    call u_say
    mv a0, s1
    call u_put_dec
    la a0, c_msg_colon
    call u_puts
    mv a0, s4
    call u_put_dec
    la a0, c_msg_steps
    call u_puts
    mv a0, s3
    call u_put_dec
    call u_endl
    li a0, 0
    lw s4, 8(sp)
    lw s3, 12(sp)
    lw s2, 16(sp)
    lw s1, 20(sp)
    lw s0, 24(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret

c_msg_primes:  .asciz "primes below "
c_msg_colon:   .asciz ": "
c_msg_largest: .asciz ", the largest "
c_msg_collatz: .asciz "longest Collatz chain from below "
c_msg_steps:   .asciz " with steps "
.balign 4, 0                     # (.align cannot pad code from an odd offset, in GNU as nor here)
