#!/bin/bash
# issue 3's check through the command: every valid corpus definition lints with exit 0, every
# invalid one exits 1 with a diagnostic naming the file.
. "$(dirname "$0")/helpers.bash"
corpus=$ASLDOT_CORPUS_DIR/definitions
if [ ! -d "$corpus/valid" ]; then
    echo "skipped: corpus not found ($corpus)"
    exit 77 # reported as skipped by ctest
fi
shopt -s nullglob

run lint "$corpus"/valid/*
expect_rc 0 "lint of every valid definition"
checks=$((checks + 1))
if grep -q ': error: ' "$out"; then
    fail "errors in valid definitions:"
    grep ': error: ' "$out" | head -20 | sed 's/^/    /'
fi

for f in "$corpus"/invalid/*; do
    base=$(basename "$f")
    run lint "$f"
    checks=$((checks + 1))
    if [ "$rc" != 1 ]; then
        fail "$base: exit code $rc, expected 1"
        head -5 "$err" | sed 's/^/    stderr: /'
        continue
    fi
    checks=$((checks + 1))
    grep -qF "$base" "$out" || fail "$base: no diagnostic names the file"
done

finish
