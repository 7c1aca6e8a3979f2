# Decoder corners: reserved and unused encodings must raise illegal-instruction with
# the instruction bits in mtval; HINTs (writes to x0) and fences must execute as no-ops.
.text

# Execute one raw instruction word, labelled so the handler can check mepc.
.macro TRY label, word
    EXPECT_EPC \label
\label:
    .word \word
.endm

_start:
    INIT
    PRINT
    .asciz "20 decoder corners\n"
    ENDPRINT
    PRINT
    .asciz "illegal encodings\n"
    ENDPRINT
    TRY e_slli_shamt5, 0x02009093   # slli x1, x1, 32: shamt[5] is reserved on RV32
    TRY e_srai_shamt5, 0x4200d093   # srai x1, x1, 32
    TRY e_add_funct7, 0x040080b3    # add with funct7 = 0x02
    TRY e_sub_funct7, 0xc00080b3    # sub with funct7 = 0x60
    TRY e_jalr_funct3, 0x000090e7   # jalr with funct3 = 1
    TRY e_ld, 0x0000b083            # ld: RV64 only
    TRY e_lwu, 0x0000e083           # lwu: RV64 only
    TRY e_load7, 0x0000f083         # load funct3 = 7
    TRY e_sd, 0x0010b023            # sd: RV64 only
    TRY e_store4, 0x0010c023        # store funct3 = 4
    TRY e_branch2, 0x00102063       # branch funct3 = 2
    TRY e_branch3, 0x00103063       # branch funct3 = 3
    TRY e_csr_funct3_4, 0x300040f3  # SYSTEM funct3 = 4
    TRY e_amo_funct3, 0x0020b0af    # AMO with funct3 = 3 (amoadd.d)
    TRY e_amo_funct5, 0x3020a0af    # AMO funct5 = 0x06: unused
    TRY e_addiw, 0x0010809b         # addiw: RV64 only (OP-IMM-32)
    TRY e_mulw, 0x0220803b          # mulw: RV64 only (OP-32)
    TRY e_uret, 0x00200073          # uret: N extension, gone
    TRY e_system_rs1, 0x00108073    # ecall with rs1 != 0
    TRY e_op_fp, 0x00000053         # fadd.s: no F extension
    TRY e_flw, 0x00002007           # flw: no F extension
    TRY e_short, 0x12340001         # low bits 01: a 16-bit encoding (no C extension);
                                    # mtval holds just those 16 bits

    PRINT
    .asciz "hints and fences run as no-ops\n"
    ENDPRINT
    li t0, 5
    .word 0x00500013            # addi x0, x0, 5: HINT
    .word 0x00301013            # slli x0, x0, 3: HINT
    .word 0x0000d013            # srli x0, x0, 0: HINT
    .word 0x40005013            # srai x0, x0, 0: HINT
    .word 0x12345037            # lui x0, 0x12345: HINT
    .word 0x00000017            # auipc x0, 0: HINT
    .word 0x005002b3            # add x5, x0, x5 (t0 = t0): plain
    .word 0x0ff0000f            # fence iorw, iorw
    .word 0x8330000f            # fence.tso
    .word 0x0100000f            # pause (fence w, 0)
    .word 0x0000100f            # fence.i
    SHOWD t0_unchanged, t0
    SHOW x0, zero

    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
