# CSR privilege: identification CSRs every RV32 hart has, CSR access checked against
# the privilege encoded in the CSR address (from S and U), absent extensions' CSRs,
# and the mstatus.TSR trap for sret; mret below M. Every trap goes to M here.
.text
.equ MSTATUS_TSR, 0x400000

_start:
    INIT
    PRINT
    .asciz "21 CSR privilege\n"
    ENDPRINT
    csrr t0, mvendorid
    SHOW mvendorid, t0
    csrr t0, mconfigptr
    SHOW mconfigptr, t0
    csrr t0, mstatush           # RV32: upper half of mstatus
    SHOW mstatush, t0
    EXPECT_EPC m_write_vendor
m_write_vendor:
    csrw mvendorid, zero
    EXPECT_EPC m_pmpcfg
m_pmpcfg:
    csrr t0, 0x3a0              # pmpcfg0: no PMP on this hart
    EXPECT_EPC m_hstatus
m_hstatus:
    csrr t0, 0x600              # hstatus: no hypervisor extension

    la t0, m_handler
    csrw mtvec, t0
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    PRINT
    .asciz "S\n"
    ENDPRINT
    csrr t0, sscratch
    EXPECT_EPC s_mscratch
s_mscratch:
    csrr t0, mscratch
    EXPECT_EPC s_mepc
s_mepc:
    csrw mepc, t0
    EXPECT_EPC s_hstatus
s_hstatus:
    csrr t0, 0x600
    EXPECT_EPC s_mret
s_mret:
    mret
    li a7, 1
    ecall                       # M sets TSR
    EXPECT_EPC s_sret_tsr
s_sret_tsr:
    sret
    li a7, 2
    ecall                       # M clears TSR
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, u_main
    csrw sepc, t0
    sret

u_main:
    li a7, 3                    # the handler prints for U from here on
    EXPECT_EPC u_sscratch
u_sscratch:
    csrr t0, sscratch
    EXPECT_EPC u_satp
u_satp:
    csrr t0, satp
    EXPECT_EPC u_mstatus
u_mstatus:
    csrw mstatus, zero
    EXPECT_EPC u_mret
u_mret:
    mret
    li a7, 4
    ecall

# ecalls drive the test; everything else is reported by the default handler.
.align 2
m_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    li t1, 9
    beq t0, t1, m_ecall
    li t1, 8
    beq t0, t1, m_ecall
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    j trap_report_skip
m_ecall:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    li t0, MSTATUS_TSR
    li t1, 1
    beq a7, t1, m_set_tsr
    li t1, 2
    beq a7, t1, m_clear_tsr
    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
m_set_tsr:
    csrs mstatus, t0
    j m_ecall_ret
m_clear_tsr:
    csrc mstatus, t0
m_ecall_ret:
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    mret
