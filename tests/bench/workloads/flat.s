# flat.s - the flat frame of the speed workloads, for Unicorn (and Vizor's bare hart
# beside it): no firmware, no paging; the caller starts at _start in M-mode. Unicorn
# stops when the pc reaches bench_done; Vizor's hart runs the wfi there, which with no
# interrupt enabled ends the run (a deadlock halt), so it needs no breakpoint check.
.equ BENCH_DATA, 0x80400000
.text
.globl _start
_start:
    li a0, ITERATIONS
    li a1, BENCH_DATA
    call bench_main
.globl bench_done
bench_done:
    wfi
