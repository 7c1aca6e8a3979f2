# RV32I arithmetic, logic, shifts and comparisons at the sign edges.
.text
_start:
    INIT
    PRINT
    .asciz "01 integer arithmetic\n"
    ENDPRINT
    li s0, 0x7fffffff           # INT_MAX
    li s1, 0x80000000           # INT_MIN
    li s2, -1
    li s3, 1

    add t0, s0, s3
    SHOW add_max_1, t0          # wraps to INT_MIN
    sub t0, s1, s3
    SHOW sub_min_1, t0          # wraps to INT_MAX
    sub t0, zero, s1
    SHOW neg_min, t0
    addi t0, s0, -2048
    SHOW addi_neg, t0
    addi t0, s1, 2047
    SHOW addi_pos, t0
    lui t0, 0xfffff
    SHOW lui, t0
    li t0, 0x12345fff           # lui+addi with a negative low part
    SHOW li_carry, t0

    li t1, 0xf0f0a5a5
    li t2, 0x0ff05a5a
    and t0, t1, t2
    SHOW and, t0
    or t0, t1, t2
    SHOW or, t0
    xor t0, t1, t2
    SHOW xor, t0
    andi t0, t1, -16            # sign-extended immediate
    SHOW andi, t0
    ori t0, t2, 0x7ff
    SHOW ori, t0
    xori t0, t1, -1             # not
    SHOW xori, t0

    li t1, 0x80000001
    slli t0, t1, 1
    SHOW slli1, t0
    srli t0, t1, 31
    SHOW srli31, t0
    srai t0, t1, 31
    SHOW srai31, t0
    srai t0, t1, 4
    SHOW srai4, t0
    li t2, 33                   # only the low five bits of rs2 count
    sll t0, t1, t2
    SHOW sll33, t0
    srl t0, t1, t2
    SHOW srl33, t0
    sra t0, t1, t2
    SHOW sra33, t0
    li t2, -1                   # shift amount 31
    sra t0, s1, t2
    SHOW sra_m1, t0
    srl t0, s1, t2
    SHOW srl_m1, t0

    slt t0, s1, s0
    SHOW slt_min_max, t0
    sltu t0, s1, s0
    SHOW sltu_min_max, t0
    slti t0, s2, 0
    SHOW slti_m1_0, t0
    sltiu t0, s3, -1            # -1 is 0xffffffff as unsigned
    SHOW sltiu_1_m1, t0
    sltiu t0, zero, 1           # seqz
    SHOW seqz0, t0
    sltu t0, zero, s2           # snez
    SHOW snez, t0

    # Branches: build a bit mask of which were taken.
    li a1, 0
    blt s1, s0, b1
    j b1n
b1: ori a1, a1, 1
b1n:
    bltu s1, s0, b2
    j b2n
b2: ori a1, a1, 2
b2n:
    bge s2, s1, b3
    j b3n
b3: ori a1, a1, 4
b3n:
    bgeu s2, s1, b4
    j b4n
b4: ori a1, a1, 8
b4n:
    beq s2, s2, b5
    j b5n
b5: ori a1, a1, 16
b5n:
    bne s0, s1, b6
    j b6n
b6: ori a1, a1, 32
b6n:
    SHOW branches, a1

    # jal/jalr link values relative to the target labels, and jalr clearing bit 0.
    jal ra, link_here
link_here:
    la t1, link_here
    sub t0, ra, t1
    SHOWD jal_link_minus_target, t0
    la t1, jalr_target
    addi t1, t1, 1              # jalr clears the lowest bit of the target
    jalr ra, 0(t1)
    PRINT
    .asciz "jalr: not taken?\n"
    ENDPRINT
    FAIL 2
jalr_target:
    nop
    nop
    auipc t0, 0                 # two instructions after the label
    la t1, jalr_target
    sub t0, t0, t1
    SHOWD auipc_offset, t0
    PRINT
    .asciz "jalr: odd target ok\n"
    ENDPRINT

    # x0 ignores writes.
    li zero, 5
    addi zero, zero, 1
    SHOW x0, zero
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
