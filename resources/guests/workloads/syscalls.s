# syscalls.s - a system-call-heavy workload: many getpid and sched_yield calls, and
# two calls the kernel must refuse. Every call is a trap into the kernel (and, under a
# hypervisor, a trap the VMM reflects into the guest kernel).
# (User program: appended after ulib.s; see README.md.)

.equ GETPID_CALLS, 200
.equ YIELD_CALLS, 30

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    sw s2, 0(sp)
    mv s0, a0
    li s1, GETPID_CALLS
    li s2, 0                    # answers equal to our pid
sc_getpid:
    li a7, SYS_GETPID
    ecall
    bne a0, s0, sc_getpid_next
    addi s2, s2, 1
sc_getpid_next:
    addi s1, s1, -1
    bnez s1, sc_getpid
    mv a0, s0
    la a1, sc_msg_getpid
    call u_say
    mv a0, s2
    call u_put_dec
    la a0, sc_msg_getpid_end
    call u_puts
    call u_endl
    li s1, YIELD_CALLS
    li s2, 0                    # calls that returned 0
sc_yield:
    li a7, SYS_SCHED_YIELD
    ecall
    bnez a0, sc_yield_next
    addi s2, s2, 1
sc_yield_next:
    addi s1, s1, -1
    bnez s1, sc_yield
    mv a0, s0
    la a1, sc_msg_yield
    call u_say
    mv a0, s2
    call u_put_dec
    call u_endl
    li a0, MMAP_START + 2       # not page-aligned: EINVAL
    li a7, SYS_MMAP
    ecall
    mv s1, a0
    li a7, 999                  # no such call: ENOSYS
    ecall
    mv s2, a0
    mv a0, s0
    la a1, sc_msg_refused
    call u_say
    neg a0, s1
    call u_put_dec
    la a0, sc_msg_unknown
    call u_puts
    neg a0, s2
    call u_put_dec
    call u_endl
    li a0, 0
    lw s2, 0(sp)
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

sc_msg_getpid:     .asciz "200 getpid calls, answers equal to my pid: "
sc_msg_getpid_end: .asciz ""
sc_msg_yield:      .asciz "30 sched_yield calls, answers 0: "
sc_msg_refused:    .asciz "refused: unaligned mmap -"
sc_msg_unknown:    .asciz ", unknown call -"
.balign 4, 0
