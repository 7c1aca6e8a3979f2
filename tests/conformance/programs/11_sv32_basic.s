# Sv32 paging: an identity map built from 4 MiB megapages plus one 4 KiB page table
# that remaps two pages at 0x40000000. S-mode reads and writes through both views and
# then looks at the hardware-set A and D bits in the leaf PTEs.
.text
.equ ROOT, PT_AREA              # level-1 table
.equ L0, PT_AREA + 0x1000       # level-0 table for 0x40000000..0x403fffff
.equ FRAME_A, 0x80300000        # physical frames behind the remapped pages
.equ FRAME_B, 0x80305000        # not adjacent to FRAME_A
.equ VA_A, 0x40000000
.equ VA_B, 0x40001000
.equ PTE_V, 0x01
.equ PTE_R, 0x02
.equ PTE_W, 0x04
.equ PTE_X, 0x08
.equ PTE_A, 0x40
.equ PTE_D, 0x80
.equ SATP_SV32, 0x80000000

_start:
    INIT
    PRINT
    .asciz "11 Sv32 basics\n"
    ENDPRINT
    jal ra, build_tables
    li t0, FRAME_A
    li t1, 0xaaaa0000
    sw t1, 0(t0)
    li t0, FRAME_B
    li t1, 0xbbbb0000
    sw t1, 0(t0)

    li t0, SATP_SV32 | (ROOT >> 12)
    csrw satp, t0
    sfence.vma
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret                        # paging applies from here on (S-mode)

s_main:
    PRINT
    .asciz "S: paging on\n"
    ENDPRINT
    csrr t0, satp
    SHOW satp, t0
    li s0, VA_A
    li s1, FRAME_A              # identity-mapped view of the same frame
    li s2, L0

    lw t1, 0(s2)
    SHOW pte_a_before, t1
    lw t0, 0(s0)
    SHOW read_via_remap, t0
    lw t1, 0(s2)
    SHOW pte_a_after_read, t1
    li t0, 0x12345678
    sw t0, 4(s0)
    lw t1, 0(s2)
    SHOW pte_a_after_write, t1
    lw t0, 4(s1)
    SHOW read_via_identity, t0
    li t0, 0x0badcafe
    sw t0, 8(s1)
    lw t0, 8(s0)
    SHOW identity_write_seen, t0

    li s0, VA_B                 # a write first: A and D together
    lw t1, 4(s2)
    SHOW pte_b_before, t1
    li t0, 0x55
    sb t0, 3(s0)
    lw t1, 4(s2)
    SHOW pte_b_after_write, t1
    lw t0, 0(s0)
    SHOW frame_b_word, t0

    # A misaligned word across the VA_A/VA_B boundary: two translations, two frames.
    li t0, VA_A + 0xffc
    li t1, 0x44332211
    sw t1, 0(t0)
    lw t1, 3(t0)
    SHOW word_across_pages, t1

    # The megapage PTEs were built with A and D set; they keep them.
    li t0, ROOT + 4 * (0x80000000 >> 22)
    lw t1, 0(t0)
    SHOW pte_ram_megapage, t1
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# Root: identity megapages for the finisher (VA 0), the UART and the first 4 MiB of RAM;
# one pointer to the level-0 table for 0x40000000. Level 0: VA_A -> FRAME_A, VA_B ->
# FRAME_B, readable and writable, A and D clear.
build_tables:
    li t0, ROOT
    li t1, 0x2000               # clear both tables
    add t1, t0, t1
clear_loop:
    sw zero, 0(t0)
    addi t0, t0, 4
    bne t0, t1, clear_loop
    li a0, ROOT
    li t0, ((0x00000000 >> 12) << 10) | 0xc7      # V R W A D
    sw t0, 4 * (0x00000000 >> 22)(a0)
    li t0, ((0x10000000 >> 12) << 10) | 0xc7
    li t1, 4 * (0x10000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0xcf      # V R W X A D
    li t1, 4 * (0x80000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t0, ((L0 >> 12) << 10) | PTE_V            # pointer: V only
    li t1, 4 * (VA_A >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li a0, L0
    li t0, ((FRAME_A >> 12) << 10) | PTE_V | PTE_R | PTE_W
    sw t0, 0(a0)
    li t0, ((FRAME_B >> 12) << 10) | PTE_V | PTE_R | PTE_W
    sw t0, 4(a0)
    ret
