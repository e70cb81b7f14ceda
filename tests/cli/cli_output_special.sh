#!/usr/bin/env bash
# -o onto something that is not a regular file: a device is written through (never replaced),
# a symlink keeps pointing at its file, an existing file keeps its permissions.
source "$(dirname "$0")/helpers.bash"
hello="$ASLDOT_SOURCE_DIR/samples/hello.asl.json"
if [ "$(id -u)" = 0 ] && mknod -m 666 "$T/full" c 1 7 2>/dev/null; then
    run -T svg -o "$T/full" "$hello"
    expect_rc 3 "-o onto a full device"
    checks=$((checks + 1))
    [ -c "$T/full" ] || fail "-o replaced the device with a regular file"
else
    echo "skipped: device checks need root and mknod"
fi
echo old >"$T/target.svg"
chmod 600 "$T/target.svg"
ln -s target.svg "$T/link.svg"
run -o "$T/link.svg" "$hello"
expect_rc 0 "-o through a symlink"
checks=$((checks + 1))
[ -L "$T/link.svg" ] || fail "the symlink was replaced"
checks=$((checks + 1))
grep -q '<svg' "$T/target.svg" || fail "the symlink's target was not written"
checks=$((checks + 1))
[ "$(stat -c %a "$T/target.svg")" = 600 ] || fail "the output's permissions changed"
finish
