#!/usr/bin/env bash
# Large machines take the bounded layout (long edges end at reference nodes): the SVG contract
# must still hold there: one "state" group and one status per state, every edge kind present.
source "$(dirname "$0")/helpers.bash"
python3 - "$T/big.json" "$T/history.json" <<'PY'
import json, sys
n = 400
states = {}
for i in range(n):
    states["Step %d" % i] = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}],
                             "Next": "Step %d" % (i + 1) if i + 1 < n else "Again?"}
states["Again?"] = {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": True,
                    "Next": "Step 0"}], "Default": "Done"}
states["Handler"] = {"Type": "Fail", "Error": "Failed"}
states["Done"] = {"Type": "Succeed"}
json.dump({"StartAt": "Step 0", "States": states}, open(sys.argv[1], "w"))
ev = [{"id": 1, "previousEventId": 0, "timestamp": "2026-01-01T00:00:00Z", "type": "ExecutionStarted",
       "executionStartedEventDetails": {"input": "{}"}}]
for name, kind in (("Step 0", "Task"), ("Step 1", "Task")):
    ev.append({"id": len(ev) + 1, "previousEventId": len(ev), "timestamp": "2026-01-01T00:00:01Z",
               "type": kind + "StateEntered", "stateEnteredEventDetails": {"name": name, "input": "{}"}})
    ev.append({"id": len(ev) + 1, "previousEventId": len(ev), "timestamp": "2026-01-01T00:00:02Z",
               "type": kind + "StateExited", "stateExitedEventDetails": {"name": name, "output": "{}"}})
json.dump({"events": ev}, open(sys.argv[2], "w"))
PY
run -T svg "$T/big.json"
expect_rc 0 "a 403-state machine renders"
checks=$((checks + 1))
states=$(grep -c 'class="node state ' "$out")
[ "$states" = 403 ] || fail "403 state groups expected, $states drawn"
checks=$((checks + 1))
grep -q 'class="node ref' "$out" || fail "the bounded layout should have used reference nodes"
for kind in next choice default catch; do
    checks=$((checks + 1))
    grep -q "class=\"edge $kind" "$out" || fail "no $kind edge"
done
run -T svg --history "$T/history.json" "$T/big.json"
expect_rc 0 "the overlay renders"
checks=$((checks + 1))
with_status=$(grep -cE 'class="node state [a-z]+ status(-|&#45;)' "$out")
[ "$with_status" = 403 ] || fail "403 states with a status expected, $with_status found"
checks=$((checks + 1))
grep -qE 'class="node ref[^"]*status(-|&#45;)' "$out" && fail "a reference node carries a status"
# --layout full shortens no long edge; only the Catch stubs asked for (--catch) end at references
run -T dot --layout full --catch edges "$T/big.json"
expect_rc 0 "--layout full"
checks=$((checks + 1))
grep -q 'class="ref' "$out" && fail "--layout full must not use reference nodes"
run -T dot --layout full "$T/big.json"
expect_rc 0 "--layout full with catch stubs"
checks=$((checks + 1))
refs=$(grep -c 'class="ref' "$out")
stubs=$("$ASLDOT_BIN" -T ir --layout full "$T/big.json" | grep -c ' stub=true')
[ "$refs" = "$stubs" ] && [ "$stubs" -gt 0 ] || fail "full layout: $refs references for $stubs catch stubs"
# --layout full on a giant is estimated first and refused (exit 2) rather than left to run for
# minutes: 400 Catch edges drawn in full each cross ~200 ranks
run -T svg --layout full --catch edges -o "$T/refused.svg" "$T/big.json"
expect_rc 2 "--layout full on a giant is refused"
checks=$((checks + 1))
grep -q 'estimated [0-9]* s.*--collapse.*\[layout-too-costly\]' "$err" ||
    fail "no estimate and alternatives: $(cat "$err")"
checks=$((checks + 1))
[ -e "$T/refused.svg" ] && fail "a refused layout wrote an output file"
# A PNG taller than cairo's 32767 px limit is drawn smaller, on purpose and said once, in our words
python3 -c '
import json, sys
n = 700
st = {"P%d" % i: ({"Type": "Pass", "Next": "P%d" % (i + 1)} if i + 1 < n else {"Type": "Succeed"})
      for i in range(n)}
