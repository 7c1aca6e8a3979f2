# balloon-giveback.s - a user program for the ballooning demonstration (appended to the
# kernel built with BALLOON, in place of a workload; see README.md, "Demonstrations").
# It uses memory and gives it back: each process maps and touches GIVE_PAGES pages,
# unmaps them (their frames go to the kernel's free list, still backed by the host),
# then computes for a long while, so the balloon has backed free pages to take.
.equ GIVE_PAGES, 40
.equ SPIN_ROUNDS, 150
.equ SPIN, 4000
workload_main:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    sw s2, 0(sp)
    mv s0, a0
    li s1, 0
give_map:
    slli a0, s1, 12
    li t0, MMAP_START
    add a0, a0, t0
    li a7, SYS_MMAP
    ecall
    sw s0, 0(a0)
    addi s1, s1, 1
    li t0, GIVE_PAGES
    bltu s1, t0, give_map
    li s1, 0
give_unmap:
    slli a0, s1, 12
    li t0, MMAP_START
    add a0, a0, t0
    li a7, SYS_MUNMAP
    ecall
    addi s1, s1, 1
    li t0, GIVE_PAGES
    bltu s1, t0, give_unmap
    li s1, 0
    li s2, 0
give_round:
    li t0, SPIN
give_spin:
    mul t1, t0, s0
    add s2, s2, t1
    addi s2, s2, 1
    addi t0, t0, -1
    bnez t0, give_spin
    addi s1, s1, 1
    li t0, SPIN_ROUNDS
    bltu s1, t0, give_round
    mv a0, s0
    la a1, give_msg
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
give_msg: .asciz "gave back its pages, checksum "
.balign 4, 0
