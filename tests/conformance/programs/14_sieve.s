# A larger program: the sieve of Eratosthenes up to 2000, then recursive functions
# (Fibonacci, Ackermann, Towers of Hanoi move count, GCD) with real stack frames.
.text
.equ LIMIT, 2000
.equ SIEVE, SCRATCH             # one byte per number: 1 = composite

_start:
    INIT
    PRINT
    .asciz "14 sieve and recursion\n"
    ENDPRINT
    jal ra, sieve
    PRINT
    .asciz "primes below 100:"
    ENDPRINT
    li s0, 2
    li s1, 100
    li s2, SIEVE
print_primes:
    add t0, s2, s0
    lbu t0, 0(t0)
    bnez t0, print_next
    li a0, 32                   # ' '
    jal ra, putc
    mv a0, s0
    jal ra, putdec
print_next:
    addi s0, s0, 1
    blt s0, s1, print_primes
    jal ra, newline
    jal ra, count_primes
    SHOWD primes_below_2000, a0
    mv a0, s3
    SHOWD largest, a0

    li a0, 20
    jal ra, fib
    SHOWD fib20, a0
    li a0, 2
    li a1, 3
    jal ra, ackermann
    SHOWD ackermann_2_3, a0
    li a0, 3
    li a1, 3
    jal ra, ackermann
    SHOWD ackermann_3_3, a0
    li a0, 10
    jal ra, hanoi
    SHOWD hanoi10_moves, a0
    li a0, 1071
    li a1, 462
    jal ra, gcd
    SHOWD gcd_1071_462, a0
    li a0, -7
    li a1, 3
    jal ra, power
    SHOWD pow_m7_3, a0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

sieve:
    li t0, SIEVE
    li t1, LIMIT
    add t1, t0, t1
sieve_clear:
    sb zero, 0(t0)
    addi t0, t0, 1
    bne t0, t1, sieve_clear
    li t0, 2                    # p
sieve_outer:
    mul t2, t0, t0
    li t3, LIMIT
    bge t2, t3, sieve_done
    li t4, SIEVE
    add t5, t4, t0
    lbu t5, 0(t5)
    bnez t5, sieve_next
    li t6, 1
sieve_mark:
    add t5, t4, t2
    sb t6, 0(t5)
    add t2, t2, t0
    blt t2, t3, sieve_mark
sieve_next:
    addi t0, t0, 1
    j sieve_outer
sieve_done:
    ret

# a0 = number of primes in [2, LIMIT), s3 = the largest.
count_primes:
    li a0, 0
    li t0, 2
    li t1, LIMIT
    li t2, SIEVE
count_loop:
    add t3, t2, t0
    lbu t3, 0(t3)
    bnez t3, count_next
    addi a0, a0, 1
    mv s3, t0
count_next:
    addi t0, t0, 1
    blt t0, t1, count_loop
    ret

# fib(n) = fib(n-1) + fib(n-2), the slow way on purpose.
fib:
    li t0, 2
    blt a0, t0, fib_base
    addi sp, sp, -12
    sw ra, 0(sp)
    sw s0, 4(sp)
    sw s1, 8(sp)
    mv s0, a0
    addi a0, s0, -1
    call fib
    mv s1, a0
    addi a0, s0, -2
    call fib
    add a0, a0, s1
    lw s1, 8(sp)
    lw s0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 12
fib_base:
    ret

# A(m, n): deep recursion.
ackermann:
    bnez a0, ack_m_pos
    addi a0, a1, 1
    ret
ack_m_pos:
    addi sp, sp, -8
    sw ra, 0(sp)
    sw s0, 4(sp)
    mv s0, a0
    bnez a1, ack_n_pos
    addi a0, s0, -1
    li a1, 1
    call ackermann
    j ack_done
ack_n_pos:
    addi a1, a1, -1
    call ackermann              # A(m, n-1)
    mv a1, a0
    addi a0, s0, -1
    call ackermann              # A(m-1, A(m, n-1))
ack_done:
    lw s0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 8
    ret

# Moves for n discs: H(n) = 2 H(n-1) + 1.
hanoi:
    beqz a0, hanoi_zero
    addi sp, sp, -4
    sw ra, 0(sp)
    addi a0, a0, -1
    call hanoi
    slli a0, a0, 1
    addi a0, a0, 1
    lw ra, 0(sp)
    addi sp, sp, 4
    ret
hanoi_zero:
    ret

gcd:
    beqz a1, gcd_done
    remu t0, a0, a1
    mv a0, a1
    mv a1, t0
    tail gcd
gcd_done:
    ret

# a0 ** a1 by recursion on the exponent.
power:
    bnez a1, power_rec
    li a0, 1
    ret
power_rec:
    addi sp, sp, -8
    sw ra, 0(sp)
    sw s0, 4(sp)
    mv s0, a0
    addi a1, a1, -1
    call power
    mul a0, a0, s0
    lw s0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 8
    ret
