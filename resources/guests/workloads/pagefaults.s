# pagefaults.s - a page-fault-heavy workload: it touches many heap pages and stack
# pages that do not exist yet. Each first touch is a page fault that the kernel serves
# by mapping a fresh zeroed page (demand paging); the summary counts them.
# (User program: appended after ulib.s; see README.md.)

.equ PF_HEAP, HEAP_START + 0x10000 # away from the line buffer's page
.equ PF_STACK_PAGES, 6

# workload_main(a0 = pid) -> exit code 0
workload_main:
    addi sp, sp, -32
    sw ra, 28(sp)
    sw s0, 24(sp)
    sw s1, 20(sp)
    sw s2, 16(sp)
    sw s3, 12(sp)
    mv s0, a0
    slli s1, s0, 3
    addi s1, s1, 16             # heap pages: 16 + 8 * pid
    li s2, 0                    # page index
pf_touch:
    slli t0, s2, 12
    li t1, PF_HEAP
    add t0, t0, t1
    slli t1, s2, 4              # somewhere inside the page, not only at its start
    add t0, t0, t1
    li t1, 1000
    mul t1, t1, s0
    add t1, t1, s2
    sw t1, 0(t0)                # the first touch: a store page fault
    addi s2, s2, 1
    bltu s2, s1, pf_touch
    li s2, 1                    # stack pages below the current one
pf_stack:
    slli t0, s2, 12
    sub t0, sp, t0
    sw s2, 0(t0)
    addi s2, s2, 1
    li t1, PF_STACK_PAGES
    bleu s2, t1, pf_stack
    li s2, 0                    # read everything back
    li s3, 0                    # checksum
pf_sum:
    slli t0, s2, 12
    li t1, PF_HEAP
    add t0, t0, t1
    slli t1, s2, 4
    add t0, t0, t1
    lw t1, 0(t0)
    add s3, s3, t1
    slli s3, s3, 1
    addi s2, s2, 1
    bltu s2, s1, pf_sum
    li s2, 1
pf_stack_sum:
    slli t0, s2, 12
    sub t0, sp, t0
    lw t1, 0(t0)
    add s3, s3, t1
    addi s2, s2, 1
    li t1, PF_STACK_PAGES
    bleu s2, t1, pf_stack_sum
    mv a0, s0
    la a1, pf_msg_touched
    call u_say
    mv a0, s1
    call u_put_dec
    la a0, pf_msg_stack
    call u_puts
    li a0, PF_STACK_PAGES
    call u_put_dec
    la a0, pf_msg_sum
    call u_puts
    mv a0, s3
    call u_put_hex
    call u_endl
    li a0, 0
    lw s3, 12(sp)
    lw s2, 16(sp)
    lw s1, 20(sp)
    lw s0, 24(sp)
    lw ra, 28(sp)
    addi sp, sp, 32
    ret

pf_msg_touched: .asciz "touched heap pages: "
pf_msg_stack:   .asciz ", stack pages: "
pf_msg_sum:     .asciz ", checksum "
.balign 4, 0
