#!/bin/sh
# Checks every C file with clang-format and clang-tidy, then builds asl-dot three ways and runs
# every test: gcc (warnings as errors), clang with AddressSanitizer + UndefinedBehaviorSanitizer,
# and valgrind's memcheck over the unit tests and the command on every sample (the ctest runs also
# replay the fuzz corpus); then runs each libFuzzer target briefly. Usage: tests/run-all.sh
# [BUILD_ROOT]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$src/build-tests}
jobs=$(nproc 2>/dev/null || echo 2)

echo "== format: clang-format over every C file"
frc=0
sh "$src/tests/format-check.sh" || frc=$?
case $frc in 0) ;; 77) echo "format check skipped (see above)" ;; *) exit 1 ;; esac

echo "== lint: clang-tidy over every C file of src/, tests/unit and tests/fuzz"
lrc=0
sh "$src/tests/lint-code.sh" "$root/lint" || lrc=$?
case $lrc in 0) ;; 77) echo "lint skipped (see above)" ;; *) exit 1 ;; esac

echo "== gcc build + ctest"
cmake -S "$src" -B "$root/gcc" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASLDOT_WERROR=ON >/dev/null
cmake --build "$root/gcc" -j"$jobs" >/dev/null
ctest --test-dir "$root/gcc" -j"$jobs" --output-on-failure

echo "== install: pkg-config and find_package consumers of the installed library"
sh "$src/tests/install/consumer-test.sh" "$root/gcc"

echo "== browser: the real Mermaid on every sample and corpus definition, and the -T html viewer used from file://, in Debian's Chromium (playwright-core)"
brc=0
ASLDOT_CORPUS_DIR="$src/../shared/corpus" sh "$src/tests/browser/run.sh" "$root/gcc" || brc=$?
case $brc in 0) ;; 77) echo "browser checks skipped (see above)" ;; *) exit 1 ;; esac

echo "== clang + ASan + UBSan build + ctest"
CC=clang cmake -S "$src" -B "$root/asan" -DCMAKE_BUILD_TYPE=Debug \
    -DASLDOT_SANITIZE=address,undefined >/dev/null
cmake --build "$root/asan" -j"$jobs" >/dev/null
ctest --test-dir "$root/asan" -j"$jobs" --output-on-failure

echo "== valgrind memcheck (unit tests and the command on every sample)"
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
vg="$vg --suppressions=$src/tests/supp/valgrind.supp"
fail=0
export ASLDOT_SOURCE_DIR="$src" ASLDOT_CORPUS_DIR="$src/../shared/corpus"
for t in "$root"/gcc/tests/test_*; do
    [ -x "$t" ] || continue
    case "$(basename "$t")" in *corpus*) continue ;; esac # the corpus runs natively above
    if ! $vg "$t" >/dev/null 2>"$root/vg.log"; then
        echo "valgrind: $(basename "$t") failed"; cat "$root/vg.log"; fail=1
    fi
done
for f in "$src"/samples/*.asl.json "$src"/samples/*.asl.yaml; do
    for fmt in svg png dot; do
        if ! $vg "$root/gcc/asl-dot" -T "$fmt" "$f" >/dev/null 2>"$root/vg.log"; then
            echo "valgrind: asl-dot -T $fmt $f failed"; cat "$root/vg.log"; fail=1
        fi
    done
done
[ "$fail" = 0 ] || exit 1

echo "== libFuzzer smoke: each target for ${FUZZ_SECONDS:-12} s (longer runs: tests/fuzz/run-fuzzers.sh)"
BUILD_DIR="$root/fuzz" sh "$src/tests/fuzz/run-fuzzers.sh" "${FUZZ_SECONDS:-12}"
echo "all tests passed"
