#!/bin/bash
# asl-dot diff OLD NEW: the JSON and Markdown reports, the marked diagram, --exit-code, stdin,
# --history at the same time, usage errors, invalid inputs, and the public corpus's pairs.
. "$(dirname "$0")/helpers.bash"

cat >"$T/old.json" <<'EOF'
{"StartAt": "Load", "States": {
  "Load": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 10, "Next": "Tidy"},
  "Tidy": {"Type": "Pass", "Next": "Check"},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Save"}], "Default": "Drop"},
  "Save": {"Type": "Succeed"},
  "Drop": {"Type": "Fail", "Error": "Dropped"}}}
EOF
cat >"$T/new.yaml" <<'EOF'
StartAt: Load
States:
  Load: {Type: Task, Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 30, Next: CleanUp}
  CleanUp: {Type: Pass, Next: Check}
  Check:
    Type: Choice
    Choices: [{Variable: "$.ok", BooleanEquals: true, Next: Save}]
    Default: "<Audit>"
  "<Audit>": {Type: Pass, Next: Save}
  Save: {Type: Succeed}
EOF

run diff -T json "$T/old.json" "$T/new.yaml"
expect_rc 0 "diff -T json exits 0 with changes"
checks=$((checks + 1))
python3 - "$out" <<'EOF' || fail "diff -T json gives the expected summary"
import json, sys
m = json.load(open(sys.argv[1]))["machines"][0]
assert m["id"] == "-", m
assert m["added"] == ["<Audit>"], m
assert m["removed"] == ["Drop"], m
assert m["renamed"] == [{"from": "Tidy", "to": "CleanUp"}], m
assert {c["state"]: c["fields"] for c in m["changed"]} == {"Check": ["Default"], "Load": ["Next", "TimeoutSeconds"]}, m
assert m["edges_added"] == [["<Audit>", "Save", "next"], ["Check", "<Audit>", "default"]], m
assert m["edges_removed"] == [["Check", "Drop", "default"]], m
EOF

run diff --exit-code -T json "$T/old.json" "$T/new.yaml"
expect_rc 1 "--exit-code: changes exit 1"
run diff --exit-code -T json "$T/old.json" "$T/old.json"
expect_rc 0 "--exit-code: no changes exit 0"
expect_contains "$out" '"added": [], "removed": [], "changed": []' "an empty diff"

run diff -T md "$T/old.json" "$T/new.yaml"
expect_rc 0 "diff -T md"
expect_contains "$out" "1 state added, 1 removed, 1 renamed, 2 changed" "md summary line"
expect_contains "$out" '- **Renamed:** `Tidy` → `CleanUp`' "md rename"
expect_contains "$out" '- **Added:** `<Audit>`' "md names in code spans"

# the diagram is a Mermaid chart GitHub draws in place, with the diff marks as classes
expect_contains "$out" '```mermaid' "md carries a mermaid block"
expect_contains "$out" "pass,diff-renamed" "md chart marks the rename"
expect_contains "$out" "fail,diff-removed" "md chart keeps the removed state as a ghost"
checks=$((checks + 1))
[ "$(grep -c '^```' "$out")" = 2 ] || fail "md: one chart, fenced once"
run diff -T md --no-diagram "$T/old.json" "$T/new.yaml"
expect_rc 0 "diff -T md --no-diagram"
expect_not_contains "$out" '```' "--no-diagram leaves the chart out"
run diff -T json --no-diagram "$T/old.json" "$T/new.yaml"
expect_rc 2 "--no-diagram needs -T md"
run diff -T md --no-diagram --image-dir "$T" "$T/old.json" "$T/new.yaml"
expect_rc 2 "--no-diagram and --image-dir exclude each other"

