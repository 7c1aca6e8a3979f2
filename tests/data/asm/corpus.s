# Encoding corpus: every instruction of the Vizor instruction table and every
# pseudo-instruction form the assembler supports. The test assembles it with Vizor
# and with GNU as + ld (rv32ima_zicsr_zifencei, -mno-relax, --no-relax) and compares
# the bytes of .text; .data/.rodata are placed at Vizor's addresses for the link.

    .file "corpus.s"
    .ident "vizor assembler corpus"
    .option push
    .option norvc
    .option pop
    .option norelax
    .globl _start
    .equ STACK_SIZE, 0x400
    .set MASK, (1 << 5) | 3
    .equ BIG, 0x12345678

    .text
_start:
    nop
    # Base integer: register-register

    add ra, t2, gp
    add x0, x5, x31
    sub tp, a2, a4
    sub x7, x18, x30
    sll t2, a7, s9
    sll x14, x31, x29
    slt a0, s6, tp
    slt x21, x12, x28
    sltu a3, s11, a5
    sltu x28, x25, x27
    xor a6, zero, s10
    xor x3, x6, x26
    srl s3, t0, t0
    srl x10, x19, x25
    sra s6, a0, a6
    sra x17, x0, x24
    or s9, a5, s11
    or x24, x13, x23
    and t3, s4, t1
    and x31, x26, x22
    mul t6, s9, a7
    mul x6, x7, x21
    mulh sp, t5, t3
    mulh x13, x20, x20
    mulhsu t0, gp, t2
    mulhsu x20, x1, x19
    mulhu s0, s0, s2
    mulhu x27, x14, x18
    div a1, a3, t4
    div x2, x27, x17
    divu a4, s2, s0
    divu x9, x8, x16
    rem a7, s7, s3
    rem x16, x21, x15
    remu s4, t3, t5
    remu x23, x2, x14
    # Register-immediate
    addi a0, t0, 0
    addi a0, t0, 1
    addi a0, t0, -1
    addi a0, t0, 2047
    addi a0, t0, -2048
    addi a0, t0, 0x7ff
    addi a0, t0, MASK
    addi a0, t0, 'A'
    addi a0, t0, -(3*4)
    slti a1, s0, 0
    slti a1, s0, 1
    slti a1, s0, -1
    slti a1, s0, 2047
    slti a1, s0, -2048
    slti a1, s0, 0x7ff
    slti a1, s0, MASK
    slti a1, s0, 'A'
    slti a1, s0, -(3*4)
    sltiu a2, a1, 0
    sltiu a2, a1, 1
    sltiu a2, a1, -1
    sltiu a2, a1, 2047
    sltiu a2, a1, -2048
    sltiu a2, a1, 0x7ff
    sltiu a2, a1, MASK
    sltiu a2, a1, 'A'
    sltiu a2, a1, -(3*4)
    xori a3, a4, 0
    xori a3, a4, 1
    xori a3, a4, -1
    xori a3, a4, 2047
    xori a3, a4, -2048
    xori a3, a4, 0x7ff
    xori a3, a4, MASK
    xori a3, a4, 'A'
    xori a3, a4, -(3*4)
    ori a4, a7, 0
    ori a4, a7, 1
    ori a4, a7, -1
    ori a4, a7, 2047
    ori a4, a7, -2048
    ori a4, a7, 0x7ff
    ori a4, a7, MASK
    ori a4, a7, 'A'
    ori a4, a7, -(3*4)
    andi a5, s4, 0
    andi a5, s4, 1
    andi a5, s4, -1
    andi a5, s4, 2047
    andi a5, s4, -2048
    andi a5, s4, 0x7ff
    andi a5, s4, MASK
    andi a5, s4, 'A'
    andi a5, s4, -(3*4)
    slli a0, s0, 0
    slli a1, s1, 1
    slli a7, s3, 15
    slli a7, s7, 31
    srli a0, s0, 0
    srli a1, s1, 1
    srli a7, s3, 15
    srli a7, s7, 31
    srai a0, s0, 0
    srai a1, s1, 1
    srai a7, s3, 15
    srai a7, s7, 31
    # Upper immediates
    lui a0, 0
    lui a1, 0xfffff
    lui a2, 0x12345
    lui a3, %hi(BIG)
    addi a3, a3, %lo(BIG)
    lui a4, %hi(data_word)
    lw a4, %lo(data_word)(a4)
    lui a5, %hi(data_word)
    sw a5, %lo(data_word)(a5)
    auipc t0, 0
    auipc t1, 0xabcde
