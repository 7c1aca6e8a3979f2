#!/usr/bin/env bash
# The speed suite: builds what it needs, runs every measurement on this machine and
# prints one Markdown table (docs/speed.md explains each row). Not part of the default
# test run; its programs are also registered with CTest under the "benchmark" label.
#
#   tests/bench/run-speed-suite.sh [--build-dir DIR] [--no-build] [--runs R] [--seconds S] [--quick]
#
# --no-build measures the programs already built in DIR (bench_speed, bench_timetravel,
# bench_unicorn, vizor).
#
# Peers (QEMU user and system, Unicorn) are installed with apt-get when missing and this
# runs as root or with sudo; a peer that is still missing is skipped with a message.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD="$SRC/build-speed"
RUNS=5
SECONDS_PER_RUN=1
BUILD_FIRST=1
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) BUILD=$2; shift ;;
    --no-build) BUILD_FIRST=0 ;;
    --runs) RUNS=$2; shift ;;
    --seconds) SECONDS_PER_RUN=$2; shift ;;
    --quick) RUNS=3; SECONDS_PER_RUN=0.5 ;;
    *) echo "usage: $0 [--build-dir DIR] [--no-build] [--runs R] [--seconds S] [--quick]" >&2; exit 2 ;;
    esac
    shift
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LOG="$WORK/log"
note() { echo "$*" >&2; }

