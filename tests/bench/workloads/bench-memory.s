# bench-memory.s - the memory-heavy workload of the speed suite: two loads and a store
# per iteration, each iteration on the next 4 KiB page of a 1 MiB array (a stride of a
# page and eight bytes), so the accesses sweep 256 pages and the TLB works; 11
# instructions per iteration.
#
# bench_main(a0 = iterations, a1 = 1 MiB data) -> a0 = checksum
.globl bench_main
bench_main:
    mv s3, a0
    mv s1, a1
    li s0, 0                    # checksum
    li s2, 0                    # i
    li s4, 0                    # offset into the array
    li s5, 4104                 # stride: a page and two words
    li s6, 0xFFFF8              # wrap within 1 MiB, 8-byte aligned
memory_loop:
    add t1, s1, s4
    lw t2, 0(t1)
    lw t3, 4(t1)
    add t2, t2, t3
    add t2, t2, s2
    sw t2, 0(t1)                # read again on a later sweep: the checksum sees memory
    xor s0, s0, t2
    add s4, s4, s5
    and s4, s4, s6
    addi s2, s2, 1
    bne s2, s3, memory_loop
    mv a0, s0
    ret