# a chart above Mermaid's limits (500 transitions) becomes an image beside the report, said so
python3 - "$T" <<'EOF'
import json, sys
states = {f"S{i}": {"Type": "Pass", "Next": f"S{i + 1}"} for i in range(520)}
states["S520"] = {"Type": "Succeed"}
json.dump({"StartAt": "S0", "States": states}, open(sys.argv[1] + "/long-old.json", "w"))
states["Extra"] = {"Type": "Pass", "Next": "S1"}
states["S0"]["Next"] = "Extra"
json.dump({"StartAt": "S0", "States": states}, open(sys.argv[1] + "/long-new.json", "w"))
EOF
run diff -T md "$T/long-old.json" "$T/long-new.json"
expect_rc 0 "md of a giant on stdout"
expect_not_contains "$out" '```mermaid' "a giant's chart is not inlined"
expect_contains "$out" "too large for an inline Mermaid chart" "the comment says why"
expect_contains "$out" "with -o FILE or --image-dir DIR" "and how to get an image"
mkdir "$T/pr"
run diff "$T/long-old.json" "$T/long-new.json" -o "$T/pr/comment.md"
expect_rc 0 "md of a giant to a file"
expect_contains "$T/pr/comment.md" "](long-new.diff.svg)" "the image is linked beside the report"
expect_contains "$T/pr/comment.md" "it is linked as an image" "and the comment says so"
checks=$((checks + 1))
is_svg "$T/pr/long-new.diff.svg" || fail "the giant's image is written beside the report"

mkdir "$T/img"
run diff -T md --image-dir "$T/img" -o "$T/comment.md" "$T/old.json" "$T/new.yaml"
expect_rc 0 "diff -T md --image-dir"
expect_contains "$T/comment.md" "/img/new.diff.svg)" "md links the image"
checks=$((checks + 1))
[ -s "$T/img/new.diff.svg" ] || fail "--image-dir writes the diagram"

run diff -o "$T/d.svg" "$T/old.json" "$T/new.yaml"
expect_rc 0 "diff to SVG"
expect_contains "$T/d.svg" 'class="node state task diff&#45;changed"' "changed state marked"
expect_contains "$T/d.svg" 'class="node state pass diff&#45;renamed"' "renamed state marked"
expect_contains "$T/d.svg" 'class="node ghost diff&#45;removed fail"' "removed state is a ghost"
expect_contains "$T/d.svg" 'class="edge default diff&#45;removed"' "removed edge drawn"
expect_contains "$T/d.svg" "renamed from Tidy" "rename said in the label"
expect_contains "$T/d.svg" "&lt;Audit&gt;" "names escaped in the SVG"
checks=$((checks + 1))
n=$(grep -c 'class="node state ' "$T/d.svg")
[ "$n" = 5 ] || fail "one state group per state of NEW: $n"

# stdin for one side, the legend, and an overlay at the same time
cat >"$T/run.json" <<'EOF'
{"events": [
 {"id": 1, "type": "ExecutionStarted", "timestamp": "2024-01-01T00:00:00Z"},
 {"id": 2, "previousEventId": 1, "type": "TaskStateEntered", "timestamp": "2024-01-01T00:00:01Z", "stateEnteredEventDetails": {"name": "Load"}},
 {"id": 3, "previousEventId": 2, "type": "TaskStateExited", "timestamp": "2024-01-01T00:00:02Z", "stateExitedEventDetails": {"name": "Load"}}
]}
EOF
"$ASLDOT_BIN" diff --legend --history "$T/run.json" -T svg - "$T/new.yaml" <"$T/old.json" >"$T/h.svg" 2>"$T/stderr"
rc=$?
err=$T/stderr
expect_rc 0 "diff with stdin, --legend and --history"
expect_contains "$T/h.svg" 'status&#45;succeeded diff&#45;changed' "status and diff classes together"
expect_contains "$T/h.svg" 'legend ghost diff&#45;removed' "legend explains the ghosts"

# usage and input errors
run diff -T json "$T/old.json"
expect_rc 2 "one definition is a usage error"
run diff -T json - -
expect_rc 2 "stdin twice is a usage error"
run diff -T nope "$T/old.json" "$T/new.yaml"
expect_rc 2 "unknown format"
printf '{"StartAt": ' >"$T/broken.json"
run diff -T json "$T/old.json" "$T/broken.json"
expect_rc 1 "a syntax error exits 1"
expect_contains "$err" "broken.json:1:" "the syntax error names its file and place"
expect_empty "$out" "nothing written on error"
run diff -T json "$T/old.json" "$T/missing.json"
expect_rc 3 "an unreadable file exits 3"