json.dump({"StartAt": "P0", "States": st}, open(sys.argv[1], "w"))' "$T/tall.json"
run -T png -o "$T/tall.png" "$T/tall.json"
expect_rc 0 "a 700-state chain renders to PNG"
checks=$((checks + 1))
grep -q '\[png-scaled\]' "$err" || fail "no png-scaled warning: $(cat "$err")"
checks=$((checks + 1))
grep -qi 'too large\|cairo' "$err" && fail "Graphviz's own message leaked: $(cat "$err")"
checks=$((checks + 1))
size=$(python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
print("%d %d" % struct.unpack(">II", d[16:24]))' "$T/tall.png") || fail "tall.png is not a PNG"
read -r pw ph <<<"$size"
[ "${ph:-0}" -le 32767 ] && [ "${ph:-0}" -ge 30000 ] && [ "${pw:-0}" -gt 0 ] ||
    fail "scaled PNG should be just under 32767 px high, is ${pw}x${ph}"
run -T svg -o "$T/tall.svg" "$T/tall.json"
expect_rc 0 "the same chain to SVG"
checks=$((checks + 1))
grep -q 'png-scaled' "$err" && fail "SVG is never scaled"
# AWS refuses a definition over 1 MB (1 048 576 bytes), measured as its minified JSON: a warning
# (lint --strict fails on it), never for a file that only its whitespace makes larger
python3 -c '
import json, sys
big = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "x" * 1048600, "End": True}}}
json.dump(big, open(sys.argv[1], "w"))
fits = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": ["y" * 64] * 14000, "End": True}}}
json.dump(fits, open(sys.argv[2], "w"), indent=8)' "$T/over.json" "$T/fits.json"
run lint "$T/over.json"
expect_rc 0 "a definition over the AWS limit is a warning"
expect_match "$out" "over.json:1:1: warning: the definition is 1048669 bytes even as minified JSON.*1048576 bytes.*cannot be deployed \[definition-too-large\]" "the size warning"
run lint --strict "$T/over.json"
expect_rc 1 "lint --strict fails on a definition over the AWS limit"
# in a template, the definition alone is measured (not the key and comma it sits behind)
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = {"Resources": {"Flow": {"Type": "AWS::StepFunctions::StateMachine",
                            "Properties": {"RoleArn": "arn:aws:iam::1:role/r", "Definition": d}}}}
json.dump(t, open(sys.argv[2], "w"))' "$T/over.json" "$T/over.template.json"
run lint "$T/over.template.json"
expect_match "$out" "the definition is 1048669 bytes even as minified JSON" "the size of a template's definition"
run -T svg -o "$T/over.svg" "$T/over.json"
expect_rc 0 "a definition over the AWS limit still renders"
expect_contains "$err" "[definition-too-large]" "the size warning when rendering"
checks=$((checks + 1))
[ "$(wc -c <"$T/fits.json")" -gt 1048576 ] || fail "fits.json should be over 1 MB as written"
run lint "$T/fits.json"
expect_rc 0 "a definition under the limit once minified"
expect_not_contains "$out" "definition-too-large" "no size warning"
# --max-states bounds the run: over it, an error at the first state past the limit
run lint --max-states 400 "$T/big.json"
expect_rc 1 "lint --max-states under the machine's size"
expect_match "$out" "error: the machine has more than 400 states \\[state-limit\\]" "the state limit"
run -T svg --max-states 400 -o "$T/limited.svg" "$T/big.json"
expect_rc 1 "rendering over --max-states fails"
checks=$((checks + 1))
[ -e "$T/limited.svg" ] && fail "a refused machine wrote an output file"
run -T svg --max-states 403 -o "$T/limited.svg" "$T/big.json"
expect_rc 0 "--max-states at the machine's size"
run --max-states 0 "$T/big.json"
expect_rc 2 "--max-states 0 is a usage error"
# The layout in parts (above 6000 diagram nodes, or --layout fast at any size) draws every format
for fmt in svg png pdf html; do
    run --layout fast -T "$fmt" -o "$T/parts.$fmt" "$ASLDOT_SOURCE_DIR/samples/map-parallel.asl.json"
    expect_rc 0 "--layout fast -T $fmt"
    expect_empty "$err" "--layout fast -T $fmt: no message"
done
checks=$((checks + 1))
head -c 8 "$T/parts.png" | grep -q PNG || fail "parts.png is not a PNG"
checks=$((checks + 1))
head -c 5 "$T/parts.pdf" | grep -q '%PDF-' || fail "parts.pdf is not a PDF"
checks=$((checks + 1))
[ "$(grep -c 'class="cluster state' "$T/parts.svg")" = 2 ] || fail "parts.svg: 2 containers expected"
finish
