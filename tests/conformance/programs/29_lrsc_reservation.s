# What ends an LR reservation on this board, as QEMU implements it: a trap between LR
# and SC makes the SC fail; a plain store of a different value to the reserved word
# makes it fail (QEMU's SC compares the value LR loaded); storing the same value does
# not; an SC to a different word fails and does not write.
.text
_start:
    INIT
    PRINT
    .asciz "29 LR/SC reservations\n"
    ENDPRINT
    li s0, SCRATCH
    li t0, 10
    sw t0, 0(s0)
    sw t0, 8(s0)

    lr.w t0, (s0)
    EXPECT_EPC r_ecall
r_ecall:
    ecall                       # a trap in between
    addi t0, t0, 1
    sc.w t1, t0, (s0)
    SHOW sc_after_trap, t1
    lw t0, 0(s0)
    SHOWD mem_after_trap_case, t0

    lr.w t0, (s0)
    li t2, 99
    sw t2, 0(s0)                # a different value
    addi t0, t0, 1
    sc.w t1, t0, (s0)
    SHOW sc_after_other_value, t1
    lw t0, 0(s0)
    SHOWD mem_after_other_value, t0

    lr.w t0, (s0)
    sw t0, 0(s0)                # the same value again
    addi t0, t0, 1
    sc.w t1, t0, (s0)
    SHOW sc_after_same_value, t1
    lw t0, 0(s0)
    SHOWD mem_after_same_value, t0

    lr.w t0, (s0)
    addi t0, t0, 1
    addi s1, s0, 8
    sc.w t1, t0, (s1)
    SHOW sc_other_word, t1
    lw t0, 8(s0)
    SHOWD other_word, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