# ---------------------------------------------------------------- packages and build
install_peers() {
    local missing=()
    command -v qemu-riscv32 >/dev/null || missing+=(qemu-user)
    command -v qemu-system-riscv32 >/dev/null || missing+=(qemu-system-misc)
    command -v riscv64-unknown-elf-as >/dev/null || missing+=(binutils-riscv64-unknown-elf)
    [ -x /usr/bin/time ] || missing+=(time)
    [ -e /usr/include/unicorn/unicorn.h ] || missing+=(libunicorn-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=$(command -v sudo || true)
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
        note "installing ${missing[*]}"
        $sudo apt-get install -y "${missing[@]}" >&2 || note "could not install ${missing[*]}"
    else
        note "missing ${missing[*]} and no way to install them: those peers are skipped"
    fi
}
install_peers
if [ $BUILD_FIRST = 1 ]; then
    cmake -S "$SRC" -B "$BUILD" -G Ninja >&2
    TARGETS=(bench_speed bench_timetravel vizor)
    grep -q '^UNICORN_LIBRARY:FILEPATH=/' "$BUILD/CMakeCache.txt" && TARGETS+=(bench_unicorn)
    cmake --build "$BUILD" -j"$(nproc)" --target "${TARGETS[@]}" >&2
fi
BIN="$BUILD/tests/bench"
VIZOR="$BUILD/app/vizor"

# ---------------------------------------------------------------- helpers
# Median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
# result KEY...: the values of the first "result KEY... VALUES" line of the log
result() {
    local words
    words=$(echo "$1" | wc -w)
    grep "^result $1 " "$LOG" | head -n 1 | cut -d' ' -f$((words + 2))- || true
}

ROWS="$WORK/rows"
: >"$ROWS"
row() { printf '| %s | %s | %s | %s | %s |\n' "$@" >>"$ROWS"; }

# ---------------------------------------------------------------- Vizor's modes
note "== Vizor: native, emulate, bt; trace off and on"
"$BIN/bench_speed" --seconds "$SECONDS_PER_RUN" --runs "$RUNS" | tee -a "$LOG" >&2
for w in compute memory kernel; do
    "$BIN/bench_speed" --count "$w" >>"$LOG"
done

# ---------------------------------------------------------------- QEMU
AS="riscv64-unknown-elf-as -march=rv32ima_zicsr_zifencei -mabi=ilp32 -mno-relax"
LD="riscv64-unknown-elf-ld -m elf32lriscv --no-relax"
# No display and no console: the workloads print nothing, and QEMU must not wait on a
# terminal when the suite runs without one.
QEMU_SYSTEM="qemu-system-riscv32 -M virt -cpu rv32,pmp=false,c=false,f=false,d=false,h=false
    -bios none -display none -monitor none -serial none"
WL="$SRC/tests/bench/workloads"

# build_image FRAME WORKLOAD N -> path of the ELF
build_image() {
    local frame=$1 w=$2 n=$3 defs=() out="$WORK/$1-$2-$3"
    if [ "$frame" = system ]; then
        [ "$w" = kernel ] && defs=(--defsym USER_MODE=1) || defs=(--defsym PAGING=1)
        cat "$WL/system.s" "$WL/bench-$w.s" >"$out.s"
        $AS --defsym ITERATIONS="$n" "${defs[@]}" "$out.s" -o "$out.o"
        $LD -Ttext=0x80000000 -e _start "$out.o" -o "$out.elf"
    else
        cat "$WL/linux.s" "$WL/bench-$w.s" >"$out.s"
        $AS --defsym ITERATIONS="$n" "$out.s" -o "$out.o"
        $LD -e _start "$out.o" -o "$out.elf"
    fi
    echo "$out.elf"
}

# run_peer FRAME ELF -> "WALL CPU" seconds of one run, CPU = user + system time of
# QEMU's threads (the checksum decides qemu-user's exit status, so only qemu-system's
# is checked)
run_peer() {
    local status=0
    if [ "$1" = system ]; then
        /usr/bin/time -f '%e %U %S' -o "$WORK/time" timeout 120 $QEMU_SYSTEM -kernel "$2" </dev/null ||
            status=$?
        [ $status -eq 0 ] || { note "qemu-system failed on $2"; return 1; }
    else
        /usr/bin/time -f '%e %U %S' -o "$WORK/time" timeout 120 qemu-riscv32 "$2" </dev/null || true
    fi
    # the last line: a non-zero exit status comes first ("Command exited with ...")
    tail -n 1 "$WORK/time" | awk '{ printf "%s %.3f\n", $1, $2 + $3 }'
}

# runs N FRAME ELF -> "WALL CPU": the medians of N runs
runs() {
    local i
    for i in $(seq "$1"); do run_peer "$2" "$3"; done >"$WORK/runs"
    echo "$(cut -d' ' -f1 "$WORK/runs" | median) $(cut -d' ' -f2 "$WORK/runs" | median)"
}

# Start-up is subtracted: rate = instructions(N) - instructions(1) over t(N) - t(1), each
# t a median, for wall time and for CPU time. N is found by probes of growing length
# until one takes a quarter of the target CPU time (2 x --seconds), then scaled to it.
# Prints "WALL_MIPS CPU_MIPS".
measure_qemu() {
    local frame=$1 w=$2 per probe t1 tn tprobe n
    per=$(result "count $w" | cut -d' ' -f1)
    [ "$frame" = linux ] && [ "$w" = kernel ] && per=5 # li, ecall (a Linux getpid), add, addi, bnez
    t1=$(runs 3 "$frame" "$(build_image "$frame" "$w" 1)")
    probe=100000
    while :; do
        tprobe=$(run_peer "$frame" "$(build_image "$frame" "$w" "$probe")")
        awk -v tp="${tprobe#* }" -v t1="${t1#* }" -v s="$SECONDS_PER_RUN" -v p="$probe" \
            'BEGIN { exit !(tp - t1 >= s / 2 || p >= 250000000) }' && break
        probe=$((probe * 8))
    done
    n=$(awk -v p="$probe" -v tp="${tprobe#* }" -v t1="${t1#* }" -v s="$SECONDS_PER_RUN" 'BEGIN {
        d = tp - t1; if (d < 0.01) d = 0.01; n = int(p * 2 * s / d);
        if (n < p) n = p; if (n > 2000000000) n = 2000000000;
        if (n > 1000000) n = int(n / 1000000) * 1000000; print n }')
    tn=$(runs "$RUNS" "$frame" "$(build_image "$frame" "$w" "$n")")
    note "$frame $w: $n iterations x $per instructions: $tn s (wall, CPU) against $t1 s for 1"
    awk -v n="$n" -v per="$per" -v t1="$t1" -v tn="$tn" 'BEGIN {
        split(t1, a, " "); split(tn, b, " ");
        printf "%.1f %.1f\n", (n - 1) * per / (b[1] - a[1]) / 1e6, (n - 1) * per / (b[2] - a[2]) / 1e6 }'
}

HAVE_QEMU_SYSTEM=0
HAVE_QEMU_USER=0
if command -v riscv64-unknown-elf-as >/dev/null; then
    command -v qemu-system-riscv32 >/dev/null && HAVE_QEMU_SYSTEM=1
    command -v qemu-riscv32 >/dev/null && HAVE_QEMU_USER=1
