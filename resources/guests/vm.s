# vm.s - memory: page frames, Sv32 page tables, address spaces, demand paging, mmap.
# (Part of the kernel source: privops.inc + kernel.s + proc.s + vm.s + console.s + ...)
#
# Sv32: a virtual address is VPN[1] (10 bits) | VPN[0] (10 bits) | offset (12 bits).
# The root table (level 1) has 1024 entries, each either a 4 MiB "megapage" leaf or a
# pointer to a level-0 table of 1024 entries for 4 KiB pages. A PTE holds the physical
# page number in bits 31..10 (so PTE = physical address >> 2 | flags).
.text

# frame_alloc() -> a0 = a zeroed 4 KiB frame. Freed frames are reused first.
frame_alloc:
    la t0, free_frames
    lw a0, 0(t0)
    beqz a0, frame_alloc_fresh
    lw t1, 0(a0)                # pop the free list (its link is the frame's first word)
    sw t1, 0(t0)
    j frame_alloc_zero
frame_alloc_fresh:
    la t0, next_frame
    lw a0, 0(t0)
    bnez a0, frame_alloc_have
    li a0, FRAME_POOL           # first use
frame_alloc_have:
    li t1, FRAME_POOL_END
    bgeu a0, t1, frame_alloc_out
    li t1, 4096
    add t1, a0, t1
    sw t1, 0(t0)
frame_alloc_zero:
    la t0, frames_in_use
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    li t1, 4096
    add t1, a0, t1
    mv t2, a0
frame_alloc_clear:
    sw zero, 0(t2)
    addi t2, t2, 4
    bne t2, t1, frame_alloc_clear
    ret
frame_alloc_out:
    la a0, msg_oom
    call kputs
    li a0, 1
    j sbi_system_reset

# frame_free(a0 = frame): push on the free list.
frame_free:
    la t0, frames_in_use
    lw t1, 0(t0)
    addi t1, t1, -1
    sw t1, 0(t0)
    la t0, free_frames
    lw t1, 0(t0)
    sw t1, 0(a0)
    sw a0, 0(t0)
    ret

# vm_init: the per-CPU page and its level-0 table, then the kernel's own address space.
vm_init:
    addi sp, sp, -16
    sw ra, 12(sp)
.ifdef PARAVIRT
    call pv_map_kernel_ram
.endif
    call frame_alloc            # the level-0 table for the top 4 MiB of every space
    PROTECT_TABLE a0
    la t0, percpu_l0
    sw a0, 0(t0)
    li t1, 1023 * 4
    add t1, a0, t1              # its last entry: 0xFFFFF000 -> PERCPU_PA
    li t2, (PERCPU_PA >> 2) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    WRITE_PTE t1, t2
    call as_create
    srli a0, a0, 12
    li t0, SATP_SV32
    or a0, a0, t0
    SET_SATP a0                 # paging on: the kernel runs at the same addresses
    WRITE_SSCRATCH zero         # "in the kernel" for the trap vector
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# as_create() -> a0 = a new root table: kernel RAM, the devices and the per-CPU page,
# all without PTE_U, so user code cannot touch them. The four entries go as one batch.
as_create:
    addi sp, sp, -16
    sw ra, 12(sp)
    call frame_alloc
    PROTECT_TABLE a0
    li t0, 0x200 * 4            # 0x80000000: kernel RAM, two megapages
    add t0, a0, t0
.ifndef PARAVIRT
    li t1, (0x80000000 >> 2) | PTE_KERNEL
    BATCH_PTE t0, t1
    addi t0, t0, 4              # 0x80400000
    li t1, (0x80400000 >> 2) | PTE_KERNEL
    BATCH_PTE t0, t1
.else
    li t1, (KERNEL_L0_PA >> 2) | PTE_V  # PARAVIRT: the shared tables, page by page
    BATCH_PTE t0, t1
    addi t0, t0, 4
    li t1, ((KERNEL_L0_PA + 4096) >> 2) | PTE_V
    BATCH_PTE t0, t1
.endif
    li t0, 0x040 * 4            # 0x10000000: UART and virtio-mmio
    add t0, a0, t0
    li t1, (0x10000000 >> 2) | PTE_MMIO
    BATCH_PTE t0, t1
    li t0, 0x3FF * 4            # 0xFFC00000: the shared table of the per-CPU page
    add t0, a0, t0
    la t1, percpu_l0
    lw t1, 0(t1)
    srli t1, t1, 2
    ori t1, t1, PTE_V
    BATCH_PTE t0, t1
    FLUSH_PTE_BATCH
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# as_load_image(a0 = root): copy the user image into fresh frames at USER_TEXT.
as_load_image:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    sw s2, 0(sp)
    mv s0, a0
    li s1, 0                    # page offset
as_load_page:
    call frame_alloc
    mv s2, a0
    la t0, user_image_start
    add t0, t0, s1              # copy 4 KiB
    li t1, 4096
    add t1, a0, t1
