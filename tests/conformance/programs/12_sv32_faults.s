# Sv32 page faults delivered to S-mode through medeleg: invalid, read-only, execute-only,
# reserved W-without-R and misaligned-superpage PTEs; SUM (S touching U pages), MXR
# (reading execute-only pages), U touching S pages, and a 4 MiB superpage.
.text
.equ ROOT, PT_AREA
.equ L0, PT_AREA + 0x1000
.equ VA, 0x40000000             # L0 slot i maps VA + i * 4 KiB
.equ VA_USER_DATA, VA + 0x0000  # U R W        -> FRAME_U
.equ VA_READONLY, VA + 0x1000   # R            -> FRAME_RO
.equ VA_XONLY, VA + 0x2000      # X            -> xonly_code
.equ VA_INVALID, VA + 0x3000    # V = 0
.equ VA_WONLY, VA + 0x4000      # W without R: reserved
.equ VA_USER_CODE, VA + 0x5000  # U R X        -> user_code
.equ VA_SUPER, 0x40400000       # 4 MiB leaf   -> 0x80000000
.equ VA_BADSUPER, 0x40800000    # 4 MiB leaf with PPN[0] != 0: misaligned superpage
.equ FRAME_U, 0x80300000
.equ FRAME_RO, 0x80301000
.equ FRAME_W, 0x80304000
.equ PTE_V, 0x01
.equ PTE_R, 0x02
.equ PTE_W, 0x04
.equ PTE_X, 0x08
.equ PTE_U, 0x10
.equ PTE_AD, 0xc0
.equ CAUSE_FETCH_PF, 12
.equ CAUSE_LOAD_PF, 13
.equ CAUSE_STORE_PF, 15

# Write leaf PTE slot `slot` of L0 for physical address in t0 with flags.
.macro L0_MAP slot, flags
    srli t0, t0, 12
    slli t0, t0, 10
    ori t0, t0, \flags
    li t1, L0 + 4 * \slot
    sw t0, 0(t1)
.endm

_start:
    INIT
    PRINT
    .asciz "12 Sv32 page faults\n"
    ENDPRINT
    jal ra, build_tables
    li t0, FRAME_U
    li t1, 0x000000a0
    sw t1, 0(t0)
    li t0, FRAME_RO
    li t1, 0x000000b0
    sw t1, 0(t0)
    li t0, 0x80300000           # seen through the superpage at VA_SUPER + 0x300000
    li t1, 0x000000a0
    sw t1, 0(t0)

    la t0, s_handler
    csrw stvec, t0
    li t0, (1 << CAUSE_FETCH_PF) | (1 << CAUSE_LOAD_PF) | (1 << CAUSE_STORE_PF) | (1 << 8)
    csrw medeleg, t0
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
    PRINT
    .asciz "S: invalid page\n"
    ENDPRINT
    li s0, VA_INVALID
    EXPECT_EPC f_invalid_load
f_invalid_load:
    lw t0, 0(s0)
    EXPECT_EPC f_invalid_store
f_invalid_store:
    sw t0, 0(s0)
    EXPECT_EPC f_invalid_lr
f_invalid_lr:
    lr.w t0, (s0)
    EXPECT_EPC f_invalid_fetch_call
    la t0, expected_epc
    sw s0, 0(t0)                # a fetch fault reports the target as sepc
    RESUME_AT after_invalid_fetch
f_invalid_fetch_call:
    jalr ra, 0(s0)
after_invalid_fetch:

    PRINT
    .asciz "S: read-only page\n"
    ENDPRINT
    li s0, VA_READONLY
    lw t0, 0(s0)
    SHOW readonly_value, t0
    EXPECT_EPC f_ro_store
f_ro_store:
    sw t0, 0(s0)
    li t1, 1
    EXPECT_EPC f_ro_amo
f_ro_amo:
    amoadd.w t0, t1, (s0)
    la t0, expected_epc
    sw s0, 0(t0)
    RESUME_AT after_ro_fetch
    jalr ra, 0(s0)              # R without X
after_ro_fetch:

    PRINT
    .asciz "S: reserved W-only PTE\n"
    ENDPRINT
    li s0, VA_WONLY
    EXPECT_EPC f_w_load
f_w_load:
    lw t0, 0(s0)
    EXPECT_EPC f_w_store
f_w_store:
    sw t0, 0(s0)

    PRINT
    .asciz "S: execute-only page, MXR\n"
    ENDPRINT
    li s0, VA_XONLY
    jalr ra, 0(s0)              # runs: returns 0x77 in a0
    SHOW xonly_call, a0
    EXPECT_EPC f_x_load
