# balloon-growlate.s - the other VM of the ballooning demonstration (see README.md,
# "Demonstrations"): each process computes for a while, then touches GROW_PAGES new
# heap pages (demand paging) and sums them back: it needs memory late.
.equ GROW_PAGES, 40
.equ WAIT_ROUNDS, 40
.equ SPIN, 4000
workload_main:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    sw s2, 0(sp)
    mv s0, a0
    li s1, 0
    li s2, 0
grow_wait:
    li t0, SPIN
grow_spin:
    add s2, s2, t0
    addi t0, t0, -1
    bnez t0, grow_spin
    addi s1, s1, 1
    li t0, WAIT_ROUNDS
    bltu s1, t0, grow_wait
    li s1, 0
grow_touch:
    addi t0, s1, 1
    slli t0, t0, 12
    li t1, HEAP_START
    add t0, t0, t1
    add t1, s1, s0
    sw t1, 0(t0)
    addi s1, s1, 1
    li t0, GROW_PAGES
    bltu s1, t0, grow_touch
    li s1, 0
grow_sum:
    addi t0, s1, 1
    slli t0, t0, 12
    li t1, HEAP_START
    add t0, t0, t1
    lw t1, 0(t0)
    add s2, s2, t1
    addi s1, s1, 1
    li t0, GROW_PAGES
    bltu s1, t0, grow_sum
    mv a0, s0
    la a1, grow_msg
    call u_say
    mv a0, s2
    call u_put_hex
    call u_endl
    li a0, 0
    lw s2, 0(sp)
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret
grow_msg: .asciz "grew by 40 heap pages, checksum "
.balign 4, 0