as_load_copy:
    lw t2, 0(t0)
    sw t2, 0(a0)
    addi t0, t0, 4
    addi a0, a0, 4
    bne a0, t1, as_load_copy
    mv a0, s0
    li a1, USER_TEXT
    add a1, a1, s1
    mv a2, s2
    li a3, PTE_USER_RWX         # writable code: the self-modifying workload needs it
    call map_page
    li t0, 4096
    add s1, s1, t0
    li t0, USER_IMAGE_PAGES * 4096
    bne s1, t0, as_load_page
    lw s2, 0(sp)
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# as_free_user(a0 = root): at exit, unmap every user page (one batch per level-0
# table) and free its frame. The page tables themselves are kept: a page that has been
# a page table never becomes a data page again.
.equ USER_TABLES, STACK_TOP >> 22   # level-1 entries that cover the user area
as_free_user:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    sw s2, 16(sp)
    sw s3, 12(sp)
    mv s0, a0                   # s0 = the level-1 entry
    li s3, USER_TABLES
as_free_table:
    lw t0, 0(s0)
    andi t1, t0, PTE_V
    beqz t1, as_free_table_next
    srli s1, t0, 10
    slli s1, s1, 12             # s1 = the level-0 entry
    li t1, 4096
    add s2, s1, t1              # s2 = the end of the table
as_free_page:
    lw t0, 0(s1)
    andi t1, t0, PTE_V
    beqz t1, as_free_page_next
    BATCH_PTE s1, zero
    srli a0, t0, 10
    slli a0, a0, 12
    call frame_free
as_free_page_next:
    addi s1, s1, 4
    bne s1, s2, as_free_page
    FLUSH_PTE_BATCH
