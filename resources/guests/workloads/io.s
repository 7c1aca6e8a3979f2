# io.s - an I/O-heavy workload: lots of console output, one write system call per line.
# Natively each byte goes to the UART; PARAVIRT, each line is one virtio-console buffer.
# (User program: appended after ulib.s; see README.md.)

.equ IO_LINES, 25

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    li s1, 1
io_line:
    mv a0, s0
    la a1, io_msg_line
    call u_say
    mv a0, s1
    call u_put_dec
    la a0, io_msg_text
    call u_puts
    call u_endl
    addi s1, s1, 1
    li t0, IO_LINES
    bleu s1, t0, io_line
    li a0, 0
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

io_msg_line: .asciz "line "
io_msg_text: .asciz ": the quick brown fox jumps over the lazy dog 0123456789"
.balign 4, 0
