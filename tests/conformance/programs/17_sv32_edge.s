# Sv32 corner cases: misaligned accesses that cross into an unmapped or read-only page,
# a level-0 PTE that points further (no leaf at the last level), hardware A/D updates
# on fetch and on a store to a clean page, and MPRV: M-mode data accesses translated
# with the privilege in MPP (SUM still applying), instruction fetch never translated.
.text
.equ ROOT, PT_AREA
.equ L0, PT_AREA + 0x1000
.equ VA, 0x40000000
.equ VA_RW, VA                  # slot 0: R W            -> FRAME_A
.equ VA_RO, VA + 0x1000         # slot 1: R              -> FRAME_B
.equ VA_RW3, VA + 0x2000        # slot 2: R W            -> FRAME_D
.equ VA_HOLE, VA + 0x3000       # slot 3: invalid
.equ VA_CLEAN, VA + 0x4000      # slot 4: R W, A = D = 0 -> FRAME_C
.equ VA_PTR, VA + 0x5000        # slot 5: V only at level 0: malformed
.equ VA_CODE, VA + 0x6000       # slot 6: X, A = 0       -> code_page
.equ VA_USER, VA + 0x7000       # slot 7: U R W          -> FRAME_U
.equ VA_ALIAS, 0x80400000       # second megapage: L0_2 slot 0 -> FRAME_A
.equ L0_2, PT_AREA + 0x2000
.equ FRAME_A, 0x80300000
.equ FRAME_B, 0x80301000
.equ FRAME_C, 0x80302000
.equ FRAME_U, 0x80303000
.equ FRAME_D, 0x80304000
.equ MSTATUS_MPRV, 0x20000

.macro L0_SLOT table, slot, flags
    srli t0, t0, 12
    slli t0, t0, 10
    ori t0, t0, \flags
    li t1, \table + 4 * \slot
    sw t0, 0(t1)
.endm

