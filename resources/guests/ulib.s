# ulib.s - the user image's runtime: process start-up and a tiny "libc".
# (Source order: privops.inc + kernel.s + proc.s + vm.s + console.s + ulib.s + workload)
#
# Everything from user_image_start on is copied into each process at USER_TEXT and runs
# in U-mode. It must only use pc-relative addresses inside the image (la, call, j),
# never kernel symbols, and must fit in USER_IMAGE_PAGES pages.
#
# A workload defines `workload_main(a0 = pid) -> a0 = exit code`. It prints with
# u_puts / u_put_dec / u_put_hex, which fill a line buffer, and u_endl, which ends the
# line and sends it with one write system call (one console turn per line).
.text
.equ COUNT_ITERATIONS, 1000     # each process's share of the critical section
.equ ULINE, HEAP_START          # the line buffer: the first heap page (demand-paged)
.equ ULINE_MAX, 200

.align 12
user_image_start:
user_entry:
    li a0, COUNT_ITERATIONS     # every process first does its part of the shared count
    li a7, SYS_VIZOR_COUNT
    ecall
    li a7, SYS_GETPID
    ecall
    call workload_main
    li a7, SYS_EXIT
    ecall
user_entry_hang:
    j user_entry_hang

# u_putc(a0 = byte) into the line buffer; a full buffer is sent.
u_putc:
    li t0, ULINE
    lw t1, 0(t0)                # length
    add t2, t0, t1
    sb a0, 4(t2)
    addi t1, t1, 1
    sw t1, 0(t0)
    li t2, ULINE_MAX
    beq t1, t2, u_flush
    ret

# u_flush: write(1, buffer, length).
u_flush:
    li t0, ULINE
    lw a2, 0(t0)
    sw zero, 0(t0)
    addi a1, t0, 4
    li a0, 1
    li a7, SYS_WRITE
    ecall
    ret

# u_endl: end the line and send it.
u_endl:
    addi sp, sp, -16
    sw ra, 12(sp)
    li a0, '\n'
    call u_putc
    call u_flush
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# u_puts(a0 = NUL-terminated string)
u_puts:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    mv s0, a0
u_puts_next:
    lbu a0, 0(s0)
    beqz a0, u_puts_done
    call u_putc
    addi s0, s0, 1
    j u_puts_next
u_puts_done:
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# u_put_dec(a0 = unsigned number)
u_put_dec:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    mv s0, a0
    mv s1, sp
u_put_dec_push:
    li t0, 10
    remu t1, s0, t0
    divu s0, s0, t0
    addi t1, t1, '0'
    sb t1, 0(s1)
    addi s1, s1, 1
    bnez s0, u_put_dec_push
u_put_dec_pop:
    addi s1, s1, -1
    lbu a0, 0(s1)
    call u_putc
    bne s1, sp, u_put_dec_pop
    lw s1, 20(sp)
    lw s0, 24(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret

# u_put_hex(a0 = number) as 0x and 8 digits
u_put_hex:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    li a0, '0'
    call u_putc
    li a0, 'x'
    call u_putc
    li s1, 28
u_put_hex_next:
    srl t0, s0, s1
    andi t0, t0, 0xF
    li t1, 10
    blt t0, t1, u_put_hex_digit
    addi t0, t0, 'a' - '0' - 10
u_put_hex_digit:
    addi a0, t0, '0'
    call u_putc
    addi s1, s1, -4
    bgez s1, u_put_hex_next
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

# u_say(a0 = pid, a1 = string): start a line with "pid N: " and the string.
u_say:
    addi sp, sp, -16
    sw ra, 12(sp)
    sw s0, 8(sp)
    sw s1, 4(sp)
    mv s0, a0
    mv s1, a1
    la a0, u_msg_pid
    call u_puts
    mv a0, s0
    call u_put_dec
    la a0, u_msg_colon
    call u_puts
    mv a0, s1
    call u_puts
    lw s1, 4(sp)
    lw s0, 8(sp)
    lw ra, 12(sp)
    addi sp, sp, 16
    ret

u_msg_pid:   .asciz "  [pid "
u_msg_colon: .asciz "] "
.balign 4, 0                     # (.align cannot pad code from an odd offset, in GNU as nor here)
