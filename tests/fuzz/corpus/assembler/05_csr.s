# Shared prelude of the conformance programs. The harness prepends this text to each
# program (no .include), so everything here must assemble before the program's own code.
#
# Board addresses are those of QEMU's `virt` machine. All helper routines preserve every
# register except the ones they document as results, so tests can print freely.
# Nothing here prints an absolute address: code layout may legitimately differ between
# assemblers, so programs print values, offsets or "ok"/"BAD" verdicts instead.

.equ UART_BASE, 0x10000000      # ns16550a: THR at +0, LSR at +5
.equ UART_LSR_THRE, 0x20        # LSR bit 5: transmitter holding register empty
.equ FINISHER, 0x00100000       # sifive_test: 0x5555 = pass, 0x3333|(code<<16) = fail
.equ CLINT_MSIP, 0x02000000
.equ CLINT_MTIMECMP, 0x02004000
.equ CLINT_MTIME, 0x0200bff8
.equ STACK_TOP, 0x80400000      # grows down; programs keep below RAM + 8 MiB
.equ SCRATCH, 0x80100000        # fixed data area, so printed addresses are stable
.equ PT_AREA, 0x80200000        # page tables live here (4 KiB aligned)

.equ MSTATUS_SIE, 0x2
.equ MSTATUS_MIE, 0x8
.equ MSTATUS_SPIE, 0x20
.equ MSTATUS_MPIE, 0x80
.equ MSTATUS_SPP, 0x100
.equ MSTATUS_MPP, 0x1800
.equ MSTATUS_MPP_S, 0x800
.equ MSTATUS_SUM, 0x40000
.equ MSTATUS_MXR, 0x80000

.text
.globl _start
# QEMU enters at the start of RAM whatever the ELF entry says: hop over the helpers.
prelude_entry:
    j _start

# ---------------------------------------------------------------- macros

# Set up the stack and the default M-mode trap handler.
.macro INIT
    li sp, STACK_TOP
    la t0, trap_report_skip
    csrw mtvec, t0
.endm

# Print the string written between PRINT and ENDPRINT:
#     PRINT
#     .asciz "text\n"
#     ENDPRINT
# (The string is not a macro argument: assemblers disagree on quoted macro arguments.)
.macro PRINT
    addi sp, sp, -4
    sw ra, 0(sp)
    jal ra, print_inline
.endm

.macro ENDPRINT
    .align 2, 0             # GNU as ignores a bare .align after odd-sized data in .text
    lw ra, 0(sp)
    addi sp, sp, 4
.endm

# Print "name=0x%08x\n" of a register (any register but sp).
.macro SHOW name, reg
    addi sp, sp, -8
    sw ra, 0(sp)
    sw a0, 4(sp)
    mv a0, \reg
    jal ra, print_inline
    .asciz "\name="
    .align 2, 0             # GNU as ignores a bare .align after odd-sized data in .text
    jal ra, puthex
    jal ra, newline
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 8
.endm

# Print "name=<signed decimal>\n" of a register (any register but sp).
.macro SHOWD name, reg
    addi sp, sp, -8
    sw ra, 0(sp)
    sw a0, 4(sp)
    mv a0, \reg
    jal ra, print_inline
    .asciz "\name="
    .align 2, 0             # GNU as ignores a bare .align after odd-sized data in .text
    jal ra, putdec
    jal ra, newline
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 8
.endm

# Tell the default trap handler which instruction is expected to trap next.
.macro EXPECT_EPC label
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    la t0, \label
    la t1, expected_epc
    sw t0, 0(t1)
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
.endm

# Make the default trap handler resume at a label instead of the next instruction
# (for faults whose next instruction is not meaningful, such as fetch faults).
.macro RESUME_AT label
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    la t0, \label
    la t1, resume_pc
    sw t0, 0(t1)
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
.endm

.macro PASS
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
.endm

.macro FAIL code
    li t0, FINISHER
    li t1, \code
    slli t1, t1, 16
    li t2, 0x3333
    or t1, t1, t2
    sw t1, 0(t0)
.endm

# ---------------------------------------------------------------- console helpers

# putc(a0 = byte): wait for THRE, then write THR.
putc:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    li t0, UART_BASE
putc_wait:
    lbu t1, 5(t0)
    andi t1, t1, UART_LSR_THRE
    beqz t1, putc_wait
    sb a0, 0(t0)
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    ret

