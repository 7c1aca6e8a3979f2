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
# M -> S -> U with mret and sret; ecall from U (delegated to S through medeleg) and
# from S (to M); illegal CSR accesses from S and U; what sstatus/mstatus record.
.text
.equ CAUSE_ILLEGAL, 2
.equ CAUSE_ECALL_U, 8

_start:
    INIT
    PRINT
    .asciz "07 privilege transitions\n"
    ENDPRINT
    la t0, m_handler
    csrw mtvec, t0
    la t0, s_handler
    csrw stvec, t0
    li t0, (1 << CAUSE_ILLEGAL) | (1 << CAUSE_ECALL_U)
    csrw medeleg, t0
    # mret into S-mode at s_main.
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    PRINT
    .asciz "S: running\n"
    ENDPRINT
    li a7, 1
    ecall                       # S -> M (not delegable to S here)
    PRINT
    .asciz "S: back from M\n"
    ENDPRINT
    csrr t0, mstatus            # M-only CSR: illegal, delegated to S itself
    PRINT
    .asciz "S: after illegal\n"
    ENDPRINT
    csrr t0, sscratch           # S CSRs are fine
    li t0, 0x5a
    csrw sscratch, t0
    csrr t0, sscratch
    SHOW S_sscratch, t0
    # sret into U-mode at u_main.
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_main
    csrw sepc, t0
    sret

u_main:
    PRINT
    .asciz "U: running\n"
    ENDPRINT
    li a7, 10
    ecall                       # U -> S (delegated)
    SHOWD U_ecall_result, a0
    csrr t0, sstatus            # illegal in U, delegated to S
    PRINT
    .asciz "U: after illegal\n"
    ENDPRINT
    sret                        # also illegal in U
    PRINT
    .asciz "U: after sret\n"
    ENDPRINT
    li a7, 11
    ecall                       # asks S to finish
    PRINT
    .asciz "U: not reached\n"
    ENDPRINT
    FAIL 3

# ---------------------------------------------------------------- S-mode handler
.align 2
s_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, scause
    SHOW S_trap_scause, t0
    csrr t0, stval
    SHOW S_trap_stval, t0
    csrr t0, sstatus
    li t1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
    and t0, t0, t1
    SHOW S_trap_sstatus, t0
    csrr t0, scause
    li t1, CAUSE_ECALL_U
    bne t0, t1, s_skip
    li t1, 11
    beq a7, t1, s_finish
    li a0, 42                   # the "system call" result
s_skip:
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    sret
s_finish:
    PRINT
    .asciz "S: finishing\n"
    ENDPRINT
    li a7, 2
    ecall                       # S -> M: power off

# ---------------------------------------------------------------- M-mode handler
.align 2
m_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    SHOW M_trap_mcause, t0
    csrr t0, mstatus
    li t1, MSTATUS_MPP
    and t0, t0, t1
    SHOW M_trap_mpp, t0
    li t1, 2
    beq a7, t1, m_finish
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret
m_finish:
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
