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
# Sv32 paging: an identity map built from 4 MiB megapages plus one 4 KiB page table
# that remaps two pages at 0x40000000. S-mode reads and writes through both views and
# then looks at the hardware-set A and D bits in the leaf PTEs.
.text
.equ ROOT, PT_AREA              # level-1 table
.equ L0, PT_AREA + 0x1000       # level-0 table for 0x40000000..0x403fffff
.equ FRAME_A, 0x80300000        # physical frames behind the remapped pages
.equ FRAME_B, 0x80305000        # not adjacent to FRAME_A
.equ VA_A, 0x40000000
.equ VA_B, 0x40001000
.equ PTE_V, 0x01
.equ PTE_R, 0x02
.equ PTE_W, 0x04
.equ PTE_X, 0x08
.equ PTE_A, 0x40
.equ PTE_D, 0x80
.equ SATP_SV32, 0x80000000

_start:
    INIT
    PRINT
    .asciz "11 Sv32 basics\n"
    ENDPRINT
    jal ra, build_tables
    li t0, FRAME_A
    li t1, 0xaaaa0000
    sw t1, 0(t0)
    li t0, FRAME_B
    li t1, 0xbbbb0000
    sw t1, 0(t0)

    li t0, SATP_SV32 | (ROOT >> 12)
    csrw satp, t0
    sfence.vma
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret                        # paging applies from here on (S-mode)

s_main:
    PRINT
    .asciz "S: paging on\n"
    ENDPRINT
    csrr t0, satp
    SHOW satp, t0
    li s0, VA_A
    li s1, FRAME_A              # identity-mapped view of the same frame
    li s2, L0

    lw t1, 0(s2)
    SHOW pte_a_before, t1
    lw t0, 0(s0)
    SHOW read_via_remap, t0
    lw t1, 0(s2)
    SHOW pte_a_after_read, t1
    li t0, 0x12345678
    sw t0, 4(s0)
    lw t1, 0(s2)
    SHOW pte_a_after_write, t1
    lw t0, 4(s1)
    SHOW read_via_identity, t0
    li t0, 0x0badcafe
    sw t0, 8(s1)
    lw t0, 8(s0)
    SHOW identity_write_seen, t0

    li s0, VA_B                 # a write first: A and D together
    lw t1, 4(s2)
    SHOW pte_b_before, t1
    li t0, 0x55
    sb t0, 3(s0)
    lw t1, 4(s2)
    SHOW pte_b_after_write, t1
    lw t0, 0(s0)
    SHOW frame_b_word, t0

    # A misaligned word across the VA_A/VA_B boundary: two translations, two frames.
    li t0, VA_A + 0xffc
    li t1, 0x44332211
    sw t1, 0(t0)
    lw t1, 3(t0)
    SHOW word_across_pages, t1

    # The megapage PTEs were built with A and D set; they keep them.
    li t0, ROOT + 4 * (0x80000000 >> 22)
    lw t1, 0(t0)
    SHOW pte_ram_megapage, t1
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# Root: identity megapages for the finisher (VA 0), the UART and the first 4 MiB of RAM;
# one pointer to the level-0 table for 0x40000000. Level 0: VA_A -> FRAME_A, VA_B ->
# FRAME_B, readable and writable, A and D clear.
build_tables:
    li t0, ROOT
    li t1, 0x2000               # clear both tables
    add t1, t0, t1
clear_loop:
    sw zero, 0(t0)
    addi t0, t0, 4
    bne t0, t1, clear_loop
    li a0, ROOT
    li t0, ((0x00000000 >> 12) << 10) | 0xc7      # V R W A D
    sw t0, 4 * (0x00000000 >> 22)(a0)
    li t0, ((0x10000000 >> 12) << 10) | 0xc7
    li t1, 4 * (0x10000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0xcf      # V R W X A D
    li t1, 4 * (0x80000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t0, ((L0 >> 12) << 10) | PTE_V            # pointer: V only
    li t1, 4 * (VA_A >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li a0, L0
    li t0, ((FRAME_A >> 12) << 10) | PTE_V | PTE_R | PTE_W
    sw t0, 0(a0)
    li t0, ((FRAME_B >> 12) << 10) | PTE_V | PTE_R | PTE_W
    sw t0, 4(a0)
    ret
