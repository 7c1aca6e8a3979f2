# A memory toucher: grows its heap by PAGES pages with brk, then writes to every page
# in turn forever, so each page is faulted in (and, under reclaim, back in from swap).
# s0 counts rounds over all pages.
    .ifndef PAGES
    .equ PAGES, 16
    .endif
    .text
    .globl _start
_start:
    li a0, 0
    li a7, 214              # brk(0): the current break
    ecall
    mv s1, a0               # heap start
    li t0, PAGES * 4096
    add a0, s1, t0
    li a7, 214              # brk(start + PAGES pages)
    ecall
    li s0, 0
round:
    mv t1, s1
    li t2, PAGES
touch:
    sw s0, 0(t1)
    li t3, 4096
    add t1, t1, t3
    addi t2, t2, -1
    bnez t2, touch
    addi s0, s0, 1
    j round
