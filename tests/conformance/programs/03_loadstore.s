# Loads and stores of every width at every alignment, with sign and zero extension.
# Whether a misaligned access traps is the reference's choice: the trap handler prints
# mcause/mtval, and a sentinel in the destination shows whether the load wrote it.
.text

# Load into a1 (preset to a sentinel) from s0+off, then print it.
.macro LOADT op, name, off, lbl
    li a1, 0x5a5a5a5a
    EXPECT_EPC \lbl
\lbl:
    \op a1, \off(s0)
    SHOW \name, a1
.endm

# Store a2 to s0+off, then print the two words around it.
.macro STORET op, name, off, lbl
    jal ra, fill_scratch
    EXPECT_EPC \lbl
\lbl:
    \op a2, \off(s0)
    lw a3, 0(s0)
    lw a4, 4(s0)
    PRINT
    .asciz "\name: "
    ENDPRINT
    SHOW w0, a3
    PRINT
    .asciz "\name: "
    ENDPRINT
    SHOW w1, a4
.endm

_start:
    INIT
    PRINT
    .asciz "03 loads and stores\n"
    ENDPRINT
    li s0, SCRATCH
    jal ra, fill_scratch

    LOADT lb, lb_0, 0, l_lb_0
    LOADT lb, lb_1, 1, l_lb_1
    LOADT lb, lb_2, 2, l_lb_2
    LOADT lb, lb_3, 3, l_lb_3
    LOADT lbu, lbu_0, 0, l_lbu_0
    LOADT lbu, lbu_1, 1, l_lbu_1
    LOADT lbu, lbu_2, 2, l_lbu_2
    LOADT lbu, lbu_3, 3, l_lbu_3
    LOADT lh, lh_0, 0, l_lh_0
    LOADT lh, lh_1, 1, l_lh_1
    LOADT lh, lh_2, 2, l_lh_2
    LOADT lh, lh_3, 3, l_lh_3
    LOADT lhu, lhu_0, 0, l_lhu_0
    LOADT lhu, lhu_1, 1, l_lhu_1
    LOADT lhu, lhu_2, 2, l_lhu_2
    LOADT lhu, lhu_3, 3, l_lhu_3
    LOADT lw, lw_0, 0, l_lw_0
    LOADT lw, lw_1, 1, l_lw_1
    LOADT lw, lw_2, 2, l_lw_2
    LOADT lw, lw_3, 3, l_lw_3
    LOADT lh, lh_8, 8, l_lh_8
    LOADT lh, lh_9, 9, l_lh_9
    LOADT lbu, lbu_9, 9, l_lbu_9
    # A word straddling a page boundary.
    li t0, 0x11223344
    li t1, 0x55667788
    li t2, 0xffc
    add t2, t2, s0
    sw t0, 0(t2)
    sw t1, 4(t2)
    addi s0, t2, 0
    LOADT lw, lw_page_cross, 2, l_lw_cross
    LOADT lhu, lhu_page_cross, 3, l_lhu_cross
    li s0, SCRATCH
    li a2, 0xc1c2c3c4
    STORET sb, sb_0, 0, s_sb_0
    STORET sb, sb_1, 1, s_sb_1
    STORET sb, sb_2, 2, s_sb_2
    STORET sb, sb_3, 3, s_sb_3
    STORET sh, sh_0, 0, s_sh_0
    STORET sh, sh_1, 1, s_sh_1
    STORET sh, sh_2, 2, s_sh_2
    STORET sh, sh_3, 3, s_sh_3
    STORET sw, sw_0, 0, s_sw_0
    STORET sw, sw_1, 1, s_sw_1
    STORET sw, sw_2, 2, s_sw_2
    STORET sw, sw_3, 3, s_sw_3
    # Negative offsets and a base register that is also the destination.
    addi s1, s0, 8
    lw a1, -8(s1)
    SHOW lw_neg, a1
    mv a1, s0
    lw a1, 4(a1)
    SHOW lw_self, a1
    lh a1, -6(s1)
    SHOW lh_neg, a1
    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# Bytes 0x80, 0x81, ... 0x87 at SCRATCH (sign bits set), then 0x7f, 0x01 for positive halves.
fill_scratch:
    li t0, 0x83828180
    sw t0, 0(s0)
    li t0, 0x87868584
    sw t0, 4(s0)
    li t0, 0x017f017f
    sw t0, 8(s0)
    ret