newline:
    addi sp, sp, -8
    sw ra, 0(sp)
    sw a0, 4(sp)
    li a0, 10
    jal ra, putc
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 8
    ret

# puts(a0 = NUL-terminated string)
puts:
    addi sp, sp, -12
    sw ra, 0(sp)
    sw a0, 4(sp)
    sw t0, 8(sp)
    mv t0, a0
puts_loop:
    lbu a0, 0(t0)
    beqz a0, puts_done
    jal ra, putc
    addi t0, t0, 1
    j puts_loop
puts_done:
    lw t0, 8(sp)
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 12
    ret

# The string follows the call site; return to the first word after it.
print_inline:
    addi sp, sp, -8
    sw a0, 0(sp)
    sw t0, 4(sp)
    mv t0, ra
print_inline_loop:
    lbu a0, 0(t0)
    addi t0, t0, 1
    beqz a0, print_inline_done
    jal ra, putc
    j print_inline_loop
print_inline_done:
    addi t0, t0, 3
    andi ra, t0, -4
    lw t0, 4(sp)
    lw a0, 0(sp)
    addi sp, sp, 8
    ret

# puthex(a0): "0x" and eight lower-case hex digits.
puthex:
    addi sp, sp, -16
    sw ra, 0(sp)
    sw a0, 4(sp)
    sw t0, 8(sp)
    sw t1, 12(sp)
    mv t0, a0
    li a0, 48               # '0'
    jal ra, putc
    li a0, 120              # 'x'
    jal ra, putc
    li t1, 28
puthex_loop:
    srl a0, t0, t1
    andi a0, a0, 15
    addi a0, a0, 48         # '0'
    li ra, 57               # '9'
    ble a0, ra, puthex_digit
    addi a0, a0, 39         # '9'+1 -> 'a'
puthex_digit:
    jal ra, putc
    addi t1, t1, -4
    bgez t1, puthex_loop
    lw t1, 12(sp)
    lw t0, 8(sp)
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 16
    ret

# putdec(a0): signed decimal.
putdec:
    bgez a0, putudec
    addi sp, sp, -8
    sw ra, 0(sp)
    sw a0, 4(sp)
    li a0, 45               # '-'
    jal ra, putc
    lw a0, 4(sp)
    neg a0, a0              # INT_MIN stays INT_MIN, which putudec prints right
    jal ra, putudec
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 8
    ret

# putudec(a0): unsigned decimal, digits pushed on the stack then popped.
putudec:
    addi sp, sp, -32
    sw ra, 0(sp)
    sw a0, 4(sp)
    sw t0, 8(sp)
    sw t1, 12(sp)
    sw t2, 16(sp)
    mv t0, a0
    li t1, 10
    li t2, 0
putudec_split:
    remu a0, t0, t1
    addi sp, sp, -4
    sw a0, 0(sp)
    addi t2, t2, 1
    divu t0, t0, t1
    bnez t0, putudec_split
putudec_emit:
    lw a0, 0(sp)
    addi sp, sp, 4
    addi a0, a0, 48         # '0'
    jal ra, putc
    addi t2, t2, -1
    bnez t2, putudec_emit
    lw t2, 16(sp)
    lw t1, 12(sp)
    lw t0, 8(sp)
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 32
    ret

# ---------------------------------------------------------------- traps

# Default M-mode handler for expected synchronous exceptions: print mcause and mtval,
# check mepc against the EXPECT_EPC label, skip the instruction (or go to the RESUME_AT
# label) and return. An
# interrupt or a second unexpected trap ends the run with a failure code.
.align 2
trap_report_skip:
    addi sp, sp, -16
    sw ra, 0(sp)
    sw a0, 4(sp)
    sw t0, 8(sp)
    sw t1, 12(sp)
    csrr t0, mcause
    bltz t0, trap_unexpected
    PRINT
    .asciz "  trap: "
    ENDPRINT
    SHOW mcause, t0
    csrr t0, mtval
    PRINT
    .asciz "  trap: "
    ENDPRINT
    SHOW mtval, t0
    la t1, trap_count
    lw t0, 0(t1)
    addi t0, t0, 1
    sw t0, 0(t1)
    csrr t0, mepc
    la t1, expected_epc
    lw t1, 0(t1)
    bne t0, t1, trap_bad_epc
    PRINT
    .asciz "  trap: mepc ok\n"
    ENDPRINT
    j trap_skip
