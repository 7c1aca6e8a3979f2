# The CLINT as software sees it: msip reads back (only bit 0 is kept), mtimecmp halves
# read back, mtime is writable and keeps counting from the written value, and a
# timer interrupt follows a write of mtime past mtimecmp.
.text
.equ MTIP, 0x80

_start:
    INIT
    PRINT
    .asciz "24 CLINT registers\n"
    ENDPRINT
    li s0, CLINT_MSIP
    li t0, 0xffffffff
    sw t0, 0(s0)
    lw t1, 0(s0)
    SHOW msip_readback, t1
    csrr t1, mip
    andi t1, t1, 0x8
    SHOW mip_msip, t1
    sw zero, 0(s0)
    lw t1, 0(s0)
    SHOW msip_cleared, t1

    li s1, CLINT_MTIMECMP
    li t0, 0x89abcdef
    li t1, 0x01234567
    sw t1, 4(s1)
    sw t0, 0(s1)
    lw t2, 0(s1)
    SHOW mtimecmp_lo, t2
    lw t2, 4(s1)
    SHOW mtimecmp_hi, t2

    # mtime := 0x40000000, then read it back.
    li s2, CLINT_MTIME
    li t0, 0x40000000
    sw zero, 4(s2)
    sw t0, 0(s2)
    lw t1, 0(s2)
    lw t2, 4(s2)
    sub t1, t1, t0
    sltiu t1, t1, 1000
    SHOW mtime_from_written_value, t1
    SHOW mtime_hi, t2

    # mtimecmp far above mtime: no MTIP; then mtime written past it: MTIP.
    li t0, 0x50000000
    li t1, -1
    sw t1, 4(s1)
    sw t0, 0(s1)
    sw zero, 4(s1)
    csrr t1, mip
    andi t1, t1, MTIP
    SHOW mtip_before, t1
    li t0, 0x50000010
    sw t0, 0(s2)
    csrr t1, mip
    andi t1, t1, MTIP
    SHOW mtip_after_mtime_write, t1
    li t0, -1
    sw t0, 4(s1)
    csrr t1, mip
    andi t1, t1, MTIP
    SHOW mtip_after_mtimecmp_write, t1

    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
