#!/bin/bash
# Batch mode: several inputs into -o DIR/, names from the inputs, -j workers, worst exit code,
# diagnostics naming each file, clashing output names refused.
. "$(dirname "$0")/helpers.bash"
write_defs
mkdir -p "$T/in/sub"
cp "$T/hello.asl.json" "$T/in/a.asl.json"
cp "$T/hello.yaml" "$T/in/b.asl.yaml"
cp "$T/hello.asl.json" "$T/in/sub/c.json"
cp "$T/hello.yaml" "$T/in/d.yml"
cp "$T/hello.asl.json" "$T/in/e.definition"
cp "$T/warn.asl.json" "$T/in/f.asl.json"

inputs=("$T/in/a.asl.json" "$T/in/b.asl.yaml" "$T/in/sub/c.json" "$T/in/d.yml" \
    "$T/in/e.definition" "$T/in/f.asl.json")
names=(a.svg b.svg c.svg d.svg e.definition.svg f.svg)

for jobs in 1 2 4; do
    dir=$T/out$jobs
    run --lenient -j "$jobs" -o "$dir/" "${inputs[@]}"
    expect_rc 0 "batch -j $jobs"
    expect_empty "$out" "batch -j $jobs: nothing on stdout"
    for n in "${names[@]}"; do
        checks=$((checks + 1))
        is_svg "$dir/$n" || fail "batch -j $jobs: $n missing or not SVG"
    done
    checks=$((checks + 1))
    [ "$(ls "$dir" | wc -l)" = "${#names[@]}" ] || fail "batch -j $jobs: extra files: $(ls "$dir")"
    expect_contains "$err" "f.asl.json" "batch -j $jobs: warnings name their file"
    expect_not_contains "$err" "[1/" "batch -j $jobs: no progress line when not a terminal"
done

# on a terminal, a progress line (script(1) provides the terminal)
if command -v script >/dev/null 2>&1; then
    script -qec "'$ASLDOT_BIN' -j 2 -o '$T/tty/' '$T/in/a.asl.json' '$T/in/d.yml'" /dev/null \
        >"$T/tty.log" 2>&1
    rc=$?
    err=$T/tty.log
    expect_rc 0 "batch on a terminal"
    expect_contains "$T/tty.log" "[2/2]" "progress line on a terminal"
    script -qec "'$ASLDOT_BIN' -q -o '$T/tty2/' '$T/in/a.asl.json' '$T/in/d.yml'" /dev/null \
        >"$T/tty2.log" 2>&1
    expect_not_contains "$T/tty2.log" "[2/2]" "-q hides the progress line"
fi

# an existing directory given without the trailing slash; another format
mkdir "$T/dots"
run -T dot -j 2 -o "$T/dots" "$T/in/a.asl.json" "$T/in/d.yml"
expect_rc 0 "existing directory without a slash"
checks=$((checks + 2))
grep -q digraph "$T/dots/a.dot" || fail "-T dot batch: a.dot"
grep -q digraph "$T/dots/d.dot" || fail "-T dot batch: d.dot"

# a single input into a directory
run -o "$T/single/" "$T/in/a.asl.json"
expect_rc 0 "one input into DIR/"
checks=$((checks + 1))
is_svg "$T/single/a.svg" || fail "one input into DIR/: a.svg"

# the worst exit code wins; failed inputs write nothing; the others still render
mkdir "$T/mixed"
echo OLD >"$T/mixed/dangling.svg"
run -j 2 -o "$T/mixed/" "$T/in/a.asl.json" "$T/dangling.asl.json" "$T/in/d.yml"
expect_rc 1 "one invalid input"
expect_contains "$err" "dangling.asl.json:" "invalid input's diagnostics name it"
checks=$((checks + 2))
[ "$(cat "$T/mixed/dangling.svg")" = OLD ] || fail "invalid input replaced its old output"
is_svg "$T/mixed/d.svg" || fail "valid inputs still render beside an invalid one"
run -j 2 -o "$T/out3/" "$T/in/a.asl.json" "$T/missing.json" "$T/dangling.asl.json"
expect_rc 3 "unreadable beats invalid"
expect_contains "$err" "missing.json" "unreadable input named"
checks=$((checks + 1))
ls "$T/out3" | grep -q '\.tmp\.' && fail "temporary files left in the batch directory"
run -o "$T/out4/" "$T/dangling.asl.json" "$T/missing.json"
expect_rc 3 "sequential batch: worst exit code"

# usage errors
cp "$T/hello.yaml" "$T/in/sub/a.yaml"
run -o "$T/clash/" "$T/in/a.asl.json" "$T/in/sub/a.yaml"
expect_rc 2 "two inputs writing the same output"
expect_contains "$err" "a.svg" "clash names the output"
checks=$((checks + 1))
[ -e "$T/clash" ] && fail "a clash must be refused before anything is written"
run -o "$T/clash2/" "$T/in/a.asl.json" - <"$T/hello.asl.json"
expect_rc 2 "stdin in batch mode"
run -o "$T/file.svg" "$T/in/a.asl.json" "$T/in/d.yml"
expect_rc 2 "several inputs to a file"

if [ -d "$ASLDOT_SOURCE_DIR/samples" ]; then
    # samples/ has approval.asl.json and approval.asl.yaml: a clash
    run -o "$T/samples/" "$ASLDOT_SOURCE_DIR"/samples/*.asl.*
    expect_rc 2 "samples with the same stem clash"
    run -j 2 -o "$T/samples/" "$ASLDOT_SOURCE_DIR"/samples/*.asl.json
    expect_rc 0 "every JSON sample in batch mode"
    # A file rendered after others in one process looks exactly as when rendered alone: nothing
    # in the layout may depend on the heap (cgraph's default ids would order clusters by address)
    run -o "$T/seq/" "$ASLDOT_SOURCE_DIR"/samples/*.asl.json
    expect_rc 0 "every JSON sample, one process"
    for f in "$ASLDOT_SOURCE_DIR"/samples/*.asl.json; do
        b=$(basename "$f" .asl.json)
        "$ASLDOT_BIN" -T svg -o "$T/alone.svg" "$f"
        checks=$((checks + 2))
        cmp -s "$T/alone.svg" "$T/seq/$b.svg" || fail "$b: batch output differs from single"
        cmp -s "$T/alone.svg" "$T/samples/$b.svg" || fail "$b: -j 2 output differs from single"
    done
fi

finish