# templates: machines paired by id, the others added or removed
cp "$ASLDOT_SOURCE_DIR/tests/data/templates/sam-inline.yaml" "$T/old-tpl.yaml"
python3 - "$T/old-tpl.yaml" "$T/new-tpl.yaml" <<'EOF'
import sys
s = open(sys.argv[1]).read()
s = s.replace("Next: Shipped", "Next: Notify").replace("          Shipped:\n",
    "          Notify:\n            Type: Pass\n            Next: Shipped\n          Shipped:\n")
s = s.replace("BrokenMachine", "AuditMachine").replace("Next: Nowhere", "End: true")
open(sys.argv[2], "w").write(s)
EOF
run diff -k -T json "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 0 "template diff -T json"
checks=$((checks + 1))
python3 - "$out" <<'EOF' || fail "template diff pairs machines by id"
import json, sys
r = json.load(open(sys.argv[1]))
assert [m["id"] for m in r["machines"]] == ["OrderMachine"], r
m = r["machines"][0]
assert m["added"] == ["Notify"], m
assert {c["state"] for c in m["changed"]} == {"Ship"}, m
assert r["machines_added"] == ["AuditMachine"], r
assert r["machines_removed"] == ["BrokenMachine"], r
EOF
run diff -T json "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 0 "only paired machines are linted"
run diff -T json --machine BrokenMachine "$T/old-tpl.yaml" "$T/old-tpl.yaml"
expect_rc 1 "a template machine with lint errors fails without -k"
expect_contains "$err" "old-tpl.yaml:38:" "the lint error names its file and line"
expect_contains "$err" "(machine BrokenMachine" "the lint error names its machine"
expect_empty "$out" "nothing written when a machine is invalid"
run diff -k --exit-code -T json --machine OrderMachine "$T/old-tpl.yaml" "$T/old-tpl.yaml"
expect_rc 0 "--machine: the same machine, no changes"
expect_contains "$out" '"machines_added": [], "machines_removed": []' "nothing added or removed"
run diff -k --exit-code -T json "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 1 "--exit-code: added and removed machines are changes"
run diff -k -T md "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 0 "template diff -T md"
expect_contains "$out" '**OrderMachine**: 1 state added' "md section per machine id"
expect_contains "$out" '- **State machines added:** `AuditMachine`' "md lists added machines"
expect_contains "$out" '- **State machines removed:** `BrokenMachine`' "md lists removed machines"
run diff -k -o "$T/tpl.svg" "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 2 "a picture of several machines needs --machine"
expect_contains "$err" "OrderMachine, AuditMachine, BrokenMachine" "the usage error lists the ids"
checks=$((checks + 1))
[ ! -e "$T/tpl.svg" ] || fail "nothing written on a usage error"
run diff -k --machine OrderMachine -o "$T/tpl.svg" "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 0 "--machine draws one machine of the templates"
expect_contains "$T/tpl.svg" 'class="node state pass diff&#45;added"' "the added state marked"
mkdir "$T/tpl-img"
run diff -k -T md --image-dir "$T/tpl-img" "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 0 "template diff -T md --image-dir"
expect_contains "$out" "tpl-img/new-tpl.OrderMachine.diff.svg)" "one image per paired machine"
checks=$((checks + 1))
is_svg "$T/tpl-img/new-tpl.OrderMachine.diff.svg" || fail "the machine's image is written"
run diff -k --machine AuditMachine -T json "$T/old-tpl.yaml" "$T/new-tpl.yaml"
expect_rc 2 "--machine missing from OLD"
expect_contains "$err" "old-tpl.yaml: no state machine 'AuditMachine'" "says where it is missing"
# a bare definition against a template with one machine: the only machine of each; and a
# template whose machines are all gone: it holds none, each is removed
python3 - "$T/new-tpl.yaml" "$T/one-tpl.yaml" "$T/none-tpl.yaml" <<'EOF'
import sys
s = open(sys.argv[1]).read()
open(sys.argv[2], "w").write(s[:s.index("  AuditMachine:")])
open(sys.argv[3], "w").write(s[:s.index("  OrderMachine:")])
EOF
printf '{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true}}}\n' >"$T/bare.json"
run diff -T json "$T/bare.json" "$T/one-tpl.yaml"
expect_rc 0 "bare definition against a one-machine template"
expect_contains "$out" '"id": "OrderMachine", "added": ["Notify", "Ship", "Shipped"]' "paired as the only machines"
run diff -T json "$T/one-tpl.yaml" "$T/none-tpl.yaml"
expect_rc 0 "a template that lost its only machine"
expect_contains "$out" '{"machines": [], "machines_added": [], "machines_removed": ["OrderMachine"]}' "the machine is removed"
# a duplicate key is an error that --keep-going lets the comparison go past
printf '{"StartAt": "Charge", "StartAt": "Charge", "States": {"Charge": {"Type": "Pass", "End": true}}}\n' >"$T/dup.json"
run diff -T json "$T/bare.json" "$T/dup.json"
expect_rc 1 "a duplicate key exits 1"
expect_contains "$err" "duplicate-key" "and is reported"
run diff -k -T json "$T/bare.json" "$T/dup.json"
expect_rc 0 "--keep-going compares past a duplicate key"
expect_contains "$out" '"changed": [{"state": "Charge", "fields": ["Resource", "Type"]}]' "the machine is compared"
# the source options reach both sides, as for drawing
printf '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Fn}", "End": true}}}\n' >"$T/sub.json"
run diff -T json --input-kind asl --substitute Fn=arn:aws:lambda:us-east-1:1:function:f "$T/sub.json" "$T/sub.json"
expect_rc 0 "--input-kind and --substitute are accepted"
run diff -T json --input-kind nope "$T/sub.json" "$T/sub.json"
expect_rc 2 "unknown --input-kind"
run diff -T json --input-kind cloudformation "$T/bare.json" "$T/bare.json"
expect_rc 1 "--input-kind is applied (a bare definition is no template)"
expect_contains "$err" "no-state-machine" "says that there is no machine to compare"

