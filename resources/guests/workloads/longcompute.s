# longcompute.s - a long compute-bound workload for host-speed measurements (not one of
# the six teaching workloads): the speed suite's compute loop (ALU, multiply, a load
# and a store into a 4 KiB array, a counted branch; 13 instructions per iteration)
# run LC_ITERATIONS times per process, then the checksum printed. Long enough (over
# 10^8 guest instructions with both processes) that start-up does not count.
# (User program: appended after ulib.s; see README.md.)

.ifndef LC_ITERATIONS
.equ LC_ITERATIONS, 4000000
.endif
.equ LC_DATA, HEAP_START + 8192  # 4 KiB, demand-paged

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    sw s2, 16(sp)
    sw s3, 12(sp)
    sw s4, 8(sp)
    mv s4, a0
    li s3, LC_ITERATIONS
    li s1, LC_DATA
    li s0, 0                    # checksum
    li s2, 0                    # i
lc_loop:
    andi t0, s2, 1023
    slli t0, t0, 2
    add t1, s1, t0
    lw t2, 0(t1)
    add t2, t2, s2
    xor s0, s0, t2
    sw t2, 0(t1)
    mul t3, s2, s2
    add s0, s0, t3
    srli t4, s0, 3
    sub s0, s0, t4
    addi s2, s2, 1
    bne s2, s3, lc_loop
    mv a0, s4
    la a1, lc_msg
    call u_say
    mv a0, s0
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

lc_msg: .asciz "checksum "
.balign 4, 0
