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
