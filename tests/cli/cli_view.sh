#!/bin/bash
# What part of a machine is drawn: --collapse, --focus/--depth, --split and --catch, and the
# usage errors around them.
. "$(dirname "$0")/helpers.bash"
S=$ASLDOT_SOURCE_DIR/samples
MP=$S/map-parallel.asl.json

# --collapse: every container one box; --collapse=NAME only that one
run --collapse "$MP"
expect_rc 0 "--collapse"
expect_contains "$out" 'class="node state map collapsed"' "the Map is one box"
expect_not_contains "$out" 'Reserve stock' "the Map's inside is not drawn"
expect_contains "$out" '8 states inside (collapsed)' "the box counts what it holds"
run --collapse=Fulfil "$MP"
expect_rc 0 "--collapse=Fulfil"
expect_contains "$out" 'class="node state parallel collapsed"' "Fulfil is one box"
expect_contains "$out" 'class="cluster state map"' "Each order stays open"
expect_contains "$out" 'Release stock' "the Map's other states stay"
run --collapse=Ship "$MP"
expect_rc 2 "--collapse of a Task"
expect_contains "$err" "no Parallel or Map state named 'Ship'" "the message names the state"
run --collapse=Nope,Fulfil "$MP"
expect_rc 2 "--collapse of a name that is no state"
expect_contains "$err" "[view-unknown-state]" "the code is given"
checks=$((checks + 1))
[ ! -s "$out" ] || fail "no picture on a usage error"
run --collapse=none "$MP"
expect_rc 0 "--collapse=none"
expect_not_contains "$out" 'collapsed' "nothing collapsed"

# --focus: the neighbourhood, stand-ins where the rest connects
run --focus "Ask manager" --depth 1 "$S/approval.asl.json"
expect_rc 0 "--focus --depth 1"
expect_contains "$out" 'class="node state task"' "the focused Task is drawn"
expect_match "$out" 'class="node elsewhere"' "stand-ins for what is left out"
expect_contains "$out" 'around Ask manager: 4 of 11 states, 1 step away' "the title says what is shown"
run -T ir --focus "Ask manager" --depth 1 "$S/approval.asl.json"
expect_match "$out" '^node n[0-9]+ elsewhere in=- name="Validate expense"' "Validate expense is a stand-in"
expect_match "$out" '^node n[0-9]+ state in=- name="Escalate"' "Escalate, one step away, is drawn"
run --focus "Ask manager" --depth 0 "$S/approval.asl.json"
expect_rc 2 "--depth 0"
run --depth 2 "$S/approval.asl.json"
expect_rc 2 "--depth without --focus"
expect_contains "$err" "--depth needs --focus" "says why"
run --focus "Nowhere" "$S/approval.asl.json"
expect_rc 2 "--focus on no state"
expect_contains "$err" "approval.asl.json: error: --focus: no state named 'Nowhere'" "names the file and the state"

# --catch: a handler four Catch edges reach gets stubs by default
cat >"$T/fan.json" <<'JSON'
{"StartAt": "A", "States": {
 "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}]},
 "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}]},
 "C": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "D", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}]},
 "D": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}]},
 "Oops": {"Type": "Fail"}}}
JSON
run "$T/fan.json"
expect_rc 0 "default catch view"
checks=$((checks + 1))
[ "$(grep -c 'class="node ref fail"' "$out")" = 3 ] || fail "three stubs by default"
checks=$((checks + 1))
[ "$(grep -c 'class="edge catch"' "$out")" = 4 ] || fail "every Catch edge is still drawn"
run --catch edges "$T/fan.json"
expect_not_contains "$out" 'class="node ref' "--catch edges: no stubs"
run --catch hide "$T/fan.json"
expect_not_contains "$out" 'class="edge catch"' "--catch hide: no Catch edge"
expect_contains "$out" 'catch → Oops' "each catching state says where it goes"
run --catch sometimes "$T/fan.json"
expect_rc 2 "an unknown --catch"
expect_contains "$err" "invalid --catch 'sometimes'" "says which"
run -T mermaid --catch hide "$T/fan.json"
expect_rc 0 "mermaid with hidden catches"
expect_not_contains "$out" '-.->' "no dashed Catch edge in Mermaid either"

# --split: the top level, then one picture per container, into a directory
run --split -T svg -o "$T/parts/" "$MP"
expect_rc 0 "--split"
for f in map-parallel.svg map-parallel.Each_order.svg map-parallel.Fulfil.svg; do
    checks=$((checks + 1))
    is_svg "$T/parts/$f" || fail "--split wrote $f"
done
checks=$((checks + 1))
[ "$(ls "$T/parts" | wc -l)" = 3 ] || fail "--split wrote $(ls "$T/parts" | tr '\n' ' ')"
expect_contains "$T/parts/map-parallel.svg" 'collapsed' "the top level collapses the Map"
expect_contains "$T/parts/map-parallel.Each_order.svg" 'inside Each order' "a part's title names it"
expect_contains "$T/parts/map-parallel.Each_order.svg" 'class="node state parallel collapsed"' "nested containers collapse"
expect_not_contains "$T/parts/map-parallel.Fulfil.svg" 'Load orders' "a part holds only its inside"
run --split --check -T svg -o "$T/parts/" "$MP"
expect_rc 0 "--check of --split parts"
rm "$T/parts/map-parallel.Fulfil.svg"
run --split --check -T svg -o "$T/parts/" "$MP"
expect_rc 1 "--check notices a missing part"
expect_contains "$out" "map-parallel.Fulfil.svg: missing" "names the part"
run --split -o "$T/x.svg" "$MP"
expect_rc 2 "--split needs a directory"
run --split --focus Ship -o "$T/parts/" "$MP"
expect_rc 2 "--split with --focus"
# two containers whose names give the same file name
cat >"$T/twins.json" <<'JSON'
{"StartAt": "a b", "States": {
 "a b": {"Type": "Map", "Next": "a/b", "ItemProcessor": {"StartAt": "x", "States": {"x": {"Type": "Pass", "End": true}}}},
 "a/b": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "y", "States": {"y": {"Type": "Pass", "End": true}}}}}}
JSON
run --split -T svg -o "$T/twins/" "$T/twins.json"
expect_rc 0 "--split of look-alike names"
checks=$((checks + 1))
[ -s "$T/twins/twins.a_b.svg" ] && [ -s "$T/twins/twins.a_b-2.svg" ] || fail "look-alike parts: $(ls "$T/twins" | tr '\n' ' ')"
expect_contains "$T/twins/twins.a_b-2.svg" 'inside a/b' "the second part is the second container"
finish
