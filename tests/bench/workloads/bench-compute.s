# bench-compute.s - the compute workload of the speed suite: ALU, multiply, a load and a
# store into a 4 KiB array, and a counted branch; 13 instructions per iteration, the
# loop of tests/bench/bench_engine.cpp. The same instructions run on every peer (see
# system.s, linux.s, flat.s: only the frame around bench_main differs).
#
# bench_main(a0 = iterations, a1 = data address) -> a0 = checksum
.globl bench_main
bench_main:
    mv s3, a0
    mv s1, a1
    li s0, 0                    # checksum
    li s2, 0                    # i
compute_loop:
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
    bne s2, s3, compute_loop
    mv a0, s0
    ret
