# Assembler syntax both assemblers must treat alike: expressions and operators,
# character literals, %hi/%lo, li of every size, data directives and their layout,
# label differences, macros with quoted-string and default arguments, \@ counters.
.text
.equ A, 0x1234
.equ B, (A << 4) | 0xf          # 0x1234f
.equ C, ~A & 0xffff
.equ D, -(A + 1) / 2

# A quoted string argument arrives without its quotes.
.macro SAY text
    PRINT
    .asciz "\text\n"
    ENDPRINT
.endm

# A default argument, and \@ for labels unique per expansion.
.macro COUNT_DOWN reg, from=3
    li \reg, \from
count_\@:
    addi \reg, \reg, -1
    bnez \reg, count_\@
.endm

_start:
    INIT
    SAY "22 assembler syntax, with spaces, commas and a tab:	end"
    li t0, B
    SHOW b, t0
    li t0, C
    SHOW c, t0
    li t0, D
    SHOWD d, t0
    li t0, 'A'
    SHOWD char_A, t0
    li t0, '\n'
    SHOWD char_newline, t0
    li t0, 7 % 3 + 10 / 4 * 3 - (1 << 2)
    SHOWD arith, t0
    li t0, 0x7ff
    SHOW li_2047, t0
    li t0, 0x800
    SHOW li_2048, t0
    li t0, -2049
    SHOW li_m2049, t0
    li t0, 0xfffff800
    SHOW li_fffff800, t0
    li t0, 0x80000000
    SHOW li_int_min, t0
    lui t0, %hi(0x12345fff)
    addi t0, t0, %lo(0x12345fff)
    SHOW hi_lo, t0
    la t1, table
    lui t0, %hi(table)
    addi t0, t0, %lo(table)
    sub t0, t0, t1
    SHOWD hi_lo_label_minus_la, t0

    la s0, table
    lw t0, 0(s0)
    SHOW word0, t0
    lhu t0, 4(s0)
    SHOW half, t0
    lbu t0, 6(s0)
    SHOW byte6, t0
    lbu t0, 7(s0)
    SHOW byte7, t0
    lw t0, 8(s0)
    SHOW after_align, t0
    la t0, table_size
    lw t0, 0(t0)
    SHOWD table_size, t0
    la a0, text
    jal ra, puts
    la t0, text_end
    la t1, text
    sub t0, t0, t1
    SHOWD text_bytes, t0

    COUNT_DOWN t0
    SHOWD count_default, t0
    COUNT_DOWN t1, 5
    SHOWD count_five, t1
    SAY "done"
    PASS

.data
table:
    .word 0xdeadbeef
    .half 0x1234
    .byte 0x56, 'z'
    .align 2
    .word table_size - table    # a label difference
table_size:
    .word table_size - table
text:
    .ascii "ascii, "
    .asciz "then asciz\n"
text_end:
    .space 3
    .byte 1