f_x_load:
    lw t0, 0(s0)
    li t1, MSTATUS_MXR
    csrs sstatus, t1
    lw t0, 0(s0)                # MXR: executable pages become readable
    SHOW mxr_read_code_word, t0
    csrc sstatus, t1

    PRINT
    .asciz "S: user page, SUM\n"
    ENDPRINT
    li s0, VA_USER_DATA
    EXPECT_EPC f_sum0_load
f_sum0_load:
    lw t0, 0(s0)
    li t1, MSTATUS_SUM
    csrs sstatus, t1
    lw t0, 0(s0)
    SHOW sum1_read, t0
    addi t0, t0, 1
    sw t0, 0(s0)                # SUM also allows stores
    li s1, VA_USER_CODE
    la t0, expected_epc
    sw s1, 0(t0)
    RESUME_AT after_sum_fetch
    jalr ra, 0(s1)              # S never executes U pages, SUM or not
after_sum_fetch:
    csrc sstatus, t1

    PRINT
    .asciz "S: superpages\n"
    ENDPRINT
    li s0, VA_SUPER + 0x300000
    lw t0, 0(s0)
    SHOW superpage_read, t0
    li s0, VA_BADSUPER
    EXPECT_EPC f_badsuper
f_badsuper:
    lw t0, 0(s0)

    PRINT
    .asciz "U: touching its own and S pages\n"
    ENDPRINT
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    li t0, VA_USER_CODE
    csrw sepc, t0
    la t1, user_fault           # where user_fault lives in the user's address space
    la t2, user_code
    sub t1, t1, t2
    li t2, VA_USER_CODE
    add t1, t1, t2
    la t0, expected_epc
    sw t1, 0(t0)
    sret

s_after_user:
    li t1, MSTATUS_SUM
    csrs sstatus, t1
    li s0, VA_USER_DATA
    lw t0, 4(s0)
    SHOW user_wrote, t0
    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# An ecall from U ends the user part: resume s_after_user in S; the rest is reported.
.align 2
s_handler:
    addi sp, sp, -4
    sw t0, 0(sp)
    csrr t0, scause
    addi t0, t0, -8
    bnez t0, s_handler_report
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    la t0, s_after_user
    csrw sepc, t0
    lw t0, 0(sp)
    addi sp, sp, 4
    PRINT
    .asciz "S: ecall from U\n"
    ENDPRINT
    sret
s_handler_report:
    lw t0, 0(sp)
    addi sp, sp, 4
    j s_trap_report_skip

build_tables:
    li t0, ROOT
    li t1, 0x2000
    add t1, t0, t1
clear_loop:
    sw zero, 0(t0)
    addi t0, t0, 4
    bne t0, t1, clear_loop
    li a0, ROOT
    li t0, ((0x00000000 >> 12) << 10) | 0xc7
    sw t0, 0(a0)
    li t0, ((0x10000000 >> 12) << 10) | 0xc7
    li t1, ROOT + 4 * (0x10000000 >> 22)
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0xcf
    li t1, ROOT + 4 * (0x80000000 >> 22)
    sw t0, 0(t1)
    li t0, ((L0 >> 12) << 10) | PTE_V
    li t1, ROOT + 4 * (VA >> 22)
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0xc7
    li t1, ROOT + 4 * (VA_SUPER >> 22)
    sw t0, 0(t1)
    li t0, ((0x80001000 >> 12) << 10) | 0xc7
    li t1, ROOT + 4 * (VA_BADSUPER >> 22)
    sw t0, 0(t1)
    li t0, FRAME_U
    L0_MAP 0, PTE_AD | PTE_U | PTE_W | PTE_R | PTE_V
    li t0, FRAME_RO
    L0_MAP 1, PTE_AD | PTE_R | PTE_V
    la t0, xonly_code
    L0_MAP 2, PTE_AD | PTE_X | PTE_V
    li t0, FRAME_W
    L0_MAP 4, PTE_AD | PTE_W | PTE_V
    la t0, user_code
    L0_MAP 5, PTE_AD | PTE_U | PTE_X | PTE_R | PTE_V
    ret

# Page-aligned code, mapped execute-only for S.
.align 12, 0
xonly_code:
    li a0, 0x77
    ret

# Page-aligned user code: it may only touch U pages.
.align 12, 0
user_code:
    li s0, VA_USER_DATA
    li s1, VA_READONLY
    lw t0, 0(s0)
user_fault:
    lw t1, 0(s1)                # VA_READONLY is an S page
    addi t0, t0, 0x10
    sw t0, 4(s0)
    ecall