else
    note "no riscv64-unknown-elf binutils: the QEMU peers are skipped"
fi
for w in compute memory kernel; do
    if [ $HAVE_QEMU_SYSTEM = 1 ]; then
        note "== qemu-system-riscv32 $w"
        echo "result qemu-system $w $(measure_qemu system "$w")" >>"$LOG"
    fi
    if [ $HAVE_QEMU_USER = 1 ]; then
        note "== qemu-riscv32 $w"
        echo "result qemu-user $w $(measure_qemu linux "$w")" >>"$LOG"
    fi
done

# ---------------------------------------------------------------- Unicorn
if [ -x "$BIN/bench_unicorn" ]; then
    note "== Unicorn"
    "$BIN/bench_unicorn" --seconds "$SECONDS_PER_RUN" --runs "$RUNS" | tee -a "$LOG" >&2
else
    note "bench_unicorn was not built (no libunicorn-dev): Unicorn is skipped"
fi

# ---------------------------------------------------------------- time travel, memory
note "== time travel, snapshots, resident memory"
"$BIN/bench_timetravel" --reverse | tee -a "$LOG" >&2
"$BIN/bench_timetravel" --snapshot | tee -a "$LOG" >&2
"$BIN/bench_timetravel" --rss | tee -a "$LOG" >&2

# ---------------------------------------------------------------- the window
note "== start-up to first paint, lesson export"
STARTUP_CPU=""
for i in $(seq "$RUNS"); do
    start=$(now)
    VIZOR_FIRST_PAINT=1 QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/config" \
        "$VIZOR" 2>"$WORK/paint" >/dev/null </dev/null || true
    done_at=$(sed -n 's/^first frame done: \([0-9.]*\).*/\1/p' "$WORK/paint")
    [ -z "$done_at" ] && continue
    echo "$(elapsed "$start" "$done_at") $(sed -n 's/.*(CPU \([0-9.]*\) s).*/\1/p' "$WORK/paint")"
done >"$WORK/startup"
STARTUP=$(cut -d' ' -f1 "$WORK/startup" | median)
STARTUP_CPU=$(cut -d' ' -s -f2 "$WORK/startup" | median)
VIZOR_FRAME_PROBE=10 QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/config" \
    "$VIZOR" --guest-kernel compute >/dev/null 2>"$WORK/frames" </dev/null || true
FRAMES=$(sed -n 's/.*median \([0-9.]*\) ms, p95 \([0-9.]*\) ms, max \([0-9.]*\) ms.*/\2 ms (median \1, max \3)/p' "$WORK/frames")
FRAMES_CPU=$(sed -n 's/.*CPU p95 \([0-9.]*\) ms.*/\1 ms/p' "$WORK/frames")
WINDOWS=$(sed -n 's/^frame probe: \([0-9]*\) windows, \([0-9]*\) frames.*/\1 windows, \2 frames/p' "$WORK/frames")
APP_HWM=$(sed -n 's/.*VmHWM \([0-9]*\) kB.*/\1/p' "$WORK/frames")
EXPORT=$(for i in 1 2 3; do
    rm -rf "$WORK/export"
    start=$(now)
    "$VIZOR" lesson export "$SRC/lessons/01-trap-and-emulate.lesson" --out "$WORK/export" \
        >/dev/null 2>&1 || { note "lesson export failed"; continue; }
    elapsed "$start" "$(now)"
done | median)