pcrel_1:
    auipc t2, %pcrel_hi(data_word)
    addi t2, t2, %pcrel_lo(pcrel_1)
pcrel_2:
    auipc s1, %pcrel_hi(message)
    lbu s2, %pcrel_lo(pcrel_2)(s1)
    sb s2, %pcrel_lo(pcrel_2)(s1)
    # Loads and stores

    lb a0, 0(sp)
    lb a0, 4(sp)
    lb a0, -4(sp)
    lb a0, 2047(sp)
    lb a0, -2048(sp)
    lb a0, (a1)
    lh a3, 0(gp)
    lh a3, 4(gp)
    lh a3, -4(gp)
    lh a3, 2047(gp)
    lh a3, -2048(gp)
    lh a0, (a1)
    lw a6, 0(tp)
    lw a6, 4(tp)
    lw a6, -4(tp)
    lw a6, 2047(tp)
    lw a6, -2048(tp)
    lw a0, (a1)
    lbu s3, 0(t0)
    lbu s3, 4(t0)
    lbu s3, -4(t0)
    lbu s3, 2047(t0)
    lbu s3, -2048(t0)
    lbu a0, (a1)
    lhu s6, 0(t1)
    lhu s6, 4(t1)
    lhu s6, -4(t1)
    lhu s6, 2047(t1)
    lhu s6, -2048(t1)
    lhu a0, (a1)
    sb a1, 0(sp)
    sb a1, 8(sp)
    sb a1, -8(sp)
    sb a1, 2047(sp)
    sb a1, -2048(sp)
    sb a0, (sp)
    sh a6, 0(gp)
    sh a6, 8(gp)
    sh a6, -8(gp)
    sh a6, 2047(gp)
    sh a6, -2048(gp)
    sh a0, (sp)
    sw s5, 0(tp)
    sw s5, 8(tp)
    sw s5, -8(tp)
    sw s5, 2047(tp)
    sw s5, -2048(tp)
    sw a0, (sp)
    lw a0, data_word
    lh a1, data_half
    lbu a2, message
    sw a0, data_word, t0
    sh a1, data_half, t1
    sb a2, data_bytes, t2
backward:
    # Branches, forward and backward, and their pseudo-instructions
    beq a0, a1, backward
    bne a0, a1, forward
    blt a0, a1, backward
    bge a0, a1, forward
    bltu a0, a1, backward
    bgeu a0, a1, forward
    beq zero, zero, .+8
    bne t0, t1, .-4
    beqz a0, backward
    bnez a1, forward
    blez a2, backward
    bgez a3, forward
    bltz a4, backward
    bgtz a5, forward
    bgt a0, a1, backward
    ble a2, a3, forward
    bgtu a4, a5, backward
    bleu a6, a7, forward
1:  addi a0, a0, -1
    bnez a0, 1b
    beqz a0, 1f
    nop
1:  j 1b
forward:
    # Jumps
    jal backward
    jal ra, forward2
    jal t0, backward
    jal zero, forward2
    j backward
    j forward2
    jr a0
    jr t1, 8
    jalr a0
    jalr t0, a1
    jalr ra, 12(a2)
    jalr s0, a3, -16
    jalr x0, 0(ra)
    ret
