# The ns16550a UART as a driver sees it: line status when idle, no interrupt pending,
# the line-control register, the divisor latch behind LCR.DLAB, the scratch register,
# and an empty receiver.
.text
.equ RBR_THR, 0
.equ IER, 1
.equ IIR, 2
.equ LCR, 3
.equ LSR, 5
.equ SCR, 7
.equ DLL, 0                     # with LCR.DLAB = 1
.equ DLM, 1

_start:
    INIT
    PRINT
    .asciz "18 UART registers\n"
    ENDPRINT
    li s0, UART_BASE
    lbu t0, LSR(s0)
    SHOW lsr_idle, t0           # THRE and TEMT: transmitter empty, nothing received
    lbu t0, IIR(s0)
    SHOW iir, t0                # bit 0 set: no interrupt pending
    lbu t0, IER(s0)
    SHOW ier_reset, t0

    li t0, 0x03                 # 8 data bits, no parity, 1 stop bit
    sb t0, LCR(s0)
    lbu t0, LCR(s0)
    SHOW lcr, t0

    li t0, 0x83                 # DLAB = 1: offsets 0 and 1 become the divisor latch
    sb t0, LCR(s0)
    li t0, 0x0c
    sb t0, DLL(s0)
    li t0, 0x01
    sb t0, DLM(s0)
    lbu t1, DLL(s0)
    lbu t2, DLM(s0)
    li t0, 0x03
    sb t0, LCR(s0)              # DLAB = 0 again before printing
    SHOW divisor_low, t1
    SHOW divisor_high, t2
    lbu t0, IER(s0)
    SHOW ier_after_divisor, t0  # the divisor did not land in IER

    li t0, 0x5a
    sb t0, SCR(s0)
    lbu t0, SCR(s0)
    SHOW scratch, t0

    lbu t0, LSR(s0)
    andi t0, t0, 1
    SHOW data_ready, t0
    PRINT
    .asciz "done\n"
    ENDPRINT
    PASS
