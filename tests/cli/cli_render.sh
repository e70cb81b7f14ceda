#!/bin/bash
# The render path: formats, -T inferred from -o, stdin, styles, legend, invalid input, keep-going.
. "$(dirname "$0")/helpers.bash"
write_defs

run "$T/hello.asl.json"
expect_rc 0 "default render"
checks=$((checks + 1))
is_svg "$out" || fail "default output is SVG on stdout"
expect_contains "$out" "Hello" "SVG names the state"

run - <"$T/hello.asl.json"
expect_rc 0 "stdin input"
checks=$((checks + 1))
is_svg "$out" || fail "stdin input renders SVG"

run -T svg - <"$T/hello.yaml"
expect_rc 0 "YAML on stdin"
expect_contains "$out" "Done" "YAML state appears"

run "$T/hello.yaml"
expect_rc 0 "YAML file"

# -T from the -o extension
for ext in svg dot gv ir png pdf; do
    run -o "$T/out.$ext" "$T/hello.asl.json"
    expect_rc 0 "-o out.$ext"
    expect_empty "$out" "-o out.$ext writes nothing on stdout"
    checks=$((checks + 1))
    [ -s "$T/out.$ext" ] || fail "-o out.$ext: no output file"
done
checks=$((checks + 4))
is_svg "$T/out.svg" || fail ".svg holds SVG"
grep -q 'digraph' "$T/out.dot" || fail ".dot holds DOT"
grep -q 'digraph' "$T/out.gv" || fail ".gv holds DOT"
[ "$(head -c 4 "$T/out.png" | od -An -tx1 | tr -d ' ')" = "89504e47" ] || fail ".png holds PNG"
checks=$((checks + 2))
[ "$(head -c 4 "$T/out.pdf")" = "%PDF" ] || fail ".pdf holds PDF"
! grep -q '<svg' "$T/out.ir" || fail ".ir is not SVG"

# an explicit -T wins over the extension; an unknown extension means SVG
run -T dot -o "$T/explicit.svg" "$T/hello.asl.json"
expect_rc 0 "-T dot -o x.svg"
checks=$((checks + 1))
grep -q 'digraph' "$T/explicit.svg" || fail "-T wins over the -o extension"
run -o "$T/out.txt" "$T/hello.asl.json"
expect_rc 2 "-o out.txt: an extension we cannot write, without -T"
run -o - "$T/hello.asl.json"
expect_rc 0 "-o -"
checks=$((checks + 1))
is_svg "$out" || fail "-o - writes SVG on stdout"

# styles, legend, rankdir, layout
for s in light dark high-contrast; do
    run --style "$s" "$T/hello.asl.json"
    expect_rc 0 "--style $s"
done
run --style light --legend --rankdir LR --layout full "$T/hello.asl.json"
expect_rc 0 "legend + rankdir + layout"
checks=$((checks + 1))
is_svg "$out" || fail "legend render is SVG"
run --layout fast "$T/hello.asl.json"
expect_rc 0 "--layout fast"
if [ -f "$ASLDOT_SOURCE_DIR/styles/dark.json" ]; then
    run --style "$ASLDOT_SOURCE_DIR/styles/dark.json" "$T/hello.asl.json"
    expect_rc 0 "--style FILE"