forward2:
    call function
    call backward
    tail function
    tail backward
    call t0, function
    # Address and constant loading
    la a0, data_word
    la a1, message
    lla a2, _start
    lla a3, function
    la t0, rodata_table
    la t1, after_data

    li a0, 0
    li a0, 1
    li a0, -1
    li a0, 2047
    li a0, 2048
    li a0, -2048
    li a0, -2049
    li a0, 0x7ff
    li a0, 0x800
    li a0, 0x801
    li a0, 0xfff
    li a0, 0x1000
    li a0, 0x1800
    li a0, 0x12345
    li a0, 0x12345678
    li a0, 0x7ffff800
    li a0, 0x7ffff7ff
    li a0, 0x7fffffff
    li a0, 0x80000000
    li a0, 0x80000800
    li a0, 0xfffff800
    li a0, 0xfffff7ff
    li a0, 0xffffffff
    li a0, 0xfffff000
    li a0, -0x80000000
    li a0, 0x100000000
    li a0, 0x1fffff800
    li a0, BIG
    li a0, STACK_SIZE
    li a0, MASK*100
    li a0, -1>>1
    li a0, ~0
    li a0, 0xdeadbeef
    li a0, 1<<31
    li a0, 'z'
    li t6, -12345
    li s11, 100000
    # Register aliases
    mv a0, a1
    mv s0, sp
    not t0, t1
    neg t2, s0
    seqz a0, a1
    snez a2, a3
    sltz a4, a5
    sgtz a6, a7
    # CSRs: names and numbers, register and immediate forms, aliases
    csrrw a0, mstatus, a1
    csrrs a0, mie, zero
    csrrc t0, mip, t1
    csrrwi a0, mtvec, 5
    csrrsi a0, sstatus, 31
    csrrci a0, 0x300, 0
    csrr a0, mhartid
    csrr a1, misa
    csrr a2, medeleg
    csrr a3, mideleg
    csrr a4, mscratch
    csrr a5, mepc
    csrr a6, mcause
    csrr a7, mtval
    csrr t0, mcounteren
    csrr t1, sie
    csrr t2, sip
    csrr t3, stvec
    csrr t4, sscratch
    csrr t5, sepc
    csrr t6, scause
    csrr s0, stval
    csrr s1, scounteren
    csrr s2, satp
    csrr s3, pmpcfg0
    csrr s4, pmpaddr0
    csrr s5, pmpaddr15
    csrr s6, cycle
    csrr s7, time
    csrr s8, instret
    csrr s9, cycleh
    csrr s10, timeh
    csrr s11, instreth
    csrr a0, mvendorid
    csrr a0, marchid
    csrr a0, mimpid
    csrr a0, mcycle
    csrr a0, minstret
    csrr a0, hpmcounter3
    csrr a0, 0x7c0
    csrw mstatus, a0
    csrw mtvec, 4
    csrs mie, a1
    csrs mie, 8
    csrc mip, a2
    csrc mip, 16
    csrwi mscratch, 1
    csrsi sstatus, 2
    csrci sstatus, 2
    rdcycle a0
    rdcycleh a1
    rdtime a2
    rdtimeh a3
    rdinstret a4
    rdinstreth a5
    # Atomics with ordering suffixes
    lr.w a0, (a1)
    lr.w.aq a0, (a1)
    lr.w.rl a0, 0(a1)
    lr.w.aqrl t0, (sp)
    sc.w a0, a2, (a1)
    sc.w.aq a0, a2, (a1)
    sc.w.rl a0, a2, (a1)
    sc.w.aqrl a0, a2, (a1)

    amoswap.w a0, a1, (a2)
    amoswap.w.aq a0, a1, (a2)
    amoswap.w.rl a0, a1, (a2)
    amoswap.w.aqrl a0, a1, (a2)
    amoswap.w t0, t1, 0(sp)
    amoadd.w a0, a1, (a2)
    amoadd.w.aq a0, a1, (a2)
    amoadd.w.rl a0, a1, (a2)
    amoadd.w.aqrl a0, a1, (a2)
    amoadd.w t0, t1, 0(sp)
    amoxor.w a0, a1, (a2)
    amoxor.w.aq a0, a1, (a2)
    amoxor.w.rl a0, a1, (a2)
    amoxor.w.aqrl a0, a1, (a2)
    amoxor.w t0, t1, 0(sp)
    amoand.w a0, a1, (a2)
    amoand.w.aq a0, a1, (a2)
    amoand.w.rl a0, a1, (a2)
    amoand.w.aqrl a0, a1, (a2)
    amoand.w t0, t1, 0(sp)
    amoor.w a0, a1, (a2)
    amoor.w.aq a0, a1, (a2)
    amoor.w.rl a0, a1, (a2)
    amoor.w.aqrl a0, a1, (a2)
    amoor.w t0, t1, 0(sp)
    amomin.w a0, a1, (a2)
    amomin.w.aq a0, a1, (a2)
    amomin.w.rl a0, a1, (a2)
    amomin.w.aqrl a0, a1, (a2)
    amomin.w t0, t1, 0(sp)
    amomax.w a0, a1, (a2)
    amomax.w.aq a0, a1, (a2)
    amomax.w.rl a0, a1, (a2)
    amomax.w.aqrl a0, a1, (a2)
    amomax.w t0, t1, 0(sp)
    amominu.w a0, a1, (a2)
    amominu.w.aq a0, a1, (a2)
    amominu.w.rl a0, a1, (a2)
    amominu.w.aqrl a0, a1, (a2)
    amominu.w t0, t1, 0(sp)
    amomaxu.w a0, a1, (a2)
    amomaxu.w.aq a0, a1, (a2)
    amomaxu.w.rl a0, a1, (a2)
    amomaxu.w.aqrl a0, a1, (a2)
    amomaxu.w t0, t1, 0(sp)
    # Fences and system instructions
    fence
    fence iorw, iorw
    fence rw, rw
    fence r, w
    fence w, r
    fence io, io
    fence i, o
    fence.tso
    fence.i
    ecall
    ebreak
    mret
    sret
    wfi
    sfence.vma
    sfence.vma a0
    sfence.vma a0, a1
    sfence.vma zero, t0
    # Hypervisor extension fences (GNU: -march=..._h)
    hfence.vvma
    hfence.vvma a0
    hfence.vvma a0, a1
    hfence.gvma
    hfence.gvma a0
    hfence.gvma a0, a1
    hfence.gvma zero, t0
    unimp
    # Expressions, conditionals and macros
    addi a0, a0, (2 + 3) * 4 - 1
    addi a0, a0, 100 / 7
    addi a0, a0, -100 / 7
    addi a0, a0, 100 % 7
    addi a0, a0, 0x10 >> 2
    addi a0, a0, ~0xf & 0x7f
    addi a0, a0, 3 ^ 5
    .if MASK == 35
    addi a1, a1, 1
    .else
    addi a1, a1, 2
    .endif
    .ifdef STACK_SIZE
    .ifndef UNDEFINED_THING
    addi a2, a2, 3
    .else
    addi a2, a2, 4
    .endif
    .endif
    .if 0
    this line is never assembled
    .endif
    .macro push reg, off=0
    sw \reg, \off(sp)
    .endm
    .macro pop reg, off=0
    lw \reg, \off(sp)
    .endm
    .macro twice insn
    \insn
    \insn
    .endm
    addi sp, sp, -16
    push ra, 12
    push s0, 8
    push s1
    pop s1
    pop s0, 8
    pop ra, 12
    addi sp, sp, 16
    twice nop
    .rept 3
    addi a0, a0, 1
    .endr
    .irp reg, ra, s0, s1, a0
    sw \reg, 0(sp)
    .endr
    .macro upto n
    .if \n > 1
    addi a0, a0, \n
    .exitm
    .endif
    addi a1, a1, \n
    .endm
    upto 5
    upto 1
    .macro op3 name, a, b=zero, c=1
    \name \a, \b, \c
    .endm
    op3 addi, a0
    op3 addi, a0, , 5
    op3 slti a1 a2 7
    .p2align 3,,7
    nop
    .balign 16,,4
    nop
    # Code padding as GNU does it: a zero byte, one 2-byte c.nop, then nops
    .byte 0x5a
    .align 3
    nop
    .byte 1, 2
    .p2align 4
    nop
    .align 4
    nop
    .balign 8
    addi a0, a0, 1
    .p2align 3
    .type function, @function
