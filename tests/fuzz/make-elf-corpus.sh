#!/usr/bin/env bash
# Regenerates the ELF fuzz target's seed corpus (tests/fuzz/corpus/elf) with the GNU
# toolchain (binutils-riscv64-unknown-elf): a few tiny bare-metal executables — with and
# without .data/.bss, symbols, section headers — linked with -n so no page padding makes
# them large, and two the loader must refuse (an object file, compressed code). The
# files have no extension: they are test inputs, not build outputs (*.o, *.elf are ignored).
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)/corpus/elf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
as=(riscv64-unknown-elf-as -march=rv32ima_zicsr_zifencei -mabi=ilp32 -mno-relax)
ld=(riscv64-unknown-elf-ld -m elf32lriscv --no-relax -n -e _start)

cat >"$work/exit.s" <<'S'
.globl _start
_start:
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
S
cat >"$work/hello.s" <<'S'
.globl _start
_start:
    la a0, msg
    li t0, 0x10000000
1:  lbu t1, 0(a0)
    beqz t1, 2f
    sb t1, 0(t0)
    addi a0, a0, 1
    j 1b
2:  la t0, seen
    sw a0, 0(t0)
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
.data
msg: .asciz "hi\n"
.bss
seen: .space 32
S
cat >"$work/trap.s" <<'S'
.globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    ecall
    li t0, 0x00100000
    li t1, 0x13333
    sw t1, 0(t0)
handler:
    csrr t0, mcause
    li t0, 0x00100000
    li t1, 0x5555
    sw t1, 0(t0)
S

"${as[@]}" "$work/exit.s" -o "$work/exit.o"
"${as[@]}" "$work/hello.s" -o "$work/hello.o"
"${as[@]}" "$work/trap.s" -o "$work/trap.o"
"${ld[@]}" -Ttext=0x80000000 "$work/exit.o" -o "$out/exit"
"${ld[@]}" -s -Ttext=0x80000000 "$work/exit.o" -o "$out/exit-stripped"
"${ld[@]}" -N -Ttext=0x80000000 "$work/hello.o" -o "$out/hello-bss"
"${ld[@]}" -Ttext=0x80010000 -Tdata=0x80000000 "$work/hello.o" -o "$out/hello-data-below"
"${ld[@]}" -s -Ttext=0x80000000 "$work/trap.o" -o "$out/trap-stripped"
cp "$work/exit.o" "$out/object-file"
riscv64-unknown-elf-as -march=rv32imac -mabi=ilp32 "$work/hello.s" -o "$work/rvc.o"
"${ld[@]}" -N -Ttext=0x80000000 "$work/rvc.o" -o "$out/compressed"
ls -l "$out"
