#!/bin/bash
# Output is all-or-nothing: atomic -o, an existing file kept on failure, no temporary files left,
# write errors (/dev/full, unwritable directory) exit 3, unreadable inputs exit 3.
. "$(dirname "$0")/helpers.bash"
write_defs

no_temp_left() {
    checks=$((checks + 1))
    if ls "$1" | grep -q '\.tmp\.'; then
        fail "$2: temporary file left in $1: $(ls "$1" | grep '\.tmp\.')"
    fi
}

mkdir "$T/out"
echo OLD >"$T/out/diagram.svg"
run -o "$T/out/diagram.svg" "$T/dangling.asl.json"
expect_rc 1 "invalid input with -o"
checks=$((checks + 1))
[ "$(cat "$T/out/diagram.svg")" = OLD ] || fail "an invalid input replaced the existing output"
no_temp_left "$T/out" "invalid input"

run -o "$T/out/diagram.svg" "$T/missing.json"
expect_rc 3 "missing input with -o"
checks=$((checks + 1))
[ "$(cat "$T/out/diagram.svg")" = OLD ] || fail "a missing input replaced the existing output"

run -o "$T/out/diagram.svg" "$T/hello.asl.json"
expect_rc 0 "valid input replaces the output"
checks=$((checks + 1))
is_svg "$T/out/diagram.svg" || fail "output not replaced by the new SVG"
no_temp_left "$T/out" "valid input"
checks=$((checks + 1))
mode=$(stat -c %a "$T/out/diagram.svg")
want=$(printf '%o' $((0666 & ~$(umask))))
[ "$mode" = "$want" ] || fail "output mode $mode, expected $want (0666 & ~umask)"

# an output directory that cannot be written: exit 3, message names the file
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/ro"
    echo OLD >"$T/ro/keep.svg"
    chmod 555 "$T/ro"
    run -o "$T/ro/keep.svg" "$T/hello.asl.json"
    expect_rc 3 "unwritable directory"
    expect_contains "$err" "keep.svg" "write error names the file"
    checks=$((checks + 1))
    [ "$(cat "$T/ro/keep.svg")" = OLD ] || fail "unwritable directory: existing file changed"
    chmod 755 "$T/ro"
fi
run -o "$T/no/such/dir/x.svg" "$T/hello.asl.json"
expect_rc 3 "output in a missing directory"
expect_contains "$err" "x.svg" "missing directory: message names the file"
expect_contains "$err" "No such file or directory" "missing directory: message has the reason"

# standard output that fails to take the bytes
if [ -w /dev/full ]; then
    "$ASLDOT_BIN" "$T/hello.asl.json" >/dev/full 2>"$T/stderr"
    rc=$?
    err=$T/stderr
    expect_rc 3 "stdout is /dev/full"
    expect_contains "$err" "standard output" "/dev/full: message"
    "$ASLDOT_BIN" --help >/dev/full 2>"$T/stderr"
    rc=$?
    expect_rc 3 "--help to /dev/full"
    "$ASLDOT_BIN" lint "$T/dangling.asl.json" >/dev/full 2>"$T/stderr"
    rc=$?
    expect_rc 3 "lint output to /dev/full"
else
    echo "note: /dev/full not writable, skipping those checks"
fi

# unreadable inputs: exit 3, message naming the file and the reason
run "$T/missing.json"
expect_rc 3 "missing input"
expect_contains "$err" "missing.json" "missing input: message names the file"
expect_empty "$out" "missing input: nothing on stdout"
run "$T/out"
expect_rc 3 "a directory as input"
if [ "$(id -u)" != 0 ]; then
    cp "$T/hello.asl.json" "$T/secret.json"
    chmod 000 "$T/secret.json"
    run "$T/secret.json"
    expect_rc 3 "unreadable input"
    expect_contains "$err" "Permission denied" "unreadable input: reason"
fi
run "$T/hello.asl.json" --history "$T/missing-history.json"
expect_rc 3 "missing history"
expect_contains "$err" "missing-history.json" "missing history: message names the file"

finish
