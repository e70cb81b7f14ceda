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
finish
