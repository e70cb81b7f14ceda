#!/bin/sh
# lint-code.sh: clang-tidy (.clang-tidy, Debian 12's clang-tidy 14) over every C file of the
# library (src/*.c), the command (src/cli/*.c), the unit tests (tests/unit/*.c) and the fuzz
# targets with their replay driver (tests/fuzz/*.c), one file per job on every core. Exit 0 when
# clean, 1 listing the findings (clang-tidy's output for each file with any, then one line per
# finding), 77 when clang-tidy is not installed (tests/setup-debian.sh installs it).
# Usage: tests/lint-code.sh [BUILD_DIR]   (default: build-lint in the source folder)
#
# BUILD_DIR is the script's own: it configures two builds there, only for their
# compile_commands.json (nothing is compiled). lib/ is the real build (RelWithDebInfo, testing
# off), so the library and the command are checked with exactly the defines they are built
# with, never ASLDOT_TESTING; unit/ is the test build, used only for tests/unit and tests/fuzz
# (which get ASLDOT_TESTING from the library they link). One build with tests would list every
# src/*.c twice, once with ASLDOT_TESTING, and clang-tidy would check each twice.
# Not checked: the generated sources (styles_builtin.c, viewer_builtin.c: byte arrays in the
# build folder) and tests/bench (a benchmark helper, not a test). The job takes about two
# minutes on two cores; clang's static analyser is most of it.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-lint}
jobs=$(nproc 2>/dev/null || echo 2)
tidy=${CLANG_TIDY:-clang-tidy}
if ! command -v "$tidy" >/dev/null 2>&1; then
    echo "lint-code: skipped: clang-tidy is not installed (tests/setup-debian.sh)"
    exit 77
fi
mkdir -p "$build"
build=$(cd "$build" && pwd)
for kind in lib unit; do
    testing=OFF
    [ "$kind" = unit ] && testing=ON
    if ! cmake -S "$src" -B "$build/$kind" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DBUILD_TESTING=$testing >"$build/$kind.log" 2>&1; then
        cat "$build/$kind.log"
        echo "lint-code: cmake could not configure $build/$kind"
        exit 1
    fi
done

logs=$build/logs
rm -rf "$logs"
mkdir -p "$logs"
cd "$src"
# biggest first, so that the slow files do not come last on one core
files=$(ls -S src/*.c src/cli/*.c tests/unit/*.c tests/fuzz/*.c)
n=$(echo "$files" | wc -l)
start=$(date +%s)
# each job writes FILE's output to logs/FILE.log (slashes as +), and its name to logs/failed
# when clang-tidy reports anything
echo "$files" | xargs -P "$jobs" -n 1 sh -c '
    case $4 in tests/*) db=$1/unit ;; *) db=$1/lib ;; esac
    log=$2/$(echo "$4" | tr / +).log
    if ! "$3" -p "$db" --quiet "$4" >"$log" 2>&1; then echo "$4" >>"$2/failed"; fi
' lint-one "$build" "$logs" "$tidy"
secs=$(($(date +%s) - start))

if [ ! -s "$logs/failed" ]; then
    version=$("$tidy" --version | sed -n 's/.*version //p' | head -n 1)
    echo "lint-code: $n files clean (clang-tidy $version, ${secs} s)"
    exit 0
fi
for f in $(sort "$logs/failed"); do
    echo "---- clang-tidy $f"
    grep -v -e '^[0-9]* warnings\{0,1\} generated\.$' -e '^Suppressed ' \
        -e '^Use -header-filter' "$logs/$(echo "$f" | tr / +).log" || true
done
# a finding in a header shows once per file that includes it: listed once here
sort "$logs"/*.log | grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning):' | sed "s|^$src/||" |
    sort -u >"$logs/findings"
nf=$(wc -l <"$logs/findings")
echo "lint-code: $nf finding(s) in $(wc -l <"$logs/failed") of $n files (${secs} s; logs in $logs):"
sed 's/^/lint-code:   /' "$logs/findings"
[ "$nf" -gt 0 ] || echo "lint-code:   none listed: clang-tidy itself failed (its output is above)"
exit 1
