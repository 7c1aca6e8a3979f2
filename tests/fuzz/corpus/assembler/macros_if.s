.equ DEPTH, 3
.macro push reg, slot=0
    sw \reg, \slot(sp)
.endm
.if DEPTH > 2
    push a0, 4
.else
    push a1
.endif
.data
msg: .asciz "hi\n"
.align 4
table: .word 1, 2, msg, %hi(msg)
.byte 0xff, -1
.space 16
.text
    la a0, msg
    li t0, 0x12345678
    lui a1, %hi(table)
    addi a1, a1, %lo(table)
1:  auipc a2, %pcrel_hi(msg)
    addi a2, a2, %pcrel_lo(1b)
    beq a0, a1, far
    call far
    tail far
far: ret
