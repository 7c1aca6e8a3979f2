# Writes a line to standard output and exits with its pid as the exit status.
    .text
    .globl _start
_start:
    li a0, 1                # fd 1
    la a1, message
    li a2, message_end - message
    li a7, 64               # write
    ecall
    mv s1, a0               # bytes written
    li a7, 172              # getpid
    ecall
    li a7, 93               # exit(pid)
    ecall
    .data
message:
    .ascii "hello from a host task\n"
message_end:
