# More Sv32: hardware A/D updates on a 4 MiB superpage and by an AMO, MXR for U-mode,
# U-mode faults (fetch from an S page, store to a read-only U page), and satp with an
# ASID together with sfence.vma by ASID.
.text
.equ ROOT, PT_AREA
.equ L0, PT_AREA + 0x1000
.equ VA, 0x40000000
.equ VA_SUPER, 0x40400000       # 4 MiB leaf, A = D = 0       -> 0x80000000
.equ FRAME_AMO, 0x80300000      # L0 slot 0: R W, A = D = 0
.equ FRAME_XU, 0x80301000       # L0 slot 1: U X (execute-only user page)
.equ FRAME_ROU, 0x80302000      # L0 slot 2: U R (read-only user page)
.equ FRAME_ASID, 0x80303000     # L0 slot 3 is rewritten for the ASID test
.equ FRAME_ASID2, 0x80304000

.macro L0_SLOT slot, flags
    srli t0, t0, 12
    slli t0, t0, 10
    ori t0, t0, \flags
    li t1, L0 + 4 * \slot
    sw t0, 0(t1)
.endm

_start:
    INIT
    PRINT
    .asciz "26 more Sv32\n"
    ENDPRINT
    jal ra, build_tables
    li t0, 0x80300000           # seen through VA_SUPER + 0x300000 too
    li t1, 40
    sw t1, 0(t0)
    li t0, FRAME_XU
    li t1, 0x0000c0de
    sw t1, 0(t0)
    li t0, FRAME_ASID
    li t1, 0x0a51d001
    sw t1, 0(t0)
    li t0, FRAME_ASID2
    li t1, 0x0a51d002
    sw t1, 0(t0)

    la t0, s_handler
    csrw stvec, t0
    li t0, (1 << 12) | (1 << 13) | (1 << 15) | (1 << 8)
    csrw medeleg, t0
    li t0, 0x80000000 | (5 << 22) | (ROOT >> 12)   # ASID 5
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
    csrr t0, satp
    SHOW satp_with_asid, t0
    PRINT
    .asciz "S: A/D on a superpage\n"
    ENDPRINT
    li s0, ROOT + 4 * (VA_SUPER >> 22)
    lw t0, 0(s0)
    SHOW super_pte_before, t0
    li t1, VA_SUPER + 0x300000
    lw t2, 0(t1)
    SHOWD super_read, t2
    lw t0, 0(s0)
    SHOW super_pte_after_read, t0
    sw t2, 4(t1)
    lw t0, 0(s0)
    SHOW super_pte_after_write, t0

    PRINT
    .asciz "S: A/D by an AMO\n"
    ENDPRINT
    li s0, L0
    li t1, VA
    li t2, 2
    amoadd.w t0, t2, (t1)
    SHOWD amo_old, t0
    lw t0, 0(s0)
    SHOW amo_pte_after, t0

    PRINT
    .asciz "S: ASID and sfence.vma by ASID\n"
    ENDPRINT
    li s1, VA + 0x3000
    lw t0, 0(s1)
    SHOW asid_first, t0
    li t0, FRAME_ASID2
    L0_SLOT 3, 0xc7
    li t0, 5
    sfence.vma s1, t0           # this page, ASID 5
    lw t0, 0(s1)
    SHOW asid_after_sfence, t0
    li t0, FRAME_ASID
    L0_SLOT 3, 0xc7
    li t0, 5
    sfence.vma zero, t0         # all pages of ASID 5
    lw t0, 0(s1)
    SHOW asid_after_sfence_all, t0

    PRINT
    .asciz "U: MXR and faults\n"
    ENDPRINT
    la t0, user_code
    L0_SLOT 4, 0xdb             # V R X U A D
    sfence.vma
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    li t0, VA + 0x4000
    csrw sepc, t0
    sret

s_after_user:
    la t0, trap_count
    lw t0, 0(t0)
    SHOWD traps, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS

# ecalls from U: a7 = 1 set MXR, a7 = 2 clear it, a7 = 3 print a0, a7 = 4 finish.
# Anything else goes to the reporting handler.
.align 2
s_handler:
    addi sp, sp, -8
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, scause
    li t1, 8
    bne t0, t1, s_report
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    li t0, MSTATUS_MXR
    li t1, 1
    bne a7, t1, s_not_set
    csrs sstatus, t0
    j s_ret
s_not_set:
    li t1, 2
    bne a7, t1, s_not_clear
    csrc sstatus, t0
    j s_ret
s_not_clear:
    li t1, 3
    bne a7, t1, s_finish
    SHOW U_value, a0
s_ret:
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    sret
s_report:                       # a user fault: show where, relative to user_code
    csrr t0, sepc
    la t1, expected_epc
    sw t0, 0(t1)
    li t1, VA + 0x4000
    sub t0, t0, t1
    SHOWD U_fault_offset, t0
    csrr t0, scause
    li t1, 12
    bne t0, t1, s_report_go
    la t1, resume_pc            # a fetch fault: resume at the user's return address
    sw ra, 0(t1)
s_report_go:
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 8
    j s_trap_report_skip
s_finish:
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    la t0, s_after_user
    csrw sepc, t0
    j s_ret

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
    li t0, ((L0 >> 12) << 10) | 1
    li t1, ROOT + 4 * (VA >> 22)
    sw t0, 0(t1)
    li t0, ((0x80000000 >> 12) << 10) | 0x07      # V R W, A = D = 0
    li t1, ROOT + 4 * (VA_SUPER >> 22)
    sw t0, 0(t1)
    li t0, FRAME_AMO
    L0_SLOT 0, 0x07
    li t0, FRAME_XU
    L0_SLOT 1, 0xd9             # U X A D
    li t0, FRAME_ROU
    L0_SLOT 2, 0xd3             # U R A D
    li t0, FRAME_ASID
    L0_SLOT 3, 0xc7
    ret

# User code at VA + 0x4000. It may not print (the UART is an S page), so it hands
# values to S with ecall a7 = 3.
.align 12, 0
user_code:
    li s0, VA + 0x1000          # execute-only user page
    li s1, VA + 0x2000          # read-only user page
    li s2, VA                   # an S page
    li a0, 0x5a5a5a5a
user_f1:
    lw a0, 0(s0)                # no MXR: load page fault
    li a7, 1
    ecall                       # MXR on
    lw a0, 0(s0)
    li a7, 3
    ecall                       # prints the word
    li a7, 2
    ecall                       # MXR off
user_f2:
    sw zero, 0(s1)              # read-only: store page fault
user_f3:
    jalr ra, 0(s2)              # S page: fetch page fault
    li a7, 4
    ecall
