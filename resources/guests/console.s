# console.s - the console: a line buffer, number printing, and the driver below it.
# (Part of the kernel source: privops.inc + kernel.s + proc.s + vm.s + console.s + ...)
#
# Native: the ns16550a UART, written directly (its registers are mapped in every
# address space, kernel-only). PARAVIRT: the front end of a virtio console (legacy
# virtio-mmio, split driver): each line becomes one buffer on the transmit virtqueue and
# one CONSOLE_KICK hypercall; the back end lives in the hypervisor.
.text
.equ CONSOLE_LINE, 128

# kputc(a0 = byte): buffered; a newline or a full buffer sends the line.
kputc:
    la t0, console_len
    lw t1, 0(t0)
    la t2, console_buf
    add t2, t2, t1
    sb a0, 0(t2)
    addi t1, t1, 1
    sw t1, 0(t0)
    li t2, '\n'
    beq a0, t2, console_flush
    li t2, CONSOLE_LINE
    beq t1, t2, console_flush
    ret

# console_flush: send what is buffered.
console_flush:
    addi sp, sp, -16
    sw ra, 12(sp)
    la t0, console_len
    lw a1, 0(t0)
    sw zero, 0(t0)
    la a0, console_buf
    beqz a1, console_flush_done
    call console_write
console_flush_done:
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# kputs(a0 = NUL-terminated string)
kputs:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    mv s0, a0
kputs_next:
    lbu a0, 0(s0)
    beqz a0, kputs_done
    call kputc
    addi s0, s0, 1
    j kputs_next
kputs_done:
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# kput_dec(a0 = signed number) in decimal
kput_dec:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    mv s0, a0
    bgez s0, kput_dec_digits
    li a0, '-'
    call kputc
    neg s0, s0
kput_dec_digits:
    mv s1, sp                   # digits pushed on the stack, least significant first
kput_dec_push:
    li t0, 10
    remu t1, s0, t0
    divu s0, s0, t0
    addi t1, t1, '0'
    sb t1, 0(s1)
    addi s1, s1, 1
    bnez s0, kput_dec_push
kput_dec_pop:
    addi s1, s1, -1
    lbu a0, 0(s1)
    call kputc
    bne s1, sp, kput_dec_pop
    lw s1, 20(sp)
    lw s0, 24(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret

# kput_hex(a0 = number) as 0x followed by 8 hex digits
kput_hex:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    li a0, '0'
    call kputc
    li a0, 'x'
    call kputc
    li s1, 28
kput_hex_next:
    srl t0, s0, s1
    andi t0, t0, 0xF
    la t1, hex_digits
    add t1, t1, t0
    lbu a0, 0(t1)
    call kputc
    addi s1, s1, -4
    bgez s1, kput_hex_next
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# kput_pid(a0 = pid) as "pid N"
kput_pid:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    mv s0, a0
    la a0, msg_pid
    call kputs
    mv a0, s0
    call kput_dec
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

.ifndef PARAVIRT
# ---------------------------------------------------------------- native: the UART
console_init:
    ret

# console_write(a0 = bytes, a1 = length): into the transmit holding register. (The
# emulated UART never makes us wait, so the line-status register is not polled.)
console_write:
    li t0, UART
    add a1, a0, a1
console_write_next:
    lbu t1, 0(a0)
    sb t1, 0(t0)
    addi a0, a0, 1
    bne a0, a1, console_write_next
    ret

.else
# ---------------------------------------------------------------- PARAVIRT: virtio console
.equ VIRTIO_MMIO_BASE, 0x10001000 # eight legacy virtio-mmio slots, 4 KiB apart
.equ VIRTIO_MAGIC, 0x74726976     # "virt"
.equ VIRTIO_DEV_CONSOLE, 3
.equ VQ_SIZE, 8                   # descriptors in the transmit queue
.equ VQ_AVAIL, VIRTQ_PA + 16 * VQ_SIZE
.equ VQ_USED, VIRTQ_PA + 4096     # legacy layout: the used ring on the next page
.equ TRANSMITQ, 1                 # queue 0 receives, queue 1 transmits (port 0)

# console_init: find the console among the virtio-mmio slots and set up its transmit
# queue (legacy interface: guest page size, queue size, queue page frame number).
console_init:
    li t0, VIRTIO_MMIO_BASE
    li t3, 8
console_init_slot:
    lw t1, 0(t0)                # MagicValue
    li t2, VIRTIO_MAGIC
    bne t1, t2, console_init_skip
    lw t1, 8(t0)                # DeviceID
    li t2, VIRTIO_DEV_CONSOLE
    beq t1, t2, console_init_found
console_init_skip:
    li t1, 0x1000
    add t0, t0, t1
    addi t3, t3, -1
    bnez t3, console_init_slot
    ret                         # no console: the output is lost
console_init_found:
    la t1, virtio_console
    sw t0, 0(t1)
    sw zero, 0x70(t0)           # Status: reset
    li t1, 1
    sw t1, 0x70(t0)             # ACKNOWLEDGE
    li t1, 3
    sw t1, 0x70(t0)             # DRIVER
    sw zero, 0x20(t0)           # GuestFeatures: none
    li t1, 4096
    sw t1, 0x28(t0)             # GuestPageSize
    li t1, TRANSMITQ
    sw t1, 0x30(t0)             # QueueSel
    li t1, VQ_SIZE
    sw t1, 0x38(t0)             # QueueNum
    li t1, 4096
    sw t1, 0x3c(t0)             # QueueAlign
    li t1, VIRTQ_PA >> 12
    sw t1, 0x40(t0)             # QueuePFN
    li t1, 7
    sw t1, 0x70(t0)             # DRIVER_OK
    ret

# console_write(a0 = bytes, a1 = length): one descriptor (the kernel is identity-mapped,
# so the buffer's address is guest-physical), published in the available ring, then a
# kick; wait until the back end has put it in the used ring.
console_write:
    la t0, virtio_console
    lw t0, 0(t0)
    beqz t0, console_write_done
    li t1, VIRTQ_PA             # descriptor 0: addr (64 bits), len, flags, next
    sw a0, 0(t1)
    sw zero, 4(t1)
    sw a1, 8(t1)
    sw zero, 12(t1)
    li t1, VQ_AVAIL
    lhu t2, 2(t1)               # avail.idx
    andi t3, t2, VQ_SIZE - 1
    slli t3, t3, 1
    add t3, t1, t3
    sh zero, 4(t3)              # avail.ring[idx % size] = descriptor 0
    fence w, w                  # the ring entry before the index that publishes it
    addi t2, t2, 1
    sh t2, 2(t1)
    fence w, w
    HC_SAVE
    li a0, TRANSMITQ
    HC_CALL HC_CONSOLE_KICK
    HC_RESTORE
    li t1, VQ_USED
    slli t2, t2, 16
    srli t2, t2, 16
console_write_wait:
    lhu t3, 2(t1)               # used.idx catches up when the line is out
    bne t3, t2, console_write_wait
console_write_done:
    ret
.endif

.data
.align 2
console_len:    .word 0
console_buf:    .space CONSOLE_LINE
.ifdef PARAVIRT
virtio_console: .word 0         # the console's virtio-mmio registers, 0 if none
.endif

.section .rodata
hex_digits:     .ascii "0123456789abcdef"
msg_pid:        .asciz "pid "
