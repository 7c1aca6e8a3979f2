# diskwriter.s - a disk-writer workload: each process fills one 512-byte block with its
# own pattern and writes it with the blk_write system call, to sectors far apart (7,
# 70000, 131071: three different 64 KiB grains of a 64 MiB disk). Needs a kernel built
# with BLOCK; without a disk the call answers -ENODEV and the process says so.
# (User program: appended after ulib.s; see README.md.)

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    addi sp, sp, -512           # the block, on the stack
    li t0, 0
dw_fill:                        # byte i = pid * 16 + i (mod 256)
    slli t1, s0, 4
    add t1, t1, t0
    add t2, sp, t0
    sb t1, 0(t2)
    addi t0, t0, 1
    li t1, 512
    bne t0, t1, dw_fill
    la t0, dw_sectors
    addi t1, s0, -1
    slli t1, t1, 2
    add t0, t0, t1
    lw s1, 0(t0)                # this process's sector
    mv a0, s1
    mv a1, sp
    li a7, SYS_VIZOR_BLK_WRITE
    ecall
    addi sp, sp, 512
    bltz a0, dw_no_disk
    mv t0, a0
    mv a0, s0
    la a1, dw_msg_wrote
    mv s0, t0                   # the status, printed last
    call u_say
    mv a0, s1
    call u_put_dec
    la a0, dw_msg_status
    call u_puts
    mv a0, s0
    call u_put_dec
    j dw_done
dw_no_disk:
    mv a0, s0
    la a1, dw_msg_no_disk
    call u_say
dw_done:
    call u_endl
    li a0, 0
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

dw_sectors:     .word 7, 70000, 131071
dw_msg_wrote:   .asciz "wrote sector "
dw_msg_status:  .asciz ", status "
dw_msg_no_disk: .asciz "no disk"
.balign 4, 0
