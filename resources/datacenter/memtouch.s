# memtouch.s - a guest that dirties memory at a set rate, for migration experiments.
#
# Bare metal (no kernel needed). At boot it touches each page of a DATA_PAGES data set
# once (a resident data set: its pages are not zero, so migration must send them
# whole). Then each pass stores one word into each of the PAGES pages of its writable
# working set, printing a dot every 256 passes, and it powers off after PASSES passes.
# The defaults (8 MiB of data, 2 MiB dirtied per pass) make a guest that dirties
# memory faster than a 1 Gbit/s link can copy it: pre-copy ends by Xen's stop rules.
# With a small working set (-D PAGES=8 -D PASSES=1000000) pre-copy converges and the
# downtime is a small fraction of the migration time.
#   vizor migrate resources/datacenter/memtouch.s --method live --bandwidth 1000

.equ UART, 0x10000000           # ns16550a transmit register
.equ FINISHER, 0x00100000       # sifive_test: 0x5555 powers off
.equ DATA, 0x80100000           # the data set, 1 MiB into RAM, clear of this code
.equ WWS, 0x80a00000            # the writable working set, 10 MiB into RAM
.ifndef DATA_PAGES
.equ DATA_PAGES, 2048           # 8 MiB
.endif
.ifndef PAGES
.equ PAGES, 512                 # pages dirtied per pass (at most 1536)
.endif
.ifndef PASSES
.equ PASSES, 40000
.endif

.text
.globl _start
_start:
    li s4, UART
    li t0, 4096
    li s1, DATA
    li s2, DATA_PAGES
load:
    sw s2, 0(s1)                # one word makes the page non-zero
    add s1, s1, t0
    addi s2, s2, -1
    bnez s2, load
    li s0, 0                    # passes done
    li s3, PASSES
pass:
    li s1, WWS
    li s2, PAGES
touch:
    sw s0, 0(s1)                # one store is enough to make the page dirty
    add s1, s1, t0
    addi s2, s2, -1
    bnez s2, touch
    addi s0, s0, 1
    andi t1, s0, 255
    bnez t1, next
    li t2, '.'
    sb t2, 0(s4)
next:
    blt s0, s3, pass
    la a0, done
print:
    lbu t2, 0(a0)
    beqz t2, off
    sb t2, 0(s4)
    addi a0, a0, 1
    j print
off:
    li t0, FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
    j off

.data
done:
    .asciz "\nmemtouch: done\n"
