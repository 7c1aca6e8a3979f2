# The sifive_test finisher: an unknown command is ignored, and a FAIL command ends the
# run with the code in the upper 16 bits as the exit status (here 42).
.text
_start:
    INIT
    PRINT
    .asciz "25 finisher\n"
    ENDPRINT
    li t0, FINISHER
    li t1, 0x1234               # not a command: ignored
    sw t1, 0(t0)
    PRINT
    .asciz "still running after an unknown command\n"
    ENDPRINT
    FAIL 42
    PRINT
    .asciz "not reached\n"
    ENDPRINT
    PASS
