# mapping.s - a page-table-update-heavy workload: it maps and unmaps pages in a loop
# with the mmap / munmap system calls. Every round writes two page-table entries
# (map, unmap) and flushes a translation: under a hypervisor, shadow-page-table syncs
# or (PARAVIRT) MMU_UPDATE hypercalls.
# (User program: appended after ulib.s; see README.md.)

.equ MAP_ROUNDS, 40
.equ MAP_SLOTS, 6               # addresses reused round after round

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
    li s1, 0                    # round
    li s2, 0                    # rounds where everything was right
map_round:
    li t0, MAP_SLOTS
    remu t0, s1, t0
    slli t0, t0, 12
    li s3, MMAP_START
    add s3, s3, t0              # s3 = this round's address
    mv a0, s3
    li a7, SYS_MMAP
    ecall
    bne a0, s3, map_next
    lw t0, 0(s3)                # a fresh page must read as zero ...
    bnez t0, map_unmap
    mul t0, s1, s0
    addi s4, t0, 7
    sw s4, 0(s3)                # ... and keep what we write
    lw t0, 0(s3)
    bne t0, s4, map_unmap
    addi s2, s2, 1
map_unmap:
    mv a0, s3
    li a7, SYS_MUNMAP
    ecall
map_next:
    addi s1, s1, 1
    li t0, MAP_ROUNDS
    bltu s1, t0, map_round
    mv a0, s0
    la a1, map_msg_rounds
    call u_say
    mv a0, s2
    call u_put_dec
    call u_endl
    li s3, MMAP_START           # mapping twice and unmapping twice must be refused
    mv a0, s3
    li a7, SYS_MMAP
    ecall
    mv a0, s3
    li a7, SYS_MMAP
    ecall
    mv s1, a0
    mv a0, s3
    li a7, SYS_MUNMAP
    ecall
    mv s2, a0
    mv a0, s3
    li a7, SYS_MUNMAP
    ecall
    mv s4, a0
    mv a0, s0
    la a1, map_msg_twice
    call u_say
    neg a0, s1
    call u_put_dec
    la a0, map_msg_unmap
    call u_puts
    mv a0, s2
    call u_put_dec
    la a0, map_msg_again
    call u_puts
    neg a0, s4
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

map_msg_rounds: .asciz "40 rounds of mmap, check, munmap; rounds all right: "
map_msg_twice:  .asciz "mmap of a mapped page: -"
map_msg_unmap:  .asciz ", munmap: "
map_msg_again:  .asciz ", munmap again: -"
.balign 4, 0