function:
    addi a0, a0, 1
    ret
    .size function, . - function
    .align 2
end_of_text:
    j end_of_text
    # Branch offsets at their limits: -4096 and +4092 (the largest word-aligned one)
    j past_limits
far_back:
    .space 4096
    beq a0, a1, far_back
    bne a0, a1, far_forward
    .space 4088
far_forward:
    nop
past_limits:
    # Branches beyond reach become an inverse branch over a jump, as GNU as does
    beq a0, a1, far_back
    blt a0, a1, relax_forward
    beqz a0, relax_forward
    bgtu a2, a3, relax_forward
    .space 4100
relax_forward:
    bnez a0, past_limits

    .data
data_word:
    .word 0x11223344, -1, data_word, BIG
data_half:
    .half 0x5566, -2
data_bytes:
    .byte 1, 2, 0xff, -1, 'a'
    .align 2
message:
    .asciz "hello, \"world\"\n"
    .ascii "raw"
    .string "str"
    .space 5
    .zero 3
    .balign 4
after_data:
    .word after_data
    .macro say text, tail=""
    .ascii "\text"
    .asciz "\tail"
    .endm
    say "quoted, with commas\t and a tab escape"
    say plain "tail text"
    .quad 0x1122334455667788, -2
    .8byte data_word
    .macro pick reg, extra
    .ifc \reg, a0
    .byte 0xa0
    .else
    .byte 0xff
    .endif
    .ifnb \extra
    .byte \extra
    .endif
    .ifb \extra
    .byte 0xbb
    .endif
    .endm
    pick a0
    pick a1, 7

    .section .rodata
rodata_table:
    .word _start, function, backward