fi
# a style file is layered over light: its rules change what they name, the rest keeps the default
# look; --style repeats, layered in order (dark, then the file)
echo '{"node.pass": {"fillcolor": "#123456"}}' >"$T/mine.json"
run --style "$T/mine.json" -T dot "$T/hello.asl.json"
expect_rc 0 "--style FILE over light"
expect_contains "$out" '#123456' "the file's rule applies"
expect_contains "$out" 'bgcolor="#ffffff"' "light's background stays under a file"
expect_contains "$out" 'DejaVu Sans' "light's fonts stay under a file"
run --style dark --style "$T/mine.json" -T dot "$T/hello.asl.json"
expect_rc 0 "--style dark --style FILE"
expect_contains "$out" '#123456' "the file's rule applies over dark"
expect_contains "$out" 'bgcolor="#15181e"' "dark's background under the file"
# a reference node (--layout fast) is its target's look plus "dashed", even when the dashed
# value is what most nodes have and so became the DOT's node default
python3 - "$T/jump.json" <<'PY'
import json, sys
states = {"C": {"Type": "Choice", "Default": "P0",
                "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "T"}]}}
for i in range(10):
    states["P%d" % i] = {"Type": "Pass", "Next": "P%d" % (i + 1) if i < 9 else "T"}
states["T"] = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}
json.dump({"StartAt": "C", "States": states}, open(sys.argv[1], "w"))
PY
echo '{"node": {"style": "filled,dashed"}, "node.task": {"style": "filled"}}' >"$T/dashed.json"
run --style "$T/dashed.json" --layout fast -T dot "$T/jump.json"
expect_rc 0 "reference node with a dashed majority style"
if command -v gvpr >/dev/null; then
    checks=$((checks + 1))
    refstyle=$(gvpr 'N[match($.class, "ref") >= 0]{print(aget($, "style"))}' "$out")
    [ "$refstyle" = "filled,dashed" ] || fail "reference node style is '$refstyle', not filled,dashed"
else
    echo "skipped: gvpr not installed"
fi
echo '{ not json' >"$T/bad-style.json"
run --style "$T/bad-style.json" "$T/hello.asl.json"
expect_rc 1 "invalid style file"
expect_contains "$err" "bad-style.json" "style diagnostics name the style file"
expect_empty "$out" "invalid style: nothing on stdout"
run --style "$T/missing-style.json" "$T/hello.asl.json"
expect_rc 3 "unreadable style file"

# invalid definitions: diagnostics naming the file, nothing written, exit 1
run "$T/dangling.asl.json"
expect_rc 1 "dangling Next"
expect_empty "$out" "invalid input writes nothing"
expect_contains "$err" "dangling.asl.json:" "diagnostic names the file"
expect_contains "$err" "Nowhere" "diagnostic names the missing target"
expect_contains "$err" "error" "diagnostic has a severity"

run "$T/syntax.json"
expect_rc 1 "syntax error"
expect_empty "$out" "syntax error writes nothing"
expect_contains "$err" "syntax.json:2:" "syntax error has FILE:LINE:"

run - <"$T/dangling.asl.json"
expect_rc 1 "invalid stdin"
expect_contains "$err" "<stdin>" "stdin diagnostics are named <stdin>"

printf '' >"$T/empty.json"
run "$T/empty.json"
expect_rc 1 "empty input"

# --keep-going draws what it can, prints the errors, exits 0
run --keep-going "$T/dangling.asl.json"
expect_rc 0 "--keep-going"
checks=$((checks + 1))
is_svg "$out" || fail "--keep-going draws SVG"
expect_contains "$err" "dangling.asl.json:" "--keep-going still prints diagnostics"
# every state an error points into is marked, not only dangling transitions, with the reason in
# its tooltip; a valid state is left alone
cat >"$T/faulty.asl.json" <<'JSON'
{"StartAt": "A", "States": {
  "A": {"Type": "Wait", "Seconds": -5, "Next": "B"},
  "B": {"Type": "Pass", "End": true},
  "Orphan": {"Type": "Pass", "End": true}
}}
JSON
run --keep-going -T svg "$T/faulty.asl.json"
expect_rc 0 "--keep-going with field and reachability errors"
expect_match "$out" 'class="node state wait invalid"' "a state with a bad field is marked"
expect_match "$out" 'class="node state pass invalid"' "an unreachable state is marked"
expect_contains "$out" "[unreachable&#45;state]" "the reason is in the tooltip"
checks=$((checks + 1))
[ "$(grep -c 'class="node state pass invalid"' "$out")" = 1 ] || fail "the valid Pass state was marked"

# warnings: printed unless -q, exit 0
run "$T/warn.asl.json"
expect_rc 1 "duplicate key is an error"
run --lenient "$T/warn.asl.json"
expect_rc 0 "warnings only"
expect_contains "$err" "warn.asl.json:3:" "warning printed with its position"
expect_contains "$err" "warning" "warning printed"
run -q --lenient "$T/warn.asl.json"
expect_rc 0 "warnings with -q"
expect_empty "$err" "-q hides warnings"

# --max-bytes: a larger input is refused quickly, without reading it all
run --max-bytes 20 "$T/hello.asl.json"
expect_rc 1 "--max-bytes exceeded"
expect_contains "$err" "hello.asl.json" "size limit names the file"
run --max-bytes 1K "$T/hello.asl.json"
expect_rc 0 "--max-bytes 1K"
head -c $((40 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$T/huge.json"
run "$T/huge.json"
expect_rc 1 "40 MiB input"
rm -f "$T/huge.json"

# A retry policy every Task shares is said once under the title, not on each box; MaxAttempts 0
# reads "no retry"; one Task with its own policy keeps every box's note
python3 -c '
import json, sys
retry = [{"ErrorEquals": ["Lambda.ServiceException"], "MaxAttempts": 6},
         {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0}]
st = {n: {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": retry, "Next": nx}
      for n, nx in (("A", "B"), ("B", "C"), ("C", None))}
del st["C"]["Next"]; st["C"]["End"] = True
json.dump({"StartAt": "A", "States": st}, open(sys.argv[1], "w"))
st["C"]["Retry"] = retry[:1]
json.dump({"StartAt": "A", "States": st}, open(sys.argv[2], "w"))' "$T/shared.json" "$T/own.json"
run -T ir "$T/shared.json"
expect_rc 0 "shared retry"
expect_contains "$out" 'note="every Task retries: ↻ 6× Lambda.ServiceException; no retry: States.Timeout"' "the shared policy said once"
checks=$((checks + 1))
grep -q 'notes="' "$out" && fail "a box still carries the shared retry note"
run -T ir "$T/own.json"
expect_rc 0 "one Task with its own retry"
checks=$((checks + 1))
grep -q ' note=' "$out" && fail "a policy not shared by every Task was said once"
checks=$((checks + 1))
[ "$(grep -c 'notes="' "$out")" = 3 ] || fail "each box keeps its own retry note"

finish
