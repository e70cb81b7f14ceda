#!/bin/bash
# hostile.sh: hostile and giant inputs through the command, generated at test time in a temporary
# directory (never committed): a 40 MiB file, 200 000-deep JSON arrays and YAML sequences, binary
# noise, invalid UTF-8, "\u0000", a YAML alias bomb, a 10 000-state chain rendered with -T dot,
# 200-deep nested Parallel, 1 000 Parallel branches, a 5 000-rule Choice. Each run must end with
# the right exit code (never a signal) and a diagnostic naming the file; a generous timeout guards
# against hangs.
. "$(dirname "$0")/helpers.bash"

# A guard against hangs, not a speed check (speed belongs in the benchmark): each run gets a
# generous limit (30 times its expected time plus a minute) and fails only when it is killed.
now_ms() { date +%s%3N; }

# timed EXPECTED_SECONDS ARGS...: run ARGS under timeout(1); fail on a signal or on the limit.
timed() {
    local limit=$(($1 * 30 + 60)) t0 t1
    shift
    t0=$(now_ms)
    out=$T/stdout err=$T/stderr
    timeout -s KILL "$limit" "$ASLDOT_BIN" "$@" >"$out" 2>"$err"
    rc=$?
    t1=$(now_ms)
    checks=$((checks + 1))
    if [ "$rc" = 137 ] && [ $((t1 - t0)) -ge $((limit * 1000)) ]; then
        fail "asl-dot $*: still running after ${limit} s (a hang?)"
    elif [ "$rc" -ge 128 ]; then
        fail "asl-dot $*: killed by signal $((rc - 128))"
        sed 's/^/    stderr: /' "$err" | head -20
    fi
    echo "  $((t1 - t0)) ms: asl-dot $*"
}

# expect_lint_error FILE CODE BUDGET DESCRIPTION: lint exits 1 and names FILE and CODE (its output
# is kept in $T/lint.out), then rendering exits 1, names FILE on stderr and writes nothing.
expect_lint_error() {
    local f=$1 code=$2 budget=$3 what=$4
    timed "$budget" lint "$T/$f"
    expect_rc 1 "$what: lint"
    expect_contains "$out" "$f:" "$what: lint names the file"
    expect_contains "$out" ": error: " "$what: an error"
    [ -n "$code" ] && expect_contains "$out" "[$code]" "$what: lint code"
    cp "$out" "$T/lint.out"
    # the renderer refuses it the same way, writing nothing
    timed "$budget" -T dot "$T/$f"
    expect_rc 1 "$what: render"
    expect_contains "$err" "$f" "$what: render names the file on stderr"
    expect_empty "$out" "$what: render writes nothing"
}

# ---- size: 40 MiB, over the default 8 MiB limit, refused before it is read in full
{
    printf '{"StartAt": "A", "Comment": "'
    head -c 41943040 /dev/zero | tr '\0' 'x'
    printf '", "States": {"A": {"Type": "Succeed"}}}'
} >"$T/big.json"
expect_lint_error big.json input-too-large 2 "40 MiB file"
timed 2 lint - <"$T/big.json"
expect_rc 1 "40 MiB on stdin"
expect_contains "$out" "input-too-large" "40 MiB on stdin: code"
timed 2 lint --max-bytes 1K "$T/big.json"
expect_rc 1 "--max-bytes 1K"
expect_contains "$out" "big.json" "--max-bytes 1K names the file"
rm -f "$T/big.json"

# ---- nesting
head -c 200000 /dev/zero | tr '\0' '[' >"$T/deep.json"
head -c 200000 /dev/zero | tr '\0' ']' >>"$T/deep.json"
expect_lint_error deep.json depth-limit 2 "200000-deep JSON arrays"

head -c 200000 /dev/zero | tr '\0' '{' >"$T/open.json"
expect_lint_error open.json "" 2 "200000 unclosed braces"

{
    yes -- '- ' | head -n 200000 | tr -d '\n'
    printf 'x\n'
} >"$T/deep.yaml"
expect_lint_error deep.yaml depth-limit 2 "200000-deep YAML block sequences"

head -c 200000 /dev/zero | tr '\0' '[' >"$T/deepflow.yaml"
expect_lint_error deepflow.yaml depth-limit 2 "200000-deep YAML flow sequences"

# ---- bytes that are not text
head -c 1048576 "$ASLDOT_BIN" >"$T/noise.bin" # an ELF file: binary noise, same on every run
expect_lint_error noise.bin "" 2 "1 MiB binary noise (YAML sniffed)"
{
    printf '{'
    head -c 1048576 "$ASLDOT_BIN"
} >"$T/noise.json"
expect_lint_error noise.json "" 2 "1 MiB binary noise (JSON sniffed)"

printf '{"StartAt": "A\xff\xfe", "States": {"A\xff": {"Type": "Succeed"}}}\n' >"$T/utf8.json"
expect_lint_error utf8.json invalid-utf8 1 "invalid UTF-8"
expect_contains "$T/lint.out" "utf8.json:1:15:" "invalid UTF-8 pointed at the byte"

printf 'StartAt: A\nStates:\n  A\xc0\xaf: {Type: Succeed}\n' >"$T/utf8.yaml"
expect_lint_error utf8.yaml invalid-utf8 1 "invalid UTF-8 in YAML"
expect_contains "$T/lint.out" "utf8.yaml:3:4:" "invalid UTF-8 in YAML located"

