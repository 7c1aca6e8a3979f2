# blk.s - the driver of a virtio block device (virtio 1.x, 5.2: device ID 2) on the
# legacy virtio-mmio transport, and the blk_write system call. Only in a kernel built
# with BLOCK defined: the six workloads' kernels do not contain it. With BLOCK,
# blk_init looks for the device in virtio-mmio slot 1 once at boot and, without one,
# the driver stays inert (blk_write answers -ENODEV).
# (Part of the kernel source: ... vm.s + console.s + blk.s + ulib.s + ...)
#
# One request at a time, synchronously: a chain of three descriptors (the 16-byte
# request header, one 512-byte sector, the status byte) goes on the available ring,
# a write to QueueNotify kicks the device, and the driver waits until the used ring's
# index has moved. System calls run with interrupts off, so requests never interleave.
.ifdef BLOCK
.equ BLK_MMIO, 0x10002000       # virtio-mmio slot 1
.equ BLK_DEVICE_ID, 2
.equ BLK_VQ_PA, 0x80148000      # descriptors + available ring (page 1), used ring (page 2)
.equ BLK_REQ_PA, 0x8014a000     # the request header at +0, the status byte at +16
.equ BLK_BUF_PA, 0x8014b000     # the sector being transferred
.equ BLK_END, 0x8014c000        # end of the driver's memory
.equ BLK_QSIZE, 4
.equ BLK_T_OUT, 1               # VIRTIO_BLK_T_OUT: write
.equ ENODEV, 19

.text
# blk_init: find the disk and set up its request queue.
blk_init:
    li t0, BLK_MMIO
    lw t1, 0(t0)                # MagicValue
    li t2, 0x74726976           # "virt"
    bne t1, t2, blk_init_none
    lw t1, 8(t0)                # DeviceID
    li t2, BLK_DEVICE_ID
    bne t1, t2, blk_init_none
    li t1, BLK_VQ_PA            # rings and buffers zeroed, as allocated at probe time
    li t2, BLK_END
blk_init_zero:
    sw zero, 0(t1)
    addi t1, t1, 4
    bne t1, t2, blk_init_zero
    sw zero, 0x70(t0)           # Status: reset
    li t1, 1
    sw t1, 0x70(t0)             # ACKNOWLEDGE
    li t1, 3
    sw t1, 0x70(t0)             # DRIVER
    sw zero, 0x20(t0)           # GuestFeatures: none
    li t1, 4096
    sw t1, 0x28(t0)             # GuestPageSize
    sw zero, 0x30(t0)           # QueueSel: the request queue
    li t1, BLK_QSIZE
    sw t1, 0x38(t0)             # QueueNum
    li t1, 4096
    sw t1, 0x3c(t0)             # QueueAlign
    li t1, BLK_VQ_PA >> 12
    sw t1, 0x40(t0)             # QueuePFN
    li t1, 7
    sw t1, 0x70(t0)             # DRIVER_OK
    la t1, blk_dev
    sw t0, 0(t1)
blk_init_none:
    ret

# blk_out(a0 = sector) -> a0 = virtio status (0 OK), or -ENODEV: writes BLK_BUF_PA there.
blk_out:
    la t0, blk_dev
    lw t0, 0(t0)
    beqz t0, blk_out_none
    li t1, BLK_REQ_PA           # header: type, reserved, sector (64-bit)
    li t2, BLK_T_OUT
    sw t2, 0(t1)
    sw zero, 4(t1)
    sw a0, 8(t1)
    sw zero, 12(t1)
    li t2, 0xff                 # status: not answered yet
    sb t2, 16(t1)
    li t3, BLK_VQ_PA            # descriptor 0: the header, then 1
    sw t1, 0(t3)
    sw zero, 4(t3)
    li t2, 16
    sw t2, 8(t3)
    li t2, 1 | (1 << 16)        # flags NEXT, next 1
    sw t2, 12(t3)
    li t2, BLK_BUF_PA           # descriptor 1: the sector, then 2
    sw t2, 16(t3)
    sw zero, 20(t3)
    li t2, 512
    sw t2, 24(t3)
    li t2, 1 | (2 << 16)        # flags NEXT (the device reads it), next 2
    sw t2, 28(t3)
    addi t2, t1, 16             # descriptor 2: the status byte, device-writable
    sw t2, 32(t3)
    sw zero, 36(t3)
    li t2, 1
    sw t2, 40(t3)
    li t2, 2                    # flags WRITE
    sw t2, 44(t3)
    addi t4, t3, 16 * BLK_QSIZE # the available ring
    lhu t5, 2(t4)               # idx
    andi t6, t5, BLK_QSIZE - 1
    slli t6, t6, 1
    add t6, t6, t4
    sh zero, 4(t6)              # ring[idx % size] = head 0
    fence rw, rw                # the entry before the index that publishes it
    addi t5, t5, 1
    slli t5, t5, 16
    srli t5, t5, 16
    sh t5, 2(t4)
    fence rw, rw
    sw zero, 0x50(t0)           # QueueNotify: queue 0
    li t4, BLK_VQ_PA + 4096     # the used ring
blk_out_wait:
    lhu t6, 2(t4)
    bne t6, t5, blk_out_wait
    lbu a0, 16(t1)
    ret
blk_out_none:
    li a0, -ENODEV
    ret

# sys_blk_write(a0 = sector, a1 = user buffer of 512 bytes) -> status, -ENODEV, -EFAULT.
sys_blk_write:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    sw s2, 0(sp)
    mv s2, a0
    mv s0, a1                   # next user address
    li s1, BLK_BUF_PA           # next byte of the bounce buffer
sys_blk_write_copy:
    call current_pcb
    lw a0, PCB_ROOT(a0)
    mv a1, s0
    call user_translate         # a0 = physical address, or 0
    beqz a0, sys_blk_write_fault
    lbu t0, 0(a0)
    sb t0, 0(s1)
    addi s0, s0, 1
    addi s1, s1, 1
    li t0, BLK_BUF_PA + 512
    bne s1, t0, sys_blk_write_copy
    mv a0, s2
    call blk_out
    j sys_blk_write_done
sys_blk_write_fault:
    li a0, -EFAULT
sys_blk_write_done:
    lw s2, 0(sp)
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

syscall_blk_write:              # from trap_syscall's dispatch (proc.s)
    call sys_blk_write
    j syscall_done

.data
.balign 4
blk_dev: .word 0                # the disk's virtio-mmio registers, 0 if none
.text
.endif
