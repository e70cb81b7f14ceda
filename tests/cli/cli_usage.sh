#!/bin/bash
# --help, --version and usage errors: exit codes, streams, and that the help lists every option.
. "$(dirname "$0")/helpers.bash"
write_defs

run --help
expect_rc 0 "--help"
expect_empty "$err" "--help writes nothing on stderr"
for opt in -T --output --style --rankdir --legend --layout --keep-going --lenient --max-bytes \
    --history --reverse-order --show-io --iteration --jobs --quiet --help --version lint; do
    expect_contains "$out" "$opt" "--help lists $opt"
done
for code in "  0  " "  1  " "  2  " "  3  " "  4  "; do
    expect_contains "$out" "$code" "--help exit code table"
done
run -h
expect_rc 0 "-h"

run --version
expect_rc 0 "--version"
checks=$((checks + 1))
grep -Eq '^asl-dot [0-9]+\.[0-9]+\.[0-9]+' "$out" || fail "--version prints 'asl-dot X.Y.Z'"

run lint --help
expect_rc 0 "lint --help"
for opt in --strict --format --lenient --max-bytes; do
    expect_contains "$out" "$opt" "lint --help lists $opt"
done

# usage errors: exit 2, one line plus the hint on stderr, nothing on stdout
usage_case() {
    local what=$1
    shift
    run "$@"
    expect_rc 2 "$what"
    expect_contains "$err" "try 'asl-dot --help'" "$what: hint"
    expect_empty "$out" "$what: stdout"
}
usage_case "unknown long option" --bogus "$T/hello.asl.json"
usage_case "unknown short option" -Z "$T/hello.asl.json"
usage_case "missing value" "$T/hello.asl.json" --style
usage_case "flag given a value" --legend=yes "$T/hello.asl.json"
usage_case "no input" -T svg
usage_case "bad -T" -T jpeg "$T/hello.asl.json"
usage_case "bad --rankdir" --rankdir XY "$T/hello.asl.json"
usage_case "bad --layout" --layout pretty "$T/hello.asl.json"
usage_case "bad --max-bytes" --max-bytes lots "$T/hello.asl.json"
usage_case "zero --max-bytes" --max-bytes 0 "$T/hello.asl.json"
usage_case "bad --jobs" -j 0 "$T/hello.asl.json"
usage_case "bad --iteration" --iteration Map "$T/hello.asl.json"
usage_case "--iteration without --history" --iteration Map=2 "$T/hello.asl.json"
usage_case "several inputs without a directory" "$T/hello.asl.json" "$T/hello.yaml"
usage_case "several inputs to a file" -o "$T/x.svg" "$T/hello.asl.json" "$T/hello.yaml"
usage_case "unknown style name" --style no-such-style "$T/hello.asl.json"
usage_case "lint without files" lint
usage_case "lint bad format" lint --format xml "$T/hello.asl.json"
usage_case "lint unknown option" lint --bogus "$T/hello.asl.json"
checks=$((checks + 1))
[ "$(grep -c . "$err")" -eq 2 ] || fail "usage error is one line plus the hint"

# option forms: --opt=value, --opt value, -xVALUE, and "--" ending the options
run --rankdir=LR -T svg "$T/hello.asl.json"
expect_rc 0 "--opt=value form"
run --rankdir LR -Tsvg "$T/hello.asl.json"
expect_rc 0 "--opt value and -xVALUE forms"
cp "$T/hello.asl.json" "$T/-dash.json"
(cd "$T" && "$ASLDOT_BIN" -T svg -- -dash.json >"$T/stdout" 2>"$T/stderr")
rc=$?
expect_rc 0 "'--' ends the options"
checks=$((checks + 1))
is_svg "$T/stdout" || fail "'--' ends the options: output is not SVG"

# the output name: an extension we cannot write is refused before anything happens; -T wins over
# a known extension, with a warning; no extension means SVG; -o twice is an error
run "$T/hello.asl.json" -o "$T/out.jpg"
expect_rc 2 "-o with an unknown extension"
expect_contains "$err" "cannot tell the output format from" "unknown extension message"
checks=$((checks + 1))
[ -e "$T/out.jpg" ] && fail "-o out.jpg wrote a file"
run -T svg "$T/hello.asl.json" -o "$T/out.jpg"
expect_rc 0 "-T svg with any extension"
run -T png "$T/hello.asl.json" -o "$T/png.svg"
expect_rc 0 "-T png into a .svg name"
expect_contains "$err" "warning: writing png to" "-T against the extension warns"
run -q -T png "$T/hello.asl.json" -o "$T/png2.svg"
expect_rc 0 "-q -T png into a .svg name"
expect_empty "$err" "-q silences the extension warning"
checks=$((checks + 1))
head -c 8 "$T/png.svg" | grep -q PNG || fail "-T png did not write PNG"
run "$T/hello.asl.json" -o "$T/noext"
expect_rc 0 "-o without an extension"
checks=$((checks + 1))
is_svg "$T/noext" || fail "-o without an extension is not SVG"
run "$T/hello.asl.json" -o "$T/a.svg" -o "$T/b.svg"
expect_rc 2 "-o given twice"
expect_contains "$err" "-o given twice" "-o twice message"

finish