trap_bad_epc:
    PRINT
    .asciz "  trap: mepc BAD\n"
    ENDPRINT
trap_skip:
    addi t0, t0, 4
    la t1, resume_pc
    lw a0, 0(t1)
    beqz a0, trap_return
    mv t0, a0                   # a RESUME_AT label overrides "next instruction", once
    sw zero, 0(t1)
trap_return:
    csrw mepc, t0
    lw t1, 12(sp)
    lw t0, 8(sp)
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 16
    mret
trap_unexpected:
    PRINT
    .asciz "  trap: unexpected interrupt\n"
    ENDPRINT
    SHOW mcause, t0
    FAIL 1

# The same for traps delegated to S-mode (scause/stval/sepc, returns with sret).
.align 2
s_trap_report_skip:
    addi sp, sp, -16
    sw ra, 0(sp)
    sw a0, 4(sp)
    sw t0, 8(sp)
    sw t1, 12(sp)
    csrr t0, scause
    bltz t0, s_trap_unexpected
    PRINT
    .asciz "  S trap: "
    ENDPRINT
    SHOW scause, t0
    csrr t0, stval
    PRINT
    .asciz "  S trap: "
    ENDPRINT
    SHOW stval, t0
    la t1, trap_count
    lw t0, 0(t1)
    addi t0, t0, 1
    sw t0, 0(t1)
    csrr t0, sepc
    la t1, expected_epc
    lw t1, 0(t1)
    bne t0, t1, s_trap_bad_epc
    PRINT
    .asciz "  S trap: sepc ok\n"
    ENDPRINT
    j s_trap_skip
s_trap_bad_epc:
    PRINT
    .asciz "  S trap: sepc BAD\n"
    ENDPRINT
s_trap_skip:
    addi t0, t0, 4
    la t1, resume_pc
    lw a0, 0(t1)
    beqz a0, s_trap_return
    mv t0, a0
    sw zero, 0(t1)
s_trap_return:
    csrw sepc, t0
    lw t1, 12(sp)
    lw t0, 8(sp)
    lw a0, 4(sp)
    lw ra, 0(sp)
    addi sp, sp, 16
    sret
s_trap_unexpected:
    PRINT
    .asciz "  S trap: unexpected interrupt\n"
    ENDPRINT
    SHOW scause, t0
    FAIL 1

.data
.align 2
expected_epc:
    .word 0
trap_count:
    .word 0
resume_pc:
    .word 0

