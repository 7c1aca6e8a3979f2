# Forks FORKS times (default 4) straight into the cgroup /jail with clone3 and
# CLONE_INTO_CGROUP, as a container manager starts processes in a group it is not in
# itself. Every child spins. The parent keeps each fork's result in s2.. (pid, or
# -11 = EAGAIN at pids.max) and exits with a bit mask of the forks that failed with
# EAGAIN (255 if the cgroup directory could not be opened).
    .ifndef FORKS
    .equ FORKS, 4
    .endif
    .text
    .globl _start
_start:
    li a0, -100             # AT_FDCWD
    la a1, jail
    li a2, 0x10000          # O_RDONLY | O_DIRECTORY
    li a7, 56               # openat
    ecall
    bltz a0, no_group
    la t0, args
    sw a0, 80(t0)           # clone_args.cgroup = the directory's descriptor
    li s0, 0                # fork number
    li s1, 0                # EAGAIN mask
    la s6, results
next:
    la a0, args
    li a1, 88               # CLONE_ARGS_SIZE_VER2
    li a7, 435              # clone3
    ecall
    beqz a0, child
    sw a0, 0(s6)
    addi s6, s6, 4
    li t0, -11
    bne a0, t0, counted
    li t1, 1
    sll t1, t1, s0
    or s1, s1, t1
counted:
    addi s0, s0, 1
    li t0, FORKS
    blt s0, t0, next
    la t0, results
    lw s2, 0(t0)
    lw s3, 4(t0)
    lw s4, 8(t0)
    lw s5, 12(t0)
    mv a0, s1
    li a7, 93               # exit(mask)
    ecall
no_group:
    li a0, 255
    li a7, 93
    ecall
child:
    addi s7, s7, 1
    j child
    .data
jail:
    .asciz "/sys/fs/cgroup/jail"
    .align 3
args:                       # struct clone_args, every field 64 bits
    .word 0, 2              # flags = CLONE_INTO_CGROUP (bit 33)
    .word 0, 0              # pidfd
    .word 0, 0              # child_tid
    .word 0, 0              # parent_tid
    .word 17, 0             # exit_signal = SIGCHLD
    .word 0, 0              # stack: none, the child runs on a copy of this one
    .word 0, 0              # stack_size
    .word 0, 0              # tls
    .word 0, 0              # set_tid
    .word 0, 0              # set_tid_size
    .word 0, 0              # cgroup: filled in above
results:
    .space 64
