#!/usr/bin/env bash
# -o onto something that is not a regular file: a device is written through (never replaced),
# a symlink keeps pointing at its file, an existing file keeps its permissions, in single-file
# and batch mode alike; a temporary name already taken does not stop the write.
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

# a name so long that name.tmp.<pid> would pass the file system's limit still works
long=$(printf 'a%.0s' $(seq 1 250))
run -o "$T/$long.svg" "$hello"
expect_rc 0 "-o with a 254-byte file name"
checks=$((checks + 1))
grep -q '<svg' "$T/$long.svg" && [ -z "$(ls -A "$T" | grep '^\.asl-dot\.')" ] ||
    fail "254-byte output name: not written, or its temporary file left behind"

# a symlink to a file not there yet: the file is created, the link kept
ln -s made.svg "$T/dangling.svg"
run -o "$T/dangling.svg" "$hello"
expect_rc 0 "-o through a dangling symlink"
checks=$((checks + 1))
[ -L "$T/dangling.svg" ] && grep -q '<svg' "$T/made.svg" ||
    fail "a dangling symlink was replaced instead of its target created"

# batch mode writes through the same code: the link survives, the target is replaced
mkdir "$T/dir"
echo old >"$T/dir/real.svg"
chmod 640 "$T/dir/real.svg"
ln -s real.svg "$T/dir/hello.svg"
run -o "$T/dir/" "$hello" "$ASLDOT_SOURCE_DIR/samples/approval.asl.json"
expect_rc 0 "batch through a symlink"
checks=$((checks + 1))
[ -L "$T/dir/hello.svg" ] && grep -q '<svg' "$T/dir/real.svg" ||
    fail "batch replaced the symlink instead of its target"
checks=$((checks + 1))
[ "$(stat -c %a "$T/dir/real.svg")" = 640 ] || fail "batch changed the output's permissions"

# the temporary name path.tmp.<pid> is taken (left by a crashed process with the same id):
# the write falls back to a random name and leaves the stale file alone
(
    : >"$T/taken.svg.tmp.$BASHPID"
    exec "$ASLDOT_BIN" -o "$T/taken.svg" "$hello" 2>"$T/taken.err"
)
rc=$?
err=$T/taken.err
expect_rc 0 "-o with the temporary name taken"
checks=$((checks + 1))
grep -q '<svg' "$T/taken.svg" || fail "output not written when the temporary name was taken"
checks=$((checks + 1))
[ "$(ls "$T" | grep -c '^taken\.svg\.tmp\.')" = 1 ] || fail "temporary files: $(ls "$T")"
checks=$((checks + 1))
[ "$(stat -c %a "$T/taken.svg")" = "$(printf '%o' $((0666 & ~$(umask))))" ] ||
    fail "fallback temporary file has mode $(stat -c %a "$T/taken.svg")"
# -o /dev/stdout is the shell's redirection: appended to, never renamed over
echo prev >"$T/log"
"$ASLDOT_BIN" -T ir -o /dev/stdout "$hello" >>"$T/log" 2>"$T/err"
rc=$?
err=$T/err
expect_rc 0 "-o /dev/stdout appended to a file"
checks=$((checks + 1))
[ "$(head -1 "$T/log")" = prev ] || fail "-o /dev/stdout replaced the redirected file"
expect_contains "$T/log" "graph rankdir=" "-o /dev/stdout wrote the diagram"

# killed while writing (SIGTERM injected at the fsync of the temporary file): the temporary file
# is removed and no output appears
if command -v strace >/dev/null && strace -o /dev/null -e inject=fsync:signal=SIGTERM true 2>/dev/null; then
    mkdir "$T/killed"
    strace -o /dev/null -e inject=fsync:signal=SIGTERM "$ASLDOT_BIN" -o "$T/killed/out.svg" "$hello" \
        2>/dev/null
    rc=$?
    expect_rc 143 "killed by SIGTERM while writing"
    checks=$((checks + 1))
    [ -z "$(ls -A "$T/killed")" ] || fail "left behind after SIGTERM: $(ls -A "$T/killed")"
else
    echo "skipped: signal cleanup check needs strace with fault injection"
fi

finish