.text
# Zicsr: read-modify-write forms, immediates, read-only CSRs, WARL masks of the
# M/S trap CSRs, and counters (only "they increase", never raw values).
.text
_start:
    INIT
    PRINT
    .asciz "05 CSR access\n"
    ENDPRINT
    li t0, 0x12345678
    csrw mscratch, t0
    li t1, 0xff00ff00
    csrrw t2, mscratch, t1
    SHOW csrrw_old, t2
    csrr t2, mscratch
    SHOW csrrw_new, t2
    li t1, 0x000000ff
    csrrs t2, mscratch, t1
    SHOW csrrs_old, t2
    csrr t2, mscratch
    SHOW csrrs_new, t2
    li t1, 0xf000000f
    csrrc t2, mscratch, t1
    SHOW csrrc_old, t2
    csrr t2, mscratch
    SHOW csrrc_new, t2
    csrrwi t2, mscratch, 21
    SHOW csrrwi_old, t2
    csrrsi t2, mscratch, 10
    SHOW csrrsi_old, t2
    csrrci t2, mscratch, 3
    SHOW csrrci_old, t2
    csrr t2, mscratch
    SHOW csrrci_new, t2
    csrs mscratch, t1
    csrc mscratch, t0
    csrr t2, mscratch
    SHOW csrs_csrc, t2
    csrwi mscratch, 31
    csrsi mscratch, 0
    csrci mscratch, 16
    csrr t2, mscratch
    SHOW csrwi_si_ci, t2
    # rd = rs1: the old value goes to rd, the source is read first.
    li t0, 77
    csrrw t0, mscratch, t0
    SHOWD csrrw_same_reg, t0
    csrr t0, mscratch
    SHOWD csrrw_same_reg_csr, t0

    PRINT

    .asciz "identity\n"

    ENDPRINT
    csrr t0, misa
    SHOW misa, t0
    csrw misa, zero             # WARL: this machine keeps its extensions
    csrr t0, misa
    SHOW misa_after_write, t0
    csrr t0, mhartid
    SHOW mhartid, t0
    csrrs t0, mhartid, zero     # rs1 = x0: no write, so no trap
    csrrsi t0, mhartid, 0
    csrrci t0, mhartid, 0
    PRINT
    .asciz "read-only reads ok\n"
    ENDPRINT

    PRINT

    .asciz "WARL masks\n"

    ENDPRINT
    li s0, -1
    csrw mie, s0
    csrr t0, mie
    li t1, 0xaaa                # SSIP MSIP STIP MTIP SEIP MEIP (QEMU also keeps H bits)
    and t0, t0, t1
    SHOW mie, t0
    csrw mie, zero
    csrw mideleg, s0
    csrr t0, mideleg
    li t1, 0x222                # SSIP STIP SEIP
    and t0, t0, t1
    SHOW mideleg, t0
    csrw mideleg, zero
    csrw medeleg, s0
    csrr t0, medeleg
    li t1, 0xb3ff               # the exceptions every S-mode system delegates
    and t0, t0, t1
    SHOW medeleg_std, t0
    csrw medeleg, zero
    csrr s1, mstatus
    csrw mstatus, s0
    csrr t0, mstatus
    li t1, 0x007e19aa           # SIE MIE SPIE MPIE SPP MPP MPRV SUM MXR TVM TW TSR
    and t0, t0, t1
    SHOW mstatus_ones, t0
    csrw mstatus, zero
    csrw sstatus, s0
    csrr t0, mstatus
    and t0, t0, t1
    SHOW mstatus_after_sstatus_ones, t0
    csrr t0, sstatus
    li t1, 0x000c0122           # SIE SPIE SPP SUM MXR
    and t0, t0, t1
    SHOW sstatus, t0
    csrw mstatus, s1
    li t0, 0x80000101
    csrw mtvec, t0
    csrr t0, mtvec
    SHOW mtvec_vectored, t0
    li t0, 0x80000100
    csrw stvec, t0
    csrr t0, stvec
    SHOW stvec_direct, t0
    la t0, trap_report_skip
    csrw mtvec, t0
    li t0, 0x80000004
    csrw mepc, t0
    csrr t0, mepc
    SHOW mepc, t0
    li t0, 0x80000008
    csrw sepc, t0
    csrr t0, sepc
    SHOW sepc, t0
    li t0, 0x80080200
    csrw satp, t0
    csrr t0, satp
    SHOW satp, t0
    csrw satp, zero
    # sie/sip are windows on mie/mip restricted by mideleg.
    li t0, 0x222
    csrw mideleg, t0
    csrw sie, s0
    csrr t0, mie
    SHOW mie_after_sie_ones, t0
    csrr t0, sie
    SHOW sie, t0
    csrw mie, zero
    csrw mideleg, zero

    PRINT

    .asciz "counters\n"

    ENDPRINT
    rdcycle s2
    rdinstret s3
    li t0, 1000
spin:
    addi t0, t0, -1
    bnez t0, spin
    rdcycle s4
    rdinstret s5
    sltu t0, s2, s4
    SHOW cycle_increases, t0
    sltu t0, s3, s5
    SHOW instret_increases, t0
    csrr s2, mcycle
    csrr s3, minstret
    nop
    nop
    csrr s4, mcycle
    csrr s5, minstret
    sltu t0, s2, s4
    SHOW mcycle_increases, t0
    sltu t0, s3, s5
    SHOW minstret_increases, t0

    PRINT

    .asciz "illegal CSR accesses\n"

    ENDPRINT
    EXPECT_EPC ill_hartid
ill_hartid:
    csrw mhartid, s0
    EXPECT_EPC ill_hartid_set
ill_hartid_set:
    csrrs t0, mhartid, s0
    EXPECT_EPC ill_cycle
ill_cycle:
    csrrwi t0, cycle, 1
    EXPECT_EPC ill_missing
ill_missing:
    csrr t0, 0x7c0              # no such CSR
    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