printf '{"StartAt": "A\\u0000", "States": {"A\\u0000": {"Type": "Succeed"}}}\n' >"$T/nul.json"
expect_lint_error nul.json nul-in-string 1 "\\u0000 escape"

printf '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}\0\0\0' >"$T/trailing-nul.json"
expect_lint_error trailing-nul.json "" 1 "NUL bytes after the document"

: >"$T/empty.json"
expect_lint_error empty.json empty-input 1 "empty file"
printf ' \n\t\n' >"$T/blank.yaml"
expect_lint_error blank.yaml empty-input 1 "whitespace-only file"

# ---- YAML alias bomb ("billion laughs", 10^10 nodes when expanded)
{
    echo 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
    for i in 1 2 3 4 5 6 7 8 9; do
        p=$((i - 1))
        echo "a$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
    done
    echo 'StartAt: A'
    echo 'States: {A: {Type: Pass, Result: *a9, End: true}}'
} >"$T/bomb.yaml"
expect_lint_error bomb.yaml alias-limit 1 "YAML alias bomb"

# ---- giants that are valid
awk 'BEGIN {
    n = 10000; printf "{\"StartAt\": \"S0\", \"States\": {"
    for (i = 0; i < n - 1; i++) printf "\"S%d\": {\"Type\": \"Pass\", \"Next\": \"S%d\"},", i, i + 1
    printf "\"S%d\": {\"Type\": \"Succeed\"}}}\n", n - 1 }' >"$T/chain.json"
timed 5 lint "$T/chain.json"
expect_rc 0 "10000-state chain: lint"
timed 10 -T dot -o "$T/chain.dot" "$T/chain.json"
expect_rc 0 "10000-state chain: -T dot"
expect_contains "$T/chain.dot" "S9999" "10000-state chain: the last state is drawn"
checks=$((checks + 1))
[ "$(grep -c -- '->' "$T/chain.dot")" -ge 10000 ] || fail "10000-state chain: fewer than 10000 edges"

awk 'BEGIN {
    n = 200
    for (i = 0; i < n; i++)
        printf "{\"StartAt\": \"P%d\", \"States\": {\"P%d\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": [", i, i
    printf "{\"StartAt\": \"Leaf\", \"States\": {\"Leaf\": {\"Type\": \"Succeed\"}}}"
    for (i = 0; i < n; i++) printf "]}}}"
    printf "\n" }' >"$T/nested.json"
timed 10 -T dot -o "$T/nested.dot" "$T/nested.json"
checks=$((checks + 1))
case $rc in
0) [ -s "$T/nested.dot" ] || fail "200-deep Parallel: exit 0 but no output" ;;
1) expect_contains "$err" "nested.json" "200-deep Parallel: the diagnostic names the file"
   expect_match "$err" 'depth-limit|state-depth-limit' "200-deep Parallel: a depth diagnostic" ;;
*) fail "200-deep Parallel: exit code $rc (expected 0, or 1 with a diagnostic)" ;;
esac
timed 10 lint "$T/nested.json"
checks=$((checks + 1))
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "200-deep Parallel: lint exit code $rc"

awk 'BEGIN {
    printf "{\"StartAt\": \"Fan\", \"States\": {\"Fan\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
    for (i = 0; i < 1000; i++)
        printf "%s{\"StartAt\": \"B%d\", \"States\": {\"B%d\": {\"Type\": \"Pass\", \"End\": true}}}", (i ? "," : ""), i, i
    printf "]}}}\n" }' >"$T/branches.json"
timed 5 lint "$T/branches.json"
expect_rc 0 "1000 Parallel branches: lint"
timed 10 -T dot -o "$T/branches.dot" "$T/branches.json"
expect_rc 0 "1000 Parallel branches: -T dot"
expect_contains "$T/branches.dot" "B999" "1000 Parallel branches: the last branch is drawn"

awk 'BEGIN {
    printf "{\"StartAt\": \"Pick\", \"States\": {\"Pick\": {\"Type\": \"Choice\", \"Default\": \"T0\", \"Choices\": ["
    for (i = 0; i < 5000; i++)
        printf "%s{\"Variable\": \"$.v\", \"NumericEquals\": %d, \"Next\": \"T%d\"}", (i ? "," : ""), i, i % 50
    printf "]}"
    for (i = 0; i < 50; i++) printf ", \"T%d\": {\"Type\": \"Succeed\"}", i
    printf "}}\n" }' >"$T/choice.json"
timed 5 lint "$T/choice.json"
expect_rc 0 "5000-rule Choice: lint"
timed 10 -T dot -o "$T/choice.dot" "$T/choice.json"
expect_rc 0 "5000-rule Choice: -T dot"

# ---- many hostile files in one lint run: every one reported, none stops the others
timed 5 lint "$T/deep.json" "$T/utf8.json" "$T/bomb.yaml" "$T/noise.bin" "$T/chain.json"
expect_rc 1 "lint of several hostile files"
for f in deep.json utf8.json bomb.yaml noise.bin; do
    expect_contains "$out" "$f:" "several hostile files: $f reported"
done
timed 5 lint --format json "$T/deep.json" "$T/nul.json" "$T/bomb.yaml"
expect_rc 1 "lint --format json of hostile files"
expect_contains "$out" '"code": "nul-in-string"' "--format json: the nul code"
timed 5 lint --format github "$T/utf8.json"
expect_rc 1 "lint --format github of invalid UTF-8"
expect_match "$out" '^::error file=.*utf8\.json,line=1,col=15' "--format github: located"

finish
