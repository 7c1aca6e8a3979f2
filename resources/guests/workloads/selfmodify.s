# selfmodify.s - self-modifying code: the program writes an instruction into its own
# code page, executes fence.i so that instruction fetch sees the store, and runs it.
# A binary translator must notice the write and drop its stale translation.
# (User program: appended after ulib.s; see README.md.)

.equ SM_ROUNDS, 4

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    sw s2, 16(sp)
    sw s3, 12(sp)
    mv s0, a0
    li s1, 0
sm_round:
    li t0, 100                  # v = 100 * pid + 7 * round
    mul s2, s0, t0
    li t0, 7
    mul t0, t0, s1
    add s2, s2, t0
    slli t0, s2, 20             # addi a0, zero, v = v << 20 | rd a0 (10) << 7 | 0x13
    li t1, 0x513
    or t0, t0, t1
    la t1, sm_slot
    sw t0, 0(t1)                # overwrite the first instruction of sm_slot
    fence.i
    call sm_slot
    mv s3, a0
    mv a0, s0
    la a1, sm_msg_wrote
    call u_say
    mv a0, s2
    call u_put_dec
    la a0, sm_msg_ran
    call u_puts
    mv a0, s3
    call u_put_dec
    call u_endl
    addi s1, s1, 1
    li t0, SM_ROUNDS
    bltu s1, t0, sm_round
    li a0, 0
    lw s3, 12(sp)
    lw s2, 16(sp)
    lw s1, 20(sp)
    lw s0, 24(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret

# Rewritten before every call.
sm_slot:
    addi a0, zero, 0
    ret

sm_msg_wrote: .asciz "wrote addi a0, zero, "
sm_msg_ran:   .asciz "; fence.i; ran it: a0 = "
.balign 4, 0
