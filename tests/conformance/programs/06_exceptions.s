# Synchronous exceptions taken in M-mode: ecall, ebreak, illegal instructions, a
# misaligned jump target, access faults on a hole in the memory map; and what a trap
# and mret do to mstatus (MIE/MPIE/MPP).
.text
.equ HOLE, 0x00200000           # nothing is mapped here on the virt board

_start:
    INIT
    PRINT
    .asciz "06 M-mode exceptions\n"
    ENDPRINT

    EXPECT_EPC x_ecall
x_ecall:
    ecall
    PRINT
    .asciz "after ecall\n"
    ENDPRINT
    EXPECT_EPC x_ebreak
x_ebreak:
    ebreak
    PRINT
    .asciz "after ebreak\n"
    ENDPRINT
    EXPECT_EPC x_zero
x_zero:
    .word 0x00000000            # all-zero word: defined illegal
    EXPECT_EPC x_ones
x_ones:
    .word 0xffffffff            # all-ones word: illegal
    EXPECT_EPC x_badop
x_badop:
    .word 0x0000007b            # custom-2 major opcode, nothing implemented there
    li t0, HOLE
    EXPECT_EPC x_load
x_load:
    lw t1, 0(t0)
    EXPECT_EPC x_store
x_store:
    sw t1, 0(t0)

    # A jump to an address with bit 1 set: instruction-address-misaligned (no C extension).
    # mepc is the jump itself; mtval is the target (a fixed address, so it prints the same).
    li t0, SCRATCH + 2
    EXPECT_EPC x_jump
    RESUME_AT after_misaligned
x_jump:
    jalr ra, 0(t0)
after_misaligned:
    PRINT
    .asciz "after misaligned jump\n"
    ENDPRINT

    # A fetch from the hole: instruction access fault, mepc = mtval = the hole.
    li t0, HOLE
    la t1, expected_epc
    sw t0, 0(t1)
    RESUME_AT after_fetch
    jalr ra, 0(t0)
after_fetch:
    PRINT
    .asciz "after fetch fault\n"
    ENDPRINT

    # mstatus across a trap: MIE -> MPIE, MIE cleared, MPP = M; mret restores MIE,
    # sets MPIE and leaves MPP = U.
    csrw mie, zero              # nothing can interrupt
    li t0, MSTATUS_MIE
    csrs mstatus, t0
    la t0, status_handler
    csrw mtvec, t0
    ecall
    csrr t0, mstatus
    li t1, 0x1888               # MPP MPIE MIE
    and t0, t0, t1
    SHOW mstatus_after_mret, t0
    csrw mstatus, zero
    # A trap with MIE = 0 leaves MPIE = 0.
    ecall
    csrr t0, mstatus
    li t1, 0x1888
    and t0, t0, t1
    SHOW mstatus_after_mret2, t0

    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

.align 2
status_handler:
    csrr t0, mstatus
    li t1, 0x1888
    and t0, t0, t1
    SHOW mstatus_in_handler, t0
    csrr t0, mcause
    SHOW mcause, t0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
