# Counters, as relations only (raw values differ between machines): the high halves
# are readable, mcycle/minstret restart from a written value, the time CSR mirrors
# the CLINT's mtime, and instret counts exactly the instructions retired.
.text
_start:
    INIT
    PRINT
    .asciz "23 counters\n"
    ENDPRINT
    rdcycleh t0
    rdinstreth t0
    rdtimeh t0
    csrr t0, mcycleh
    csrr t0, minstreth
    PRINT
    .asciz "high halves readable\n"
    ENDPRINT

    # Writes: the counter continues from the written value.
    li s0, 0x10000000
    csrw mcycleh, zero
    csrw mcycle, s0
    csrr t0, mcycle
    sub t0, t0, s0
    sltiu t1, t0, 1000          # small and non-negative
    SHOW mcycle_from_written_value, t1
    csrw minstreth, zero
    csrw minstret, s0
    csrr t0, minstret
    sub t0, t0, s0
    sltiu t1, t0, 1000
    SHOW minstret_from_written_value, t1

    # time mirrors mtime: mtime(before) <= time <= mtime(after).
    li s1, CLINT_MTIME
    lw t0, 0(s1)
    rdtime t1
    lw t2, 0(s1)
    sltu t3, t1, t0
    xori t3, t3, 1
    SHOW time_not_before_mtime, t3
    sltu t3, t2, t1
    xori t3, t3, 1
    SHOW time_not_after_mtime, t3

    # minstret counts retired instructions: 10 straight-line instructions between reads.
    csrr t0, minstret
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    nop
    csrr t1, minstret
    sub t1, t1, t0
    SHOWD instret_delta_for_10, t1

    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
