#!/bin/sh
# run-fuzzers.sh: builds the libFuzzer targets and runs each one for a while.
#
# Usage: tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
#
#   SECONDS  time per target (default 60: the CI setting)
#   TARGET   fuzz_machine fuzz_yaml fuzz_history fuzz_style fuzz_source (default: all five)
#
# It configures BUILD_DIR (default: build-fuzz in the source tree) with clang and
# -DASLDOT_FUZZ=ON, builds the targets, then runs each with the ASL dictionary (asl.dict) on:
#   - a working corpus, $FUZZ_WORK/<target> (default BUILD_DIR/fuzz-work/<target>), that keeps
#     what libFuzzer learns between runs (never committed);
#   - read-only seed directories: tests/fuzz/corpus/<target>/ (committed seeds and minimised
#     crashers), samples/ or tests/data/histories/ or styles/, and the shared corpus in
#     $ASLDOT_CORPUS_DIR (default ../shared/corpus) when it exists. Nothing is copied from it.
# Crashes, leaks and timeouts are written to $FUZZ_WORK/crashes/<target>/ as crash-*, leak-*,
# timeout-*; the script exits 1 when any target found one. Turn each into a committed regression
# input (replayed by ctest on every run, through the standalone driver, with gcc too):
#     build-fuzz/tests/fuzz/fuzz_machine -minimize_crash=1 -runs=100000 \
#         -exact_artifact_path=tests/fuzz/corpus/fuzz_machine/crash-NAME CRASH_FILE
#
# Longer runs (nightly, or before a release; the issue asks for at least 1 000 000 executions
# per target without a finding):
#     tests/fuzz/run-fuzzers.sh 3600                    # one hour per target
#     FUZZ_JOBS=4 tests/fuzz/run-fuzzers.sh 3600 fuzz_yaml  # 4 parallel workers (fork mode)
#     FUZZ_ARGS='-runs=2000000' tests/fuzz/run-fuzzers.sh 100000   # a fixed number of inputs
# FUZZ_ARGS adds libFuzzer flags (e.g. -max_len=65536, -only_ascii=1, -ignore_crashes=1 to keep
# going past a known crash in fork mode). Each run ends with libFuzzer's -print_final_stats
# (stat::number_of_executed_units is the execution count). FUZZ_NO_BUILD=1 skips the build (to
# run several targets at once from one build), FUZZ_MAX_LEN sets -max_len (default 16384).
# Reproduce one input without libFuzzer (any compiler): build-*/tests/fuzz/<target>_replay FILE
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-fuzz_machine fuzz_yaml fuzz_history fuzz_style fuzz_source}
build=${BUILD_DIR:-$src/build-fuzz}
work=${FUZZ_WORK:-$build/fuzz-work}
corpus=${ASLDOT_CORPUS_DIR:-$src/../shared/corpus}
jobs=${FUZZ_JOBS:-1}
max_len=${FUZZ_MAX_LEN:-16384}

case $seconds in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;; esac

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    CC=${CC:-clang} cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DASLDOT_FUZZ=ON >/dev/null
    # shellcheck disable=SC2086
    cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target $targets >/dev/null
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

found=0
for t in $targets; do
    bin=$build/tests/fuzz/$t
    [ -x "$bin" ] || { echo "$t: no such target" >&2; exit 2; }
    mkdir -p "$work/$t" "$work/crashes/$t"
    seeds="$src/tests/fuzz/corpus/$t"
    case $t in
    fuzz_machine | fuzz_yaml)
        seeds="$seeds $src/samples"
        [ -d "$corpus/definitions" ] && seeds="$seeds $corpus/definitions/valid $corpus/definitions/invalid"
        ;;
    fuzz_history)
        seeds="$seeds $src/tests/data/histories"
        [ -d "$corpus/histories" ] && seeds="$seeds $corpus/histories"
        ;;
    fuzz_style)
        seeds="$seeds $src/styles"
        ;;
    fuzz_source)
        seeds="$seeds $src/tests/data/templates"
        [ -d "$corpus/templates" ] && seeds="$seeds $corpus/templates"
        ;;
    esac
    fork=
    [ "$jobs" -gt 1 ] && fork="-fork=$jobs"
    echo "== $t: ${seconds}s"
    # The first directory receives new inputs; the seed directories are only read.
    # shellcheck disable=SC2086
    dict=$src/tests/fuzz/asl.dict
    [ "$t" = fuzz_source ] && dict=$src/tests/fuzz/source.dict
    if ! "$bin" -dict="$dict" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/crashes/$t/" $fork ${FUZZ_ARGS:-} \
        "$work/$t" $seeds 2>"$work/$t.log"; then
        found=1
    fi
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)|ERROR|SUMMARY' \
        "$work/$t.log" || true
    # fork mode (FUZZ_JOBS > 1) reports "#N: cov: ..." lines instead: N is the execution count
    [ -n "$fork" ] && { grep -E '^#[0-9]+: cov' "$work/$t.log" | tail -1 || true; }
    if [ -n "$(ls -A "$work/crashes/$t")" ]; then
        echo "$t: findings in $work/crashes/$t:"
        ls "$work/crashes/$t"
        found=1
    fi
done
if [ "$found" -ne 0 ]; then
    echo "fuzzing found problems (logs: $work/<target>.log)"
    exit 1
fi
echo "no findings"
