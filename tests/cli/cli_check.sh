#!/bin/bash
# asl-dot --check: renders in memory and compares with the files on disk; writes nothing.
. "$(dirname "$0")/helpers.bash"
write_defs

run -o "$T/hello.svg" "$T/hello.asl.json"
expect_rc 0 "render hello.svg"
cp "$T/hello.svg" "$T/before.svg"
run --check -o "$T/hello.svg" "$T/hello.asl.json"
expect_rc 0 "--check: an up-to-date file"
expect_empty "$out" "--check prints nothing when up to date"

run --check --rankdir LR -o "$T/hello.svg" "$T/hello.asl.json"
expect_rc 1 "--check: a file out of date"
expect_contains "$out" "$T/hello.svg: out of date" "--check names the stale file"
checks=$((checks + 1))
cmp -s "$T/hello.svg" "$T/before.svg" || fail "--check left the file as it was"

run --check -o "$T/none.svg" "$T/hello.asl.json"
expect_rc 1 "--check: a missing file"
expect_contains "$out" "$T/none.svg: missing" "--check names the missing file"
checks=$((checks + 1))
[ ! -e "$T/none.svg" ] || fail "--check wrote a missing file"

# batch mode, sequential and in workers; the directory is not created
mkdir "$T/out"
cp "$T/hello.yaml" "$T/second.yaml"
run -T svg -o "$T/out/" "$T/hello.asl.json" "$T/second.yaml"
expect_rc 0 "batch render"
rm "$T/out/hello.svg"
for j in 1 2; do
    run --check -j $j -T svg -o "$T/out/" "$T/hello.asl.json" "$T/second.yaml"
    expect_rc 1 "--check -j $j: one output missing"
    expect_contains "$out" "hello.svg: missing" "--check -j $j lists the missing output"
    expect_not_contains "$out" "second.svg" "--check -j $j: an up-to-date output is not listed"
done
run -T svg -o "$T/out/" "$T/hello.asl.json"
run --check -T svg -o "$T/out/" "$T/hello.asl.json"
expect_rc 0 "--check: batch up to date"
run --check -T svg -o "$T/nodir/" "$T/hello.asl.json"
expect_rc 1 "--check: a missing directory"
checks=$((checks + 1))
[ ! -e "$T/nodir" ] || fail "--check created the output directory"

run --check "$T/hello.asl.json"
expect_rc 2 "--check without -o is a usage error"

finish