_start:
    INIT
    PRINT
    .asciz "17 Sv32 corner cases\n"
    ENDPRINT
    jal ra, build_tables
    li t0, FRAME_D + 0xffc
    li t1, 0x33221100
    sw t1, 0(t0)
    li t0, FRAME_A
    li t1, 0xa0a0a0a0
    sw t1, 0(t0)

    li t0, FRAME_U
    li t1, 0x0000babe
    sw t1, 0(t0)
    li t0, VA_ALIAS             # the physical word behind VA_ALIAS when untranslated
    li t1, 0x9999
    sw t1, 0(t0)

    la t0, s_trap_report_skip
    csrw stvec, t0
    li t0, (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, t0
    li t0, 0x80000000 | (ROOT >> 12)
    csrw satp, t0
    sfence.vma

    PRINT
    .asciz "M: MPRV\n"
    ENDPRINT
    # While MPRV = 1 every load/store of M (stack and UART included) is translated
    # with MPP's privilege, so nothing is printed until it is cleared. A trap sets
    # MPP = M (the handler runs untranslated) and its mret leaves MPP = U.
    li s0, VA_ALIAS
    li s1, VA_USER
    lw t0, 0(s0)
    SHOW M_plain, t0
    EXPECT_EPC f_mprv_sum0
    li t0, MSTATUS_MPRV | MSTATUS_MPP_S
    csrs mstatus, t0
    lw s2, 0(s0)                # S view: translated
f_mprv_sum0:
    lw t0, 0(s1)                # S view of a U page without SUM: fault (taken in M)
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S | MSTATUS_SUM
    csrs mstatus, t0
    lw s3, 0(s1)                # S view with SUM
    EXPECT_EPC f_mprv_u_spage
    li t0, MSTATUS_MPP | MSTATUS_SUM
    csrc mstatus, t0            # MPP = U
    lw s4, 0(s1)                # U view of a U page
f_mprv_u_spage:
    lw t0, 0(s0)                # U view of an S page: fault
    li t0, MSTATUS_MPP
    csrs mstatus, t0            # MPP = M: no translation
    lw s5, 0(s0)
    li t0, MSTATUS_MPRV | MSTATUS_MPP
    csrc mstatus, t0
    SHOW M_mprv_mpp_s, s2
    SHOW M_mprv_sum1, s3
    SHOW M_mprv_mpp_u, s4
    SHOW M_mprv_mpp_m, s5

    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    PRINT
    .asciz "S: misaligned across pages\n"
    ENDPRINT
    li s0, VA_RW3 + 0xffc
    lw t0, 0(s0)
    SHOW last_word, t0
    li t0, 0x5a5a5a5a
    EXPECT_EPC f_cross_load
f_cross_load:
    lw t0, 2(s0)                # second half in the invalid page
    SHOW cross_load_rd, t0
    EXPECT_EPC f_cross_store
f_cross_store:
    sw zero, 2(s0)
    lw t0, 0(s0)
    SHOW after_failed_store, t0 # no partial write
    li t0, FRAME_A + 0xffc      # a known last word for VA_RW
    li t1, 0x44332211
    sw t1, 0(t0)
    li s1, VA_RW + 0xffc
    EXPECT_EPC f_cross_ro
f_cross_ro:
    sh zero, 3(s1)              # first byte in a writable page, second read-only
    lw t0, 0(s1)
    SHOW ro_cross_last_word, t0

    PRINT
    .asciz "S: level-0 pointer PTE\n"
    ENDPRINT
    li s0, VA_PTR
    EXPECT_EPC f_ptr
f_ptr:
    lw t0, 0(s0)

    PRINT
    .asciz "S: A and D set by hardware\n"
    ENDPRINT
    li s0, L0
    lw t0, 4 * 6(s0)
    andi t0, t0, 0x3ff          # flags only: the frame depends on the code layout
    SHOW pte_code_before, t0
    li t0, VA_CODE
    jalr ra, 0(t0)
    SHOW code_result, a0
    lw t0, 4 * 6(s0)
    andi t0, t0, 0x3ff
    SHOW pte_code_after_fetch, t0
    lw t0, 4 * 4(s0)
    SHOW pte_clean_before, t0
    li t1, VA_CLEAN
    sw zero, 0(t1)
    lw t0, 4 * 4(s0)
    SHOW pte_clean_after_store, t0

    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

build_tables:
    li t0, ROOT
    li t1, 0x3000
    add t1, t0, t1
clear_loop:
    sw zero, 0(t0)
    addi t0, t0, 4
    bne t0, t1, clear_loop
    li a0, ROOT
    li t0, ((0x00000000 >> 12) << 10) | 0xc7
    sw t0, 0(a0)
    li t0, ((0x10000000 >> 12) << 10) | 0xc7
    li t1, ROOT + 4 * (0x10000000 >> 22)
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0xcf
    li t1, ROOT + 4 * (0x80000000 >> 22)
    sw t0, 0(t1)
    li t0, ((L0 >> 12) << 10) | 1
    li t1, ROOT + 4 * (VA >> 22)
    sw t0, 0(t1)
    li t0, ((L0_2 >> 12) << 10) | 1
    li t1, ROOT + 4 * (VA_ALIAS >> 22)
    sw t0, 0(t1)
    li t0, FRAME_A
    L0_SLOT L0, 0, 0xc7
    li t0, FRAME_B
    L0_SLOT L0, 1, 0x43
    li t0, FRAME_D
    L0_SLOT L0, 2, 0xc7
    li t0, FRAME_C
    L0_SLOT L0, 4, 0x07
    li t0, L0                   # a "pointer" at level 0
    L0_SLOT L0, 5, 0x01
    la t0, code_page
    L0_SLOT L0, 6, 0x09
    li t0, FRAME_U
    L0_SLOT L0, 7, 0xd7
    li t0, FRAME_A
    L0_SLOT L0_2, 0, 0xc7
    ret

.align 12, 0
code_page:
    li a0, 0x1234
    ret
