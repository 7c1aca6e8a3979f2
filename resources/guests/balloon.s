# balloon.s - the driver of the virtio memory balloon (virtio 1.x, 5.5: device ID 5,
# inflateq = queue 0, deflateq = queue 1, config num_pages at 0x100, actual at 0x104),
# on the legacy virtio-mmio transport. Only in a kernel built with BALLOON defined (as
# a Linux kernel without CONFIG_VIRTIO_BALLOON has none): the six workloads' kernels
# do not contain it. With BALLOON, balloon_init looks for the device once at boot and,
# without one, the driver stays inert.
# (Part of the kernel source: ... vm.s + console.s + balloon.s + ulib.s + ...)
#
# Linux's driver waits for the device's configuration-change interrupt; this kernel
# handles no external interrupts, so it reads the host's target at every timer tick.
# Inflating gives up to BALLOON_BATCH pages per tick: free-list frames first (they
# were used, so the host backs them and gets a frame back for each), then never-used
# frames. The kernel refuses to go below BALLOON_FLOOR free frames, and `actual` tells
# the host how far it went. Ballooned frames leave the allocator (they are neither
# free nor counted in frames_in_use) and are never touched while in the balloon.
.ifdef BALLOON
.equ BALLOON_MMIO, 0x10001000     # the eight legacy virtio-mmio slots, 4 KiB apart
.equ BALLOON_DEVICE_ID, 5
.equ BALLOON_VQ_PA, 0x80140000    # inflateq (2 pages: descriptors + avail, used), deflateq
.equ BALLOON_VQ_SIZE, 2
.equ BALLOON_PFN_BUF, 0x80144000  # the PFNs of one request
.equ BALLOON_PAGES_PA, 0x80145000 # the PFNs in the balloon, a stack (two pages)
.equ BALLOON_MAX, 1536            # the whole frame pool: the floor stops it first
.equ BALLOON_END, 0x80147000      # end of the driver's memory
.equ BALLOON_BATCH, 32            # pages per request, one request per tick
.equ BALLOON_FLOOR, 64            # free frames the kernel keeps for itself
.equ BALLOON_POOL_FRAMES, 1536    # (FRAME_POOL_END - FRAME_POOL) / 4096

.text
# balloon_init: find the balloon among the virtio-mmio slots and set up both queues.
balloon_init:
    li t0, BALLOON_MMIO
    li t3, 8
balloon_init_slot:
    lw t1, 0(t0)                # MagicValue
    li t2, 0x74726976           # "virt"
    bne t1, t2, balloon_init_skip
    lw t1, 8(t0)                # DeviceID
    li t2, BALLOON_DEVICE_ID
    beq t1, t2, balloon_init_found
balloon_init_skip:
    li t1, 0x1000
    add t0, t0, t1
    addi t3, t3, -1
    bnez t3, balloon_init_slot
    ret                         # no balloon: nothing else of this file ever runs
balloon_init_found:
    la t1, balloon_dev
    sw t0, 0(t1)
    li t1, BALLOON_VQ_PA        # the queues, the request and the balloon's stack are
    li t2, BALLOON_END          # zeroed now, as a driver allocates its rings at probe
balloon_init_zero:              # time: the pages are the kernel's from boot on
    sw zero, 0(t1)
    addi t1, t1, 4
    bne t1, t2, balloon_init_zero
    sw zero, 0x70(t0)           # Status: reset
    li t1, 1
    sw t1, 0x70(t0)             # ACKNOWLEDGE
    li t1, 3
    sw t1, 0x70(t0)             # DRIVER
    sw zero, 0x20(t0)           # GuestFeatures: none
    li t1, 4096
    sw t1, 0x28(t0)             # GuestPageSize
    li t4, 0                    # queue 0 (inflateq), then 1 (deflateq)
    li t5, BALLOON_VQ_PA >> 12
balloon_init_queue:
    sw t4, 0x30(t0)             # QueueSel
    li t1, BALLOON_VQ_SIZE
    sw t1, 0x38(t0)             # QueueNum
    li t1, 4096
    sw t1, 0x3c(t0)             # QueueAlign
    sw t5, 0x40(t0)             # QueuePFN
    addi t5, t5, 2
    addi t4, t4, 1
    li t1, 2
    bne t4, t1, balloon_init_queue
    li t1, 7
    sw t1, 0x70(t0)             # DRIVER_OK
    ret

# balloon_tick: called at each timer interrupt (interrupts off). Moves the balloon one
# request towards the host's target. Uses only a0-a5 and t0-t5.
balloon_tick:
    la t0, balloon_dev
    lw t0, 0(t0)
    beqz t0, balloon_tick_done
    lw a1, 0x100(t0)            # num_pages: the host's target
    la t1, balloon_pages
    lw a2, 0(t1)                # the balloon's size now
    bltu a2, a1, balloon_inflate
    bltu a1, a2, balloon_deflate
balloon_tick_done:
    ret

balloon_inflate:
    sub a3, a1, a2              # a3 = pages to give in this request
    li t1, BALLOON_BATCH
    bgeu t1, a3, balloon_inflate_sized
    mv a3, t1
balloon_inflate_sized:
    li a4, 0                    # a4 = pages taken so far
