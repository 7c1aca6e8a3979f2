# Deeper CSR behaviour: which mip bits software may write (from M and from S), what
# sip shows through mideleg, counter access from S and U under mcounteren/scounteren,
# vectored mtvec, and mret to M keeping MPRV. (Whether mret to S/U clears MPRV is left
# out: the privileged spec 1.12 says it does, QEMU 7.2 does not.)
.text
.equ SSIP, 0x2
.equ MSIP, 0x8
.equ STIP, 0x20
.equ MTIP, 0x80
.equ SEIP, 0x200
.equ MEIP, 0x800
.equ MSTATUS_MPRV, 0x20000

_start:
    INIT
    PRINT
    .asciz "16 CSR details\n"
    ENDPRINT
    li t0, CLINT_MTIMECMP       # keep MTIP low
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)

    PRINT
    .asciz "mip writes from M\n"
    ENDPRINT
    li t0, SSIP | MSIP | STIP | MTIP | SEIP | MEIP
    csrs mip, t0
    csrr t1, mip
    SHOW mip_after_set_all, t1  # only the S-level bits are writable
    csrc mip, t0
    csrr t1, mip
    SHOW mip_after_clear_all, t1

    PRINT
    .asciz "sip through mideleg\n"
    ENDPRINT
    li t0, SSIP | STIP
    csrs mip, t0
    csrr t1, sip
    SHOW sip_nothing_delegated, t1
    li t2, SSIP
    csrw mideleg, t2
    csrr t1, sip
    SHOW sip_ssip_delegated, t1
    li t2, SSIP | STIP | SEIP
    csrw mideleg, t2
    csrr t1, sip
    SHOW sip_all_delegated, t1
    csrc sip, t0                # sip can only clear SSIP
    csrr t1, mip
    SHOW mip_after_sip_clear, t1
    li t0, SSIP | STIP
    csrc mip, t0
    csrw mideleg, zero

    PRINT
    .asciz "vectored mtvec\n"
    ENDPRINT
    la t0, vector_table
    ori t0, t0, 1
    csrw mtvec, t0
    li t0, MSIP
    csrw mie, t0
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)                # machine software interrupt: cause 3
    li t0, MSTATUS_MIE
    csrs mstatus, t0
    nop
    csrc mstatus, t0
    la t0, vector_hits
    lw t0, 0(t0)
    SHOW vector_hits, t0
    EXPECT_EPC vec_ecall
vec_ecall:
    ecall                       # exceptions still go to the base
    la t0, trap_report_skip
    csrw mtvec, t0
    csrw mie, zero

    PRINT
    .asciz "mret clears MPRV when leaving M\n"
    ENDPRINT
    li t0, MSTATUS_MPRV | MSTATUS_MPP
    csrs mstatus, t0            # MPP = M: mret stays in M and keeps MPRV
    la t0, after_mret1
    csrw mepc, t0
    mret
after_mret1:
    csrr t0, mstatus
    li t1, MSTATUS_MPRV
    and t0, t0, t1
    SHOW mprv_after_mret_to_m, t0

    PRINT
    .asciz "counters from M, S and U\n"
    ENDPRINT
    rdtime s2
    li t0, 100
time_spin:
    addi t0, t0, -1
    bnez t0, time_spin
    rdtime s3
    sltu t0, s2, s3
    SHOW M_rdtime_increases, t0
    la t0, m_counter_handler
    csrw mtvec, t0
    li t0, 0x5                  # CY and IR for S, not TM
    csrw mcounteren, t0
    li t0, 0x1                  # CY only for U
    csrw scounteren, t0
    li t0, MSTATUS_MPP | MSTATUS_MPRV
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_code
    csrw mepc, t0
    mret
s_code:
    li s1, 1                    # marks "from S" for the handler
    rdcycle t0
    PRINT
    .asciz "S: rdcycle ok\n"
    ENDPRINT
    rdinstret t0
    PRINT
    .asciz "S: rdinstret ok\n"
    ENDPRINT
    csrr t0, hpmcounter3        # mcounteren.HPM3 = 0: illegal
    rdtime t0                   # mcounteren.TM = 0: illegal
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_code
    csrw sepc, t0
    sret
u_code:
    li s1, 2
    rdcycle t0
    PRINT
    .asciz "U: rdcycle ok\n"
    ENDPRINT
    rdinstret t0
    ecall

.align 2
m_counter_handler:
    csrr t0, mcause
    SHOW M_mcause, t0
    li t1, 2
    bne t0, t1, m_counter_done
    csrr t0, mtval
    SHOW M_mtval, t0
    SHOWD from_mode, s1
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
m_counter_done:
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# Vectored mode: interrupt cause N enters at base + 4 * N.
.align 6
vector_table:
    j trap_report_skip          # 0: exceptions
    j vector_bad                # 1
    j vector_bad                # 2
    j vector_msi                # 3: machine software interrupt
    j vector_bad
    j vector_bad
    j vector_bad
    j vector_bad
vector_bad:
    PRINT
    .asciz "wrong vector\n"
    ENDPRINT
    FAIL 9
vector_msi:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    la t0, vector_hits
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    csrr t0, mcause
    SHOW vector_mcause, t0
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret

.data
.align 2
vector_hits:
    .word 0