# the public corpus: every pair gives its NAME.expect.json (through check-corpus's reading)
if [ -d "$ASLDOT_CORPUS_DIR/diffs" ]; then
    for before in "$ASLDOT_CORPUS_DIR"/diffs/*.before.*; do
        stem=${before%.before.*}
        after=$stem.after.${before##*.before.}
        [ -f "$stem.expect.json" ] && [ -f "$after" ] || continue
        run diff -T json "$before" "$after"
        expect_rc 0 "corpus diff $(basename "$stem")"
        cp "$out" "$T/corpus.json"
        run diff -T svg "$before" "$after"
        expect_rc 0 "corpus diff picture $(basename "$stem")"
        checks=$((checks + 1))
        python3 - "$T/corpus.json" "$stem.expect.json" "$out" <<'EOF' || fail "corpus diff $(basename "$stem") differs from its expect.json"
import json, re, sys
m = json.load(open(sys.argv[1]))["machines"][0]
w = json.load(open(sys.argv[2]))
svg = open(sys.argv[3]).read().replace("&#45;", "-")
# every changed state's group is marked; a removed one is a ghost, never a state
marked = re.findall(r'class="(?:node|cluster) state [^"]*diff-changed', svg)
assert len(marked) == len(w["changed"]), (len(marked), w["changed"])
assert 'class="node ghost' not in svg or w["removed"], "ghost without a removed state"
ren = m["renamed"]
assert set(m["added"]) | {r["to"] for r in ren} == set(w["added"]), m
assert set(m["removed"]) | {r["from"] for r in ren} == set(w["removed"]), m
assert {c["state"] for c in m["changed"]} == set(w["changed"]), m
if not ren:
    assert sorted(map(tuple, m["edges_added"])) == sorted(map(tuple, w["edges_added"])), m
    assert sorted(map(tuple, m["edges_removed"])) == sorted(map(tuple, w["edges_removed"])), m
EOF
    done
else
    echo "diff corpus: skipped ($ASLDOT_CORPUS_DIR/diffs not found)"
fi

finish