as_free_table_next:
    addi s0, s0, 4
    addi s3, s3, -1
    bnez s3, as_free_table
    SFENCE_ALL
    lw s3, 12(sp)
    lw s2, 16(sp)
    lw s1, 20(sp)
    lw s0, 24(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret

# pte_walk(a0 = root, a1 = va, a2 = allocate) -> a0 = address of the level-0 PTE,
# or 0 when its table is missing and a2 = 0.
pte_walk:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    srli t0, a1, 22
    slli t0, t0, 2
    add s0, a0, t0              # s0 = the level-1 PTE
    mv s1, a1
    lw t0, 0(s0)
    andi t1, t0, PTE_V
    bnez t1, pte_walk_down
    li a0, 0
    beqz a2, pte_walk_done
    call frame_alloc            # a new level-0 table
    PROTECT_TABLE a0
    srli t0, a0, 2
    ori t0, t0, PTE_V           # V without R/W/X: a pointer to the next level
    WRITE_PTE s0, t0
pte_walk_down:
    srli t0, t0, 10
    slli t0, t0, 12             # t0 = the level-0 table
    srli t1, s1, 12
    andi t1, t1, 0x3FF
    slli t1, t1, 2
    add a0, t0, t1
pte_walk_done:
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# map_page(a0 = root, a1 = va, a2 = frame, a3 = PTE_R/W/X/U flags)
map_page:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a1
    srli s1, a2, 2
    or s1, s1, a3
    ori s1, s1, PTE_V | PTE_A | PTE_D
    li a2, 1
    call pte_walk
    WRITE_PTE a0, s1
    SFENCE_PAGE s0
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# user_translate(a0 = root, a1 = va) -> a0 = physical address, or 0 if not a user page.
user_translate:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    mv s0, a1
    li a2, 0
    call pte_walk
    beqz a0, user_translate_done
    lw t0, 0(a0)
    li a0, 0
    andi t1, t0, PTE_V
    beqz t1, user_translate_done
    andi t1, t0, PTE_U
    beqz t1, user_translate_done
    srli t0, t0, 10
    slli t0, t0, 12
    andi t1, s0, 0x7FF          # the offset in the page, in two steps (andi is signed)
    add t0, t0, t1
    li t1, 0x800
    and t1, s0, t1
    add a0, t0, t1
user_translate_done:
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# in_range(a0 = va, a1 = start, a2 = end) -> a0 = 1 if start <= va < end
in_range:
    sltu t0, a0, a1
    sltu t1, a0, a2
    xori t0, t0, 1
    and a0, t0, t1
    ret

# page_fault(a0 = trap frame): demand paging. A first touch of the heap or the stack
# gets a fresh zeroed page; any other fault kills the process.
page_fault:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    lw s0, TF_STVAL(a0)         # the faulting address
    mv a0, s0
    li a1, HEAP_START
    li a2, HEAP_END
    call in_range
    bnez a0, page_fault_demand
    mv a0, s0
    li a1, STACK_BOTTOM
    li a2, STACK_TOP
    call in_range
    beqz a0, page_fault_kill
page_fault_demand:
    call current_pcb
    mv s1, a0
    lw a0, PCB_ROOT(s1)
    mv a1, s0
    call user_translate
    bnez a0, page_fault_kill    # mapped already: a permission fault, not a first touch
    lw t0, PCB_FAULTS(s1)
    addi t0, t0, 1
    sw t0, PCB_FAULTS(s1)
    call frame_alloc
    mv a2, a0
    lw a0, PCB_ROOT(s1)
    srli a1, s0, 12
    slli a1, a1, 12
    li a3, PTE_USER_RW
    call map_page
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret
page_fault_kill:
    la a0, msg_killed_fault
    mv a1, s0
    j proc_kill

# sys_mmap(a0 = page-aligned address in [MMAP_START, MMAP_END)) -> a0, or -EINVAL.
sys_mmap:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    call mmap_check
    bnez a0, sys_mmap_done
    call current_pcb
    lw s1, PCB_ROOT(a0)
    mv a0, s1
    mv a1, s0
    call user_translate
    li t0, -EINVAL
    bnez a0, sys_mmap_fail      # already mapped
    call frame_alloc
    mv a2, a0
    mv a0, s1
    mv a1, s0
    li a3, PTE_USER_RW
    call map_page
    mv a0, s0
    j sys_mmap_done
sys_mmap_fail:
    mv a0, t0
sys_mmap_done:
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# sys_munmap(a0 = address given to mmap) -> 0, or -EINVAL. The frame is freed.
sys_munmap:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    call mmap_check
    bnez a0, sys_munmap_done
    call current_pcb
    lw a0, PCB_ROOT(a0)
    mv a1, s0
    li a2, 0
    call pte_walk
    beqz a0, sys_munmap_fail
    lw s1, 0(a0)
    andi t0, s1, PTE_V
    beqz t0, sys_munmap_fail
    WRITE_PTE a0, zero
    SFENCE_PAGE s0
    srli a0, s1, 10
    slli a0, a0, 12
    call frame_free
    li a0, 0
    j sys_munmap_done
sys_munmap_fail:
    li a0, -EINVAL
sys_munmap_done:
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# mmap_check(a0 = address) -> a0 = 0 if page-aligned inside the mmap area, else -EINVAL.
mmap_check:
    slli t0, a0, 20             # the page offset (0xFFF does not fit in andi)
    bnez t0, mmap_check_bad
    li t0, MMAP_START
    bltu a0, t0, mmap_check_bad
    li t0, MMAP_END
    bgeu a0, t0, mmap_check_bad
    li a0, 0
    ret
mmap_check_bad:
    li a0, -EINVAL
    ret

.ifdef PARAVIRT
# pv_map_kernel_ram: fill the two shared level-0 tables at KERNEL_L0_PA, one 4 KiB
# kernel page per frame of 0x80000000-0x807fffff (2048 entries, in batches), the
# tables' own frames read-only: direct paging never lets a page table be writable.
pv_map_kernel_ram:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    li s0, KERNEL_L0_PA         # s0 = the entry
    li s1, 0x80000000           # s1 = the frame it maps
pv_map_kernel_page:
    srli t1, s1, 2
    ori t1, t1, PTE_KERNEL
    li t0, KERNEL_L0_PA
    bltu s1, t0, pv_map_kernel_put
    li t0, KERNEL_L0_PA + 2 * 4096
    bgeu s1, t0, pv_map_kernel_put
    xori t1, t1, PTE_W | PTE_X  # a frame of the tables themselves: read-only
pv_map_kernel_put:
    BATCH_PTE s0, t1
    addi s0, s0, 4
    li t0, 4096
    add s1, s1, t0
    li t0, FRAME_POOL_END
    bne s1, t0, pv_map_kernel_page
    FLUSH_PTE_BATCH
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# The PARAVIRT batch of page-table updates: {pte address, new pte} pairs sent to the
# hypervisor with one MMU_UPDATE hypercall instead of one trap per write. These helpers
# run inside BATCH_PTE / FLUSH_PTE_BATCH and may use only a0, a1, a6, a7 and ra.
.equ PV_BATCH_MAX, 8
pv_pte_batch_add:               # a0 = pte address, a1 = new pte
    la a6, pv_batch_count
    lw a7, 0(a6)
    slli a7, a7, 3
    la a6, pv_batch
    add a6, a6, a7
    sw a0, 0(a6)
    sw a1, 4(a6)
    la a6, pv_batch_count
    lw a7, 0(a6)
    addi a7, a7, 1
    sw a7, 0(a6)
    li a6, PV_BATCH_MAX
    beq a7, a6, pv_pte_batch_flush
    ret
pv_pte_batch_flush:
    la a6, pv_batch_count
    lw a1, 0(a6)
    beqz a1, pv_pte_batch_empty
    sw zero, 0(a6)
    la a0, pv_batch             # guest-physical: the kernel is identity-mapped
    li a6, HC_MMU_UPDATE
    li a7, VIZ_EID
    ecall
pv_pte_batch_empty:
    ret
.endif

.data
.align 2
free_frames: .word 0            # list of freed frames
next_frame:  .word 0            # next never-used frame (0: FRAME_POOL)
percpu_l0:   .word 0            # level-0 table shared by all spaces for 0xFFC00000
frames_in_use: .word 0
.ifdef PARAVIRT
pv_batch_count: .word 0
pv_batch:    .space 8 * 8
.endif

.section .rodata
msg_oom:     .asciz "kernel: out of memory\n"