balloon_inflate_next:
    beq a4, a3, balloon_inflate_send
    add t1, a2, a4              # t1 = balloon size with this page's predecessors
    li t2, BALLOON_MAX
    bgeu t1, t2, balloon_inflate_send
    la t2, frames_in_use        # free = pool - in use - ballooned: keep the floor
    lw t2, 0(t2)
    add t2, t2, t1
    li t3, BALLOON_POOL_FRAMES - BALLOON_FLOOR
    bgeu t2, t3, balloon_inflate_send
    la t2, free_frames          # a freed frame first (its first word links the list)
    lw a0, 0(t2)
    beqz a0, balloon_inflate_fresh
    lw t3, 0(a0)
    sw t3, 0(t2)
    j balloon_inflate_take
balloon_inflate_fresh:          # else a never-used frame, as frame_alloc would take it
    la t2, next_frame
    lw a0, 0(t2)
    bnez a0, balloon_inflate_have
    li a0, FRAME_POOL
balloon_inflate_have:
    li t3, FRAME_POOL_END
    bgeu a0, t3, balloon_inflate_send
    li t3, 4096
    add t3, a0, t3
    sw t3, 0(t2)
balloon_inflate_take:           # the PFN into the request and onto the balloon's stack
    srli a0, a0, 12
    li t2, BALLOON_PFN_BUF
    slli t3, a4, 2
    add t2, t2, t3
    sw a0, 0(t2)
    li t2, BALLOON_PAGES_PA
    slli t3, t1, 2
    add t2, t2, t3
    sw a0, 0(t2)
    addi a4, a4, 1
    j balloon_inflate_next
balloon_inflate_send:
    beqz a4, balloon_tick_done  # refused: `actual` stays where it is
    li a5, 0                    # inflateq
    j balloon_send

balloon_deflate:
    sub a3, a2, a1              # a3 = pages to take back in this request
    li t1, BALLOON_BATCH
    bgeu t1, a3, balloon_deflate_sized
    mv a3, t1
balloon_deflate_sized:
    li a4, 0
balloon_deflate_next:           # from the top of the balloon's stack
    beq a4, a3, balloon_deflate_send
    sub t1, a2, a4
    addi t1, t1, -1
    slli t1, t1, 2
    li t2, BALLOON_PAGES_PA
    add t1, t1, t2
    lw a0, 0(t1)
    li t2, BALLOON_PFN_BUF
    slli t3, a4, 2
    add t2, t2, t3
    sw a0, 0(t2)
    addi a4, a4, 1
    j balloon_deflate_next
balloon_deflate_send:
    li a5, 1                    # deflateq

# balloon_send(t0 = device, a5 = queue, a4 = PFNs in BALLOON_PFN_BUF, a2 = balloon size):
# descriptor 0 holds the request, published in the available ring; QueueNotify; wait
# for the used ring. Then the pages change hands and `actual` tells the host.
balloon_send:
    slli t1, a5, 13             # each queue takes two pages
    li t2, BALLOON_VQ_PA
    add t1, t1, t2              # t1 = the queue's descriptor table
    li t2, BALLOON_PFN_BUF
    sw t2, 0(t1)                # descriptor 0: addr (64 bits), len, flags 0, next
    sw zero, 4(t1)
    slli t2, a4, 2
    sw t2, 8(t1)
    sw zero, 12(t1)
    addi t2, t1, 16 * BALLOON_VQ_SIZE # the available ring
    lhu t3, 2(t2)               # avail.idx
    andi t4, t3, BALLOON_VQ_SIZE - 1
    slli t4, t4, 1
    add t4, t2, t4
    sh zero, 4(t4)              # avail.ring[idx % size] = descriptor 0
    fence w, w
    addi t3, t3, 1
    sh t3, 2(t2)
    fence w, w
    sw a5, 0x50(t0)             # QueueNotify
    li t2, 4096
    add t2, t1, t2              # the used ring, on the next page
    slli t3, t3, 16
    srli t3, t3, 16
balloon_send_wait:
    lhu t4, 2(t2)               # used.idx catches up when the host has the pages
    bne t4, t3, balloon_send_wait
    bnez a5, balloon_deflated
    add a2, a2, a4
    j balloon_report
balloon_deflated:               # the host was told first: the frames are free again
    li t5, 0
balloon_deflate_free:
    beq t5, a4, balloon_deflate_freed
    slli t2, t5, 2
    li t3, BALLOON_PFN_BUF
    add t2, t2, t3
    lw t2, 0(t2)
    slli t2, t2, 12
    la t3, free_frames          # push, as frame_free does (without frames_in_use)
    lw t4, 0(t3)
    sw t4, 0(t2)
    sw t2, 0(t3)
    addi t5, t5, 1
    j balloon_deflate_free
balloon_deflate_freed:
    sub a2, a2, a4
balloon_report:
    la t1, balloon_pages
    sw a2, 0(t1)
    sw a2, 0x104(t0)            # actual
    ret

.data
.align 2
balloon_dev:    .word 0         # the balloon's virtio-mmio registers, 0 if none
balloon_pages:  .word 0         # pages in the balloon
.endif
