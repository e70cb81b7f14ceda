#!/bin/bash
# --history overlays: one page, several pages, newest-first order, unknown states, bad histories.
. "$(dirname "$0")/helpers.bash"
write_defs

ev() { # id prev type details-json
    printf '{"id": %s, "previousEventId": %s, "type": "%s", "timestamp": "2024-05-01T10:00:0%s.000Z"%s}' \
        "$1" "$2" "$3" "$1" "${4:+, $4}"
}
e1=$(ev 1 0 ExecutionStarted '"executionStartedEventDetails": {"input": "{}"}')
e2=$(ev 2 1 PassStateEntered '"stateEnteredEventDetails": {"name": "Hello", "input": "{}"}')
e3=$(ev 3 2 PassStateExited '"stateExitedEventDetails": {"name": "Hello", "output": "{}"}')
e4=$(ev 4 3 SucceedStateEntered '"stateEnteredEventDetails": {"name": "World", "input": "{}"}')
e5=$(ev 5 4 SucceedStateExited '"stateExitedEventDetails": {"name": "World", "output": "{}"}')
e6=$(ev 6 5 ExecutionSucceeded '"executionSucceededEventDetails": {"output": "{}"}')
printf '{"events": [%s, %s, %s, %s, %s, %s]}\n' "$e1" "$e2" "$e3" "$e4" "$e5" "$e6" >"$T/run.json"
printf '{"events": [%s, %s, %s, %s, %s, %s]}\n' "$e6" "$e5" "$e4" "$e3" "$e2" "$e1" >"$T/rev.json"
printf '{"events": [%s, %s, %s]}\n' "$e1" "$e2" "$e3" >"$T/page1.json"
printf '{"events": [%s, %s, %s]}\n' "$e4" "$e5" "$e6" >"$T/page2.json"

run --history "$T/run.json" "$T/hello.asl.json"
expect_rc 0 "--history"
checks=$((checks + 1))
is_svg "$out" || fail "--history renders SVG"
expect_match "$out" "status(-|&#45;)succeeded" "entered states are marked succeeded"
expect_match "$out" 'class="edge next taken"' "taken edges are marked"

run --reverse-order --history "$T/rev.json" "$T/hello.asl.json"
expect_rc 0 "--reverse-order"
expect_match "$out" "status(-|&#45;)succeeded" "newest-first history"

run -H "$T/page2.json" --history="$T/page1.json" --show-io --legend "$T/hello.asl.json"
expect_rc 0 "two history pages"
expect_match "$out" "status(-|&#45;)succeeded" "two pages"

run --history "$T/run.json" -T ir "$T/hello.asl.json"
expect_rc 0 "--history -T ir"

# a history naming a state the definition lacks: a warning, still drawn
sed 's/"Hello"/"Gone"/g' "$T/run.json" >"$T/other.json"
run --history "$T/other.json" "$T/hello.asl.json"
expect_rc 0 "history with an unknown state"
expect_contains "$err" "Gone" "the unknown state is named"
checks=$((checks + 1))
is_svg "$out" || fail "unknown state: still drawn"

# a history that is not JSON: exit 1, named, nothing drawn
echo '{"events": [' >"$T/broken.json"
run --history "$T/broken.json" "$T/hello.asl.json"
expect_rc 1 "broken history"
expect_contains "$err" "broken.json" "broken history named"
expect_empty "$out" "broken history: nothing written"

# a run that ended at a Fail state took its edge to End: the Fail state is how the run ended
run -T ir --history "$ASLDOT_SOURCE_DIR/samples/approval.history.json" \
    "$ASLDOT_SOURCE_DIR/samples/approval.asl.json"
expect_rc 0 "approval run as IR"
rejected=$(grep '^node ' "$out" | grep 'name="Rejected"' | cut -d' ' -f2)
checks=$((checks + 1))
grep "^edge [^ ]* end $rejected -> " "$out" | grep -q 'taken=1' ||
    fail "the Fail state's edge to End is not taken"

finish

