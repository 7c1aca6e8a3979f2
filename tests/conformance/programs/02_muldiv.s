# M extension: products of signed/unsigned operands and every division corner case.
.text
_start:
    INIT
    PRINT
    .asciz "02 multiply and divide\n"
    ENDPRINT
    li s0, 0x7fffffff           # INT_MAX
    li s1, 0x80000000           # INT_MIN
    li s2, -1
    li s3, 7
    li s4, -7
    li s5, 2

    mul t0, s0, s0
    SHOW mul_max_max, t0
    mulh t0, s0, s0
    SHOW mulh_max_max, t0
    mulh t0, s1, s1
    SHOW mulh_min_min, t0
    mulh t0, s1, s2
    SHOW mulh_min_m1, t0
    mulhu t0, s1, s2
    SHOW mulhu_min_m1, t0
    mulhu t0, s2, s2
    SHOW mulhu_m1_m1, t0
    mulhsu t0, s2, s2           # -1 * 0xffffffff
    SHOW mulhsu_m1_m1, t0
    mulhsu t0, s1, s2
    SHOW mulhsu_min_m1, t0
    mulhsu t0, s0, s2
    SHOW mulhsu_max_m1, t0
    mulhsu t0, s4, s5
    SHOW mulhsu_m7_2, t0
    mul t0, s4, s3
    SHOWD mul_m7_7, t0
    mulh t0, s4, s3
    SHOW mulh_m7_7, t0
    mulhu t0, s4, s3
    SHOW mulhu_m7_7, t0

    div t0, s3, s5
    SHOWD div_7_2, t0
    div t0, s4, s5
    SHOWD div_m7_2, t0          # rounds toward zero
    rem t0, s4, s5
    SHOWD rem_m7_2, t0          # sign of the dividend
    rem t0, s3, s2
    SHOWD rem_7_m1, t0
    divu t0, s4, s5
    SHOW divu_m7_2, t0
    remu t0, s4, s5
    SHOW remu_m7_2, t0

    div t0, s3, zero
    SHOW div_by_0, t0           # all ones
    divu t0, s3, zero
    SHOW divu_by_0, t0
    rem t0, s4, zero
    SHOWD rem_by_0, t0          # the dividend
    remu t0, s4, zero
    SHOW remu_by_0, t0
    div t0, s1, s2
    SHOW div_min_m1, t0         # overflow: INT_MIN
    rem t0, s1, s2
    SHOW rem_min_m1, t0         # overflow: 0
    divu t0, s1, s2
    SHOW divu_min_m1, t0
    remu t0, s1, s2
    SHOW remu_min_m1, t0

    # Destination equal to a source.
    mv t1, s3
    mul t1, t1, t1
    SHOWD mul_self, t1
    mv t1, s4
    div t1, t1, t1
    SHOWD div_self, t1

    # A small loop: 12! fits in 32 bits, 16! wraps.
    li t0, 1
    li t1, 1
    li t2, 13
fact_loop:
    mul t0, t0, t1
    addi t1, t1, 1
    bne t1, t2, fact_loop
    SHOWD fact12, t0
    li t1, 13
fact_loop2:
    mul t0, t0, t1              # continue to 16!, which overflows
    addi t1, t1, 1
    li t2, 17
    bne t1, t2, fact_loop2
    SHOW fact16_wrapped, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
