# sfence.vma after page-table changes: retargeting a PTE, invalidating and
# revalidating it, switching satp to another root, and the traps around it
# (sfence.vma and satp under mstatus.TVM, sfence.vma from U).
# Values read *before* an sfence.vma are never printed: whether a stale translation
# is still used is up to each implementation's TLB.
.text
.equ ROOT, PT_AREA
.equ L0, PT_AREA + 0x1000
.equ ROOT2, PT_AREA + 0x2000    # a second address space: same identity map,
.equ L0_2, PT_AREA + 0x3000     # its own level-0 table
.equ VA, 0x40000000
.equ FRAME_A, 0x80300000
.equ FRAME_B, 0x80301000
.equ FRAME_C, 0x80302000
.equ LEAF_RW, 0xc7              # V R W A D
.equ MSTATUS_TVM, 0x100000

_start:
    INIT
    PRINT
    .asciz "13 sfence.vma\n"
    ENDPRINT
    li t0, FRAME_A
    li t1, 0xaaaaaaaa
    sw t1, 0(t0)
    li t0, FRAME_B
    li t1, 0xbbbbbbbb
    sw t1, 0(t0)
    li t0, FRAME_C
    li t1, 0xcccccccc
    sw t1, 0(t0)
    li a0, ROOT
    li a1, L0
    jal ra, build_space
    li a0, ROOT2
    li a1, L0_2
    jal ra, build_space
    li t0, ((FRAME_C >> 12) << 10) | LEAF_RW
    li t1, L0_2
    sw t0, 0(t1)                # ROOT2 maps VA to FRAME_C

    la t0, s_trap_report_skip
    csrw stvec, t0
    li t0, (1 << 13) | (1 << 15) | (1 << 2)
    csrw medeleg, t0            # page faults and illegal instructions go to S
    la t0, m_handler
    csrw mtvec, t0
    li t0, 0x80000000 | (ROOT >> 12)
    csrw satp, t0
    sfence.vma
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPP_S
    csrs mstatus, t0
    la t0, s_main
    csrw mepc, t0
    mret

s_main:
    li s0, VA
    li s1, L0
    lw t0, 0(s0)
    SHOW first_mapping, t0

    li t0, ((FRAME_B >> 12) << 10) | LEAF_RW
    sw t0, 0(s1)
    sfence.vma s0, zero         # just this page, every address space
    lw t0, 0(s0)
    SHOW after_retarget, t0

    sw zero, 0(s1)              # invalidate
    sfence.vma
    EXPECT_EPC f_invalid
f_invalid:
    lw t0, 0(s0)
    li t0, ((FRAME_A >> 12) << 10) | LEAF_RW
    sw t0, 0(s1)
    sfence.vma s0
    lw t0, 0(s0)
    SHOW revalidated, t0

    # A read-only mapping, then made writable again.
    li t0, ((FRAME_A >> 12) << 10) | 0x43          # V R A
    sw t0, 0(s1)
    sfence.vma zero, zero
    EXPECT_EPC f_readonly
f_readonly:
    sw t0, 4(s0)
    li t0, ((FRAME_A >> 12) << 10) | LEAF_RW
    sw t0, 0(s1)
    sfence.vma
    li t0, 0x600d
    sw t0, 4(s0)
    lw t0, 4(s0)
    SHOW write_after_upgrade, t0

    # Another address space.
    li t0, 0x80000000 | (ROOT2 >> 12)
    csrw satp, t0
    sfence.vma
    lw t0, 0(s0)
    SHOW other_root, t0
    li t0, 0x80000000 | (ROOT >> 12)
    csrw satp, t0
    sfence.vma
    lw t0, 0(s0)
    SHOW back_to_first_root, t0

    PRINT
    .asciz "S: TVM traps satp and sfence.vma\n"
    ENDPRINT
    li a7, 1
    ecall                       # M sets mstatus.TVM
    EXPECT_EPC f_tvm_satp_read
f_tvm_satp_read:
    csrr t0, satp
    EXPECT_EPC f_tvm_satp_write
f_tvm_satp_write:
    csrw satp, t0
    EXPECT_EPC f_tvm_sfence
f_tvm_sfence:
    sfence.vma
    li a7, 2
    ecall                       # M clears TVM and continues in U
    PRINT
    .asciz "not reached\n"
    ENDPRINT
    FAIL 8

# U-mode part, run with paging off (M clears satp first).
u_code:
u_sfence:
    sfence.vma
    ecall

s_finish:
    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# Identity megapages (finisher, UART, RAM) and one level-0 table for VA -> FRAME_A.
build_space:
    li t0, 0x1000
    add t1, a0, t0
clear_root:
    sw zero, 0(a0)
    addi a0, a0, 4
    bne a0, t1, clear_root
    addi a0, a0, -2048
    addi a0, a0, -2048          # back to the root
    add t1, a1, t0
    mv t2, a1
clear_l0:
    sw zero, 0(t2)
    addi t2, t2, 4
    bne t2, t1, clear_l0
    li t0, ((0x00000000 >> 12) << 10) | 0xc7
    sw t0, 0(a0)
    li t0, ((0x10000000 >> 12) << 10) | 0xc7
    li t1, 4 * (0x10000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0xcf
    li t1, 4 * (0x80000000 >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    srli t0, a1, 12
    slli t0, t0, 10
    ori t0, t0, 1
    li t1, 4 * (VA >> 22)
    add t1, t1, a0
    sw t0, 0(t1)
    li t0, ((FRAME_A >> 12) << 10) | LEAF_RW
    sw t0, 0(a1)
    ret

.align 2
m_handler:
    csrr t0, mcause
    SHOW M_mcause, t0
    li t1, 9
    bne t0, t1, m_from_user
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    li t0, MSTATUS_TVM
    li t1, 1
    bne a7, t1, m_to_user
    csrs mstatus, t0
    mret
m_to_user:
    csrc mstatus, t0
    # Paging off for the user part: sfence.vma from U must trap whatever the mode.
    csrw satp, zero
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    la t0, u_code
    csrw mepc, t0
    la t0, u_sfence
    la t1, expected_epc
    sw t0, 0(t1)
    mret
m_from_user:
    csrr t0, mepc               # the ecall after u_sfence: finish in M
    j s_finish
