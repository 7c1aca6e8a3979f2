#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++ (ASan + UBSan) and fuzzes each in turn.
#
#   tests/fuzz/run-fuzzers.sh [BUILD_DIR] [SECONDS_PER_TARGET] [TARGET...]
#
# Defaults: build-fuzz, 600 seconds, every target. Each fuzzer starts from the committed
# corpus (tests/fuzz/corpus/<target>) and grows a working corpus in BUILD_DIR/work/<target>;
# crashes, hangs (over 10 s) and sanitizer reports are written to BUILD_DIR/artifacts/.
# One fuzzer runs at a time, at the lowest CPU priority. Afterwards, to fold new inputs
# into the committed corpus, keeping only those that add coverage:
#   BUILD_DIR/tests/fuzz/fuzz_<target> -merge=1 tests/fuzz/corpus/<target> BUILD_DIR/work/<target>
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
seconds=${2:-600}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(assembler decoder scenario cost_model cgroups cluster lesson elf session)

CXX=clang++ cmake -S "$source_dir" -B "$build" -G Ninja -DVIZOR_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target "${targets[@]/#/fuzz_}"
mkdir -p "$build/artifacts"
status=0
for target in "${targets[@]}"; do
    mkdir -p "$build/work/$target"
    echo "== fuzz_$target for $seconds s"
    nice -n 19 "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$target-" \
        "$build/work/$target" "$source_dir/tests/fuzz/corpus/$target" || status=1
done
exit $status