# ---------------------------------------------------------------- the table
# Ratios are of CPU-second rates: on a shared machine they move less than wall time.
field() { result "$1" | cut -d' ' -f"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.3g×", a / b; else print "–" }'; }
speed_row() { # LABEL WALL CPU REFERENCE_CPU REFERENCE_NAME TARGET
    [ -z "$2" ] && return 0
    row "$1" "$2 M/s" "$3 M/s" "$(ratio "$3" "$4") $5" "$6"
}
mode_name() {
    case "$1" in
    native) echo "Vizor native (interpreter)" ;;
    emulate) echo "Vizor emulate" ;;
    bt) echo "Vizor bt" ;;
    esac
}
target_of() { # WORKLOAD MODE TRACE
    [ "$1" = compute ] && [ "$2" = native ] && [ "$3" = off ] && echo "≥ 200 M/s" && return
    [ "$1" = compute ] && [ "$2" = native ] && [ "$3" = on ] && echo "≥ 30 M/s" && return
    echo ""
}
for w in compute memory kernel; do
    qs=$(field "qemu-system $w" 2)
    for m in native emulate bt; do
        for t in off on; do
            speed_row "$w: $(mode_name "$m"), trace $t" "$(field "vizor $w $m $t" 1)" \
                "$(field "vizor $w $m $t" 2)" "$qs" "of qemu-system" "$(target_of "$w" "$m" "$t")"
        done
    done
    speed_row "$w: qemu-system-riscv32 (TCG)" "$(field "qemu-system $w" 1)" "$qs" "$qs" \
        "of qemu-system" ""
    speed_row "$w: qemu-riscv32 (user)" "$(field "qemu-user $w" 1)" "$(field "qemu-user $w" 2)" \
        "$qs" "of qemu-system" "$([ "$w" = kernel ] && echo 'its ecall is a Linux getpid')"
    [ "$w" = kernel ] && continue
    nohook=$(field "unicorn $w nohook" 2)
    for u in nohook emptyhook tracehook vizor-hart vizor-hart-traced; do
        case $u in
        nohook) label="Unicorn, no hook" ;;
        emptyhook) label="Unicorn, empty per-instruction hook" ;;
        tracehook) label="Unicorn, per-instruction hook recording Vizor's trace fields" ;;
        vizor-hart) label="Vizor's hart, the same flat image, trace off" ;;
        vizor-hart-traced) label="Vizor's hart, the same flat image, full trace" ;;
        esac
        speed_row "$w (flat, M-mode): $label" "$(field "unicorn $w $u" 1)" \
            "$(field "unicorn $w $u" 2)" "$nohook" "of Unicorn without hook" ""
    done
done
read -r depth back1 backM middle <<<"$(result reverse)" || true
row "step back 1 instruction, ${depth:-–} steps into a run" "${back1:-–} ms" "" \
    "back 999,999: ${backM:-–} ms; to step $((${depth:-0} / 2)): ${middle:-–} ms" "< 100 ms"
read -r pages own take restore <<<"$(result snapshot)" || true
row "snapshot of the machine (memory workload)" "$(awk -v p="${pages:-0}" -v o="${own:-0}" \
    'BEGIN { printf "%.1f MiB of RAM pages, %.2f MiB new since the previous one", p * 4 / 1024, o * 4 / 1024 }')" \
    "" "take ${take:-–} ms, restore ${restore:-–} ms" ""
read -r events hwm backTraced <<<"$(result rss)" || true
row "resident memory (VmHWM), full trace, ${events:-–} events" "${hwm:-–} MiB" "" \
    "step back 1 with the trace on: ${backTraced:-–} ms" "< 300 MB"
row "start-up to first frame (window, offscreen)" \
    "$(awk -v s="${STARTUP:-0}" 'BEGIN { printf "%.0f ms", s * 1000 }')" \
    "$(awk -v s="${STARTUP_CPU:-0}" 'BEGIN { printf "%.0f ms of CPU", s * 1000 }')" "median of $RUNS" "< 1 s"
row "frame time p95, every dock open, guest kernel running, 10 s" "${FRAMES:-–}" \
    "${FRAMES_CPU:-–} of CPU" "${WINDOWS:-–}" ""
row "resident memory (VmHWM) of the window after those 10 s" \
    "$(awk -v k="${APP_HWM:-0}" 'BEGIN { printf "%.1f MiB", k / 1024 }')" "" "" "< 300 MB"
row "export of lesson 01 (PNG + PDF)" "$(awk -v s="${EXPORT:-0}" 'BEGIN { printf "%.2f s", s }')" \
    "" "median of 3" ""

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
OS=$(. /etc/os-release && echo "$PRETTY_NAME")
CXX=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
COMMIT=$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "Speed suite, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT"
echo "Machine: $CPU, $(nproc) cores, $MEM, $OS, $($CXX --version | head -n 1), $TYPE;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs"
echo "Peers: $(qemu-system-riscv32 --version 2>/dev/null | head -n 1 || echo 'no QEMU')"
echo
echo "| measurement | result | per CPU second | ratio, detail | target |"
echo "|---|---|---|---|---|"
cat "$ROWS"
