# Self-modifying code: write instructions into RAM, fence.i, run them; patch an
# immediate, fence.i, run again; copy a routine from .text and call the copy.
# Only code executed after a fence.i is observed (before it, the result is up to
# the implementation's instruction cache).
.text
.equ CODE, SCRATCH + 0x1000

.equ INSN_LI_A0_42, 0x02a00513  # addi a0, zero, 42
.equ INSN_RET, 0x00008067       # jalr zero, 0(ra)
.equ IMM_MASK, 0x000fffff       # everything but the I-type immediate

_start:
    INIT
    PRINT
    .asciz "15 fence.i\n"
    ENDPRINT
    li s0, CODE
    li t0, INSN_LI_A0_42
    sw t0, 0(s0)
    li t0, INSN_RET
    sw t0, 4(s0)
    fence.i
    jalr ra, 0(s0)
    SHOWD generated, a0

    # Patch the immediate to 1234 (keep opcode/rd/funct3/rs1, replace imm[11:0]).
    lw t0, 0(s0)
    li t1, IMM_MASK
    and t0, t0, t1
    li t1, 1234 << 20
    or t0, t0, t1
    sw t0, 0(s0)
    fence.i
    jalr ra, 0(s0)
    SHOWD patched, a0

    # Patch with a byte store: the immediate's top byte (imm[11:4]) becomes 0xff,
    # making the immediate negative.
    li t0, 0xff
    sb t0, 3(s0)
    fence.i
    jalr ra, 0(s0)
    SHOWD byte_patched, a0

    # Copy a position-independent routine and call the copy.
    la t0, routine
    la t1, routine_end
    mv t2, s0
copy_loop:
    lw t3, 0(t0)
    sw t3, 0(t2)
    addi t0, t0, 4
    addi t2, t2, 4
    bne t0, t1, copy_loop
    fence.i
    li a0, 6
    jalr ra, 0(s0)
    SHOWD copied_routine_6, a0

    # Code that rewrites the instruction right after itself, with a fence.i between.
    la t0, modify_target
    li t1, INSN_LI_A0_42
    li a0, 0
    sw t1, 0(t0)
    fence.i
modify_target:
    li a0, 7                    # replaced by "li a0, 42" before it runs
    SHOWD rewritten_in_place, a0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# a0 = a0 * (a0 + 1) / 2, by a loop: position independent (only relative branches).
routine:
    mv t0, a0
    li a0, 0
routine_loop:
    add a0, a0, t0
    addi t0, t0, -1
    bnez t0, routine_loop
    ret
routine_end:
