#!/bin/sh
# consumer-test.sh BUILD_DIR: installs that build into a temporary prefix, then builds the
# README's library example against the installed tree twice, with pkg-config and with CMake's
# find_package(asldot), and runs both on a sample. Also checks the man pages and that the shared
# library exports nothing but asldot_* symbols.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "consumer-test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$T/prefix" >/dev/null
lib=$(ls "$T"/prefix/lib*/libasldot.so 2>/dev/null | head -1)
[ -n "$lib" ] || fail "no libasldot.so installed"
pcdir=$(dirname "$lib")/pkgconfig
[ -f "$pcdir/asldot.pc" ] || fail "no asldot.pc installed"
[ -f "$T/prefix/share/man/man1/asl-dot.1" ] && [ -f "$T/prefix/share/man/man3/libasldot.3" ] ||
    fail "man pages missing"
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ && $3 !~ /^asldot_/ {print $3}')
[ -z "$bad" ] || fail "libasldot.so exports non-API symbols: $bad"
objdump -p "$lib" | grep -q 'SONAME *libasldot\.so\.' || fail "libasldot.so has no SONAME"

# The README's example, between the first '#include <asldot.h>' block's fences, inside a main()
# that reads the file named by argv[1].
awk '/^```c$/ {inblock = 1; n++; next} /^```$/ {inblock = 0} inblock && n == 1' "$src/README.md" >"$T/example.c"
grep -q 'asldot_render(' "$T/example.c" || fail "README library example not found"
{
    echo '#include <stdio.h>'
    echo '#include <stdlib.h>'
    grep '^#include' "$T/example.c"
    echo 'int main(int argc, char **argv) {'
    echo '    static char json[1 << 20]; size_t json_len; FILE *in;'
    echo '    if (argc < 2 || (in = fopen(argv[1], "rb")) == NULL) return 2;'
    echo '    json_len = fread(json, 1, sizeof json, in); fclose(in);'
    grep -v '^#include' "$T/example.c"
    echo '    return svg != NULL ? 0 : 1;'
    echo '}'
} >"$T/consumer.c"

sample=$src/samples/hello.asl.json
# 1. pkg-config
PKG_CONFIG_PATH=$pcdir
export PKG_CONFIG_PATH
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$T/consumer-pc" "$T/consumer.c" $(pkg-config --cflags --libs asldot)
LD_LIBRARY_PATH=$(dirname "$lib") "$T/consumer-pc" "$sample" >"$T/pc.svg" || fail "pkg-config consumer failed"
grep -q '<svg' "$T/pc.svg" || fail "pkg-config consumer wrote no SVG"

# 2. CMake find_package
mkdir -p "$T/cm"
cp "$T/consumer.c" "$T/cm/consumer.c"
cat >"$T/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.16)
project(consumer C)
find_package(asldot 0.3 REQUIRED)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE asldot::asldot)
CM
cmake -S "$T/cm" -B "$T/cm/build" -DCMAKE_PREFIX_PATH="$T/prefix" >/dev/null
cmake --build "$T/cm/build" >/dev/null
"$T/cm/build/consumer" "$sample" >"$T/cm.svg" || fail "find_package consumer failed"
cmp -s "$T/pc.svg" "$T/cm.svg" || fail "the two consumers drew different SVG"
grep -q 'class="node state' "$T/cm.svg" || fail "consumer SVG lacks the state classes"

# 3. the installed command and its man page
"$T/prefix/bin/asl-dot" -T dot "$sample" | grep -q digraph || fail "installed asl-dot failed"
if command -v groff >/dev/null 2>&1; then
    for m in "$T/prefix/share/man/man1/asl-dot.1" "$T/prefix/share/man/man3/libasldot.3"; do
        w=$(groff -man -Tutf8 -ww -z "$m" 2>&1)
        [ -z "$w" ] || fail "$m: $w"
    done
fi
echo "consumer-test: pkg-config and find_package consumers built, linked and ran against $T/prefix"
