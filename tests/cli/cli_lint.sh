#!/bin/bash
# asl-dot lint: exit codes, --strict, the text/json/github formats, unreadable files, stdin.
. "$(dirname "$0")/helpers.bash"
write_defs

run lint "$T/hello.asl.json" "$T/hello.yaml"
expect_rc 0 "lint of valid files"
expect_empty "$out" "valid files print nothing (not a terminal)"

run lint "$T/dangling.asl.json"
expect_rc 1 "lint of an invalid file"
expect_contains "$out" "dangling.asl.json:" "lint text names the file"
expect_contains "$out" ": error: " "lint text has the severity"
expect_contains "$out" "[" "lint text has the code"
checks=$((checks + 1))
grep -Eq '^[^:]*dangling\.asl\.json:[0-9]+:[0-9]+: error: .*\[[a-z0-9-]+\]' "$out" ||
    fail "lint text is FILE:LINE:COL: error: MESSAGE [code]"

run lint "$T/syntax.json"
expect_rc 1 "lint of a syntax error"
expect_contains "$out" "syntax.json:2:" "syntax error located"

run lint --lenient "$T/warn.asl.json"
expect_rc 0 "warnings pass without --strict"
expect_contains "$out" "warning" "warning printed"
run lint --lenient --strict "$T/warn.asl.json"
expect_rc 1 "--strict fails on warnings"
run lint -q --lenient "$T/warn.asl.json"
expect_rc 0 "lint -q"
expect_empty "$out" "lint -q hides warnings"

# exit code is the worst: an invalid file among valid ones fails, an unreadable one is 3
run lint "$T/hello.asl.json" "$T/dangling.asl.json" "$T/hello.yaml"
expect_rc 1 "one invalid among valid files"
run lint "$T/hello.asl.json" "$T/missing.json" "$T/dangling.asl.json"
expect_rc 3 "an unreadable file"
expect_contains "$err" "missing.json" "unreadable file named on stderr"
expect_contains "$out" "dangling.asl.json" "later files still checked"

# stdin
run lint - <"$T/dangling.asl.json"
expect_rc 1 "lint stdin"
expect_contains "$out" "<stdin>" "stdin named <stdin>"
run lint - - <"$T/dangling.asl.json"
expect_rc 2 "stdin twice"

# JSON: one array over all files, each object naming its file
run lint --lenient --format json "$T/dangling.asl.json" "$T/warn.asl.json" "$T/hello.asl.json"
expect_rc 1 "lint --format json"
checks=$((checks + 1))
if command -v python3 >/dev/null; then
    python3 - "$out" <<'PY' || fail "--format json is not one array naming each file"
import json, sys
data = json.load(open(sys.argv[1]))
assert isinstance(data, list), "not an array"
files = {d["file"].rsplit("/", 1)[-1] for d in data}
assert "dangling.asl.json" in files and "warn.asl.json" in files, files
for d in data:
    for k in ("file", "line", "column", "severity", "code", "message", "pointer"):
        assert k in d, k
assert any(d["severity"] == "error" for d in data)
PY
else
    expect_contains "$out" '"file"' "json has file fields"
fi
run lint --format=json "$T/hello.asl.json"
expect_rc 0 "json of a valid file"
checks=$((checks + 1))
[ "$(tr -d ' \n' <"$out")" = "[]" ] || fail "json of a valid file is an empty array"

# GitHub annotations
run lint --lenient --format github "$T/dangling.asl.json" "$T/warn.asl.json"
expect_rc 1 "lint --format github"
expect_contains "$out" "::error file=$T/dangling.asl.json,line=" "github error annotation"
expect_contains "$out" "::warning file=$T/warn.asl.json" "github warning annotation"

# the same validation as the renderer, including --lenient and --max-bytes
run lint "$T/warn.asl.json"
expect_rc 1 "duplicate key is an error"
run lint --max-bytes 10 "$T/hello.asl.json"
expect_rc 1 "lint --max-bytes"
expect_contains "$out" "hello.asl.json: error: input is larger than the limit of 10 bytes" \
    "size limit diagnostic"
expect_contains "$out" "[input-too-large]" "size limit code"
run lint --format json --max-bytes 150 "$T/dangling.asl.json" "$T/hello.asl.json"
expect_rc 1 "lint --format json --max-bytes"
checks=$((checks + 1))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(x["code"]=="input-too-large" for x in d)' \
    "$out" 2>/dev/null || fail "json output with a size-limit diagnostic is not valid JSON"

# a dangling Catch target names the catcher, not a made-up field
printf '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Nope"}],"End":true}}}' >"$T/catch.json"
run lint "$T/catch.json"
expect_rc 1 "dangling Catch target"
expect_contains "$out" 'Catch entry 1 field "Next" names "Nope"' "the message names the Catch entry"

finish

