#!/bin/bash
# asl-dot diff --git REV[..REV2] [PATH]...: against a throwaway repository. The work tree and a
# commit range, path filters and a subdirectory, files that are not definitions skipped,
# template machines paired by id, new and deleted files, --exit-code, and git's errors (not a
# repository, bad revision, git missing) with hostile names that must stay names.
. "$(dirname "$0")/helpers.bash"

command -v git >/dev/null || { echo "cli_diff_git: skipped (no git)"; exit 0; }
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_DATE=2024-01-01T00:00:00Z \
    GIT_COMMITTER_DATE=2024-01-01T00:00:00Z
R=$T/repo
mkdir -p "$R/sub"
git -C "$R" init -q
git -C "$R" config user.email test@example.com
git -C "$R" config user.name "asl-dot test"
git -C "$R" config commit.gpgsign false
commit() { git -C "$R" add -A && git -C "$R" commit -q -m "$1"; }

# in git: run ARGS... from the repository's top (or $dir)
in_git() {
    out=$T/stdout err=$T/stderr
    (cd "${dir:-$R}" && "$ASLDOT_BIN" "$@") >"$out" 2>"$err"
    rc=$?
}

cat >"$R/def.asl.json" <<'EOF'
{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}
EOF
sed 's/Next: Nowhere/End: true/' "$ASLDOT_SOURCE_DIR/tests/data/templates/sam-inline.yaml" \
    >"$R/template.yaml"
cat >"$R/sub/other.asl.yaml" <<'EOF'
StartAt: X
States:
  X: {Type: Succeed}
EOF
echo '{"name": "not-a-definition", "version": "1.0.0"}' >"$R/package.json"
echo 'hello' >"$R/notes.md"
commit "one"

# the work tree against HEAD
cat >"$R/def.asl.json" <<'EOF'
{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}
EOF
sed -e 's/BrokenMachine/AuditMachine/' -e 's/Next: Shipped/Next: Notify/' \
    -e 's/^          Shipped:$/          Notify: {Type: Pass, Next: Shipped}\n          Shipped:/' \
    "$R/template.yaml" >"$T/t.yaml" && mv "$T/t.yaml" "$R/template.yaml"
echo '{"name": "not-a-definition", "version": "1.0.1"}' >"$R/package.json"
echo 'hello again' >"$R/notes.md"

in_git diff --git HEAD -T json
expect_rc 0 "diff --git HEAD -T json"
cp "$out" "$T/worktree.json"
checks=$((checks + 1))
python3 - "$out" <<'EOF' || fail "diff --git HEAD: the changed definition and template, nothing else"
import json, sys
r = json.load(open(sys.argv[1]))
files = {f["path"]: f for f in r["files"]}
assert sorted(files) == ["def.asl.json", "template.yaml"], files.keys()
d = files["def.asl.json"]
assert d["status"] == "modified", d
assert d["machines"][0]["id"] == "-" and d["machines"][0]["added"] == ["B"], d
t = files["template.yaml"]
assert [m["id"] for m in t["machines"]] == ["OrderMachine"], t
assert t["machines"][0]["added"] == ["Notify"], t
assert t["machines_added"] == ["AuditMachine"] and t["machines_removed"] == ["BrokenMachine"], t
EOF

in_git diff --git HEAD
expect_rc 0 "diff --git HEAD writes Markdown by default"
expect_contains "$out" '#### `def.asl.json`' "one section per file"
expect_contains "$out" '#### `template.yaml`' "the template's section"
expect_contains "$out" '**OrderMachine**: 1 state added' "template machines by id"
expect_contains "$out" '- **State machines added:** `AuditMachine`' "added machine"
expect_contains "$out" '- **State machines removed:** `BrokenMachine`' "removed machine"
expect_not_contains "$out" "package.json" "a JSON file that is no definition is skipped"
expect_not_contains "$err" "package.json" "and skipped without a word"
expect_not_contains "$out" "notes.md" "other files are skipped"

in_git diff --git HEAD --exit-code -T json
expect_rc 1 "--exit-code with changes"

# a path filter, and a subdirectory: pathspecs are relative to it, paths to the top
in_git diff --git HEAD -T json template.yaml
expect_rc 0 "a path filter"
expect_contains "$out" '"path": "template.yaml"' "the file asked for"
expect_not_contains "$out" "def.asl.json" "no other file"
printf 'StartAt: X\nStates:\n  X: {Type: Pass, Next: Y}\n  Y: {Type: Succeed}\n' >"$R/sub/other.asl.yaml"
dir=$R/sub in_git diff --git HEAD -T json .
expect_rc 0 "diff --git from a subdirectory"
expect_contains "$out" '"path": "sub/other.asl.yaml"' "the path is relative to the top"
expect_contains "$out" '"added": ["Y"]' "the work-tree file read from the subdirectory"
expect_not_contains "$out" "template.yaml" "the pathspec '.' is the subdirectory"

# a commit range: the same changes, committed
commit "two"
in_git diff --git HEAD -T json
expect_rc 0 "nothing changed since HEAD"
expect_contains "$out" '{"files": []}' "an empty report"
in_git diff --git HEAD --exit-code
expect_rc 0 "--exit-code without changes"
expect_contains "$out" "No definition or template changed." "the Markdown says so"
in_git diff --git HEAD~1..HEAD -T json
expect_rc 0 "diff --git HEAD~1..HEAD"
checks=$((checks + 1))
python3 - "$out" "$T/worktree.json" <<'EOF' || fail "the range gives what the work tree gave, plus sub/"
import json, sys
r = {f["path"]: f for f in json.load(open(sys.argv[1]))["files"]}
w = {f["path"]: f for f in json.load(open(sys.argv[2]))["files"]}
assert sorted(r) == ["def.asl.json", "sub/other.asl.yaml", "template.yaml"], r.keys()
for p in w:
    assert r[p] == w[p], (r[p], w[p])
EOF
in_git diff --git HEAD~1..HEAD --exit-code -T md
expect_rc 1 "--exit-code on a range with changes"
mkdir "$T/img"
in_git diff --git HEAD~1..HEAD -T md --image-dir "$T/img"
expect_rc 0 "--git with --image-dir"
expect_contains "$out" "/img/template.OrderMachine.diff.svg)" "an image per machine, named by path and id"
checks=$((checks + 1))
is_svg "$T/img/sub_other.diff.svg" || fail "a file in a subdirectory gets a flat image name"

# new and deleted files
git -C "$R" rm -q def.asl.json
cat >"$R/new.asl.json" <<'EOF'
{"StartAt": "N", "States": {"N": {"Type": "Succeed"}}}
EOF
commit "three"
in_git diff --git HEAD~1..HEAD -T json
expect_rc 0 "a new and a deleted file"
expect_contains "$out" '{"path": "def.asl.json", "status": "deleted", "machines": [], "machines_added": [], "machines_removed": ["-"]}' "the deleted definition"
expect_contains "$out" '{"path": "new.asl.json", "status": "added", "machines": [], "machines_added": ["-"], "machines_removed": []}' "the new definition"
in_git diff --git HEAD~1..HEAD
expect_contains "$out" '#### `def.asl.json` (deleted)' "md says deleted"
expect_contains "$out" '#### `new.asl.json` (new file)' "md says new"

# a definition that no longer parses is an error, not a skipped file; nothing is written
printf '{"StartAt": ' >"$R/new.asl.json"
in_git diff --git HEAD -T json
expect_rc 1 "a broken definition exits 1"
expect_contains "$err" "new.asl.json:1:" "its syntax error names the file"
expect_empty "$out" "nothing written on error"
git -C "$R" checkout -q -- new.asl.json

# hostile names: a file name and a pathspec are names, never shell
hostile='$(touch pwned) `touch pwned2` "q"; x'
printf '{"StartAt": "H", "States": {"H": {"Type": "Succeed"}}}\n' >"$R/$hostile.asl.json"
commit "four"
printf '{"StartAt": "H", "States": {"H": {"Type": "Pass", "End": true}}}\n' >"$R/$hostile.asl.json"
in_git diff --git HEAD -T json
expect_rc 0 "a hostile file name"
checks=$((checks + 1))
python3 - "$out" "$hostile.asl.json" <<'EOF' || fail "the hostile name is reported as it is"
import json, sys
r = json.load(open(sys.argv[1]))
assert [f["path"] for f in r["files"]] == [sys.argv[2]], r
EOF
in_git diff --git HEAD -T md
expect_rc 0 "a hostile file name in Markdown"
expect_contains "$out" '#### ``$(touch pwned) `touch pwned2` "q"; x.asl.json``' "a code span longer than the backticks inside"
in_git diff --git HEAD -T json -- '$(touch pwned3)' '; touch pwned4'
expect_rc 0 "hostile pathspecs match nothing"
expect_contains "$out" '{"files": []}' "nothing matched"
checks=$((checks + 1))
for f in pwned pwned2 pwned3 pwned4; do
    [ ! -e "$R/$f" ] && [ ! -e "$R/sub/$f" ] && [ ! -e "$f" ] || fail "a name ran as a command: $f"
done
in_git diff --git '--output=pwned5' -T json
expect_rc 2 "a revision that looks like an option"
checks=$((checks + 1))
[ ! -e "$R/pwned5" ] || fail "an option-like revision reached git as an option"

# REV...REV2 starts from the merge base, as git diff means it; REV..REV2 does not
git -C "$R" checkout -q -b side
printf '{"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}\n' >"$R/side.asl.json"
commit "side"
git -C "$R" checkout -q -
printf '{"StartAt": "M", "States": {"M": {"Type": "Succeed"}}}\n' >"$R/main.asl.json"
commit "main"
in_git diff --git HEAD...side -T json
expect_rc 0 "diff --git HEAD...side"
expect_contains "$out" '"path": "side.asl.json", "status": "added"' "the branch's new file"
expect_not_contains "$out" "main.asl.json" "not what happened since the merge base"
in_git diff --git HEAD..side -T json
expect_rc 0 "diff --git HEAD..side"
expect_contains "$out" '"path": "main.asl.json", "status": "deleted"' "the two commits' trees"

# a template whose definition is in a file of its own: a committed version's reference is not
# followed (the machine is skipped with a note), the definition file is diffed as itself
mkdir "$R/sm"
printf 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm/flow.asl.json\n' >"$R/uri.yaml"
printf '{"StartAt": "F", "States": {"F": {"Type": "Succeed"}}}\n' >"$R/sm/flow.asl.json"
commit "uri"
printf '{"StartAt": "F", "States": {"F": {"Type": "Pass", "Next": "G"}, "G": {"Type": "Succeed"}}}\n' >"$R/sm/flow.asl.json"
printf '  Other:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm/flow.asl.json\n' >>"$R/uri.yaml"
in_git diff --git HEAD -T json uri.yaml sm
expect_rc 0 "a template with DefinitionUri"
expect_contains "$out" '"path": "sm/flow.asl.json", "status": "modified"' "the definition file is diffed"
expect_contains "$out" '"path": "uri.yaml", "status": "modified", "machines": [], "machines_added": ["Other"], "machines_removed": []' "the new machine is added"
expect_contains "$err" "skipping state machine 'Flow'" "the unreadable pair is skipped with a note"
git -C "$R" checkout -q -- uri.yaml sm

# git's errors
in_git diff --git nope -T json
expect_rc 2 "an unknown revision"
expect_contains "$err" "unknown revision 'nope'" "says which"
expect_empty "$out" "nothing written"
in_git diff --git HEAD..nope -T json
expect_rc 2 "an unknown second revision"
expect_contains "$err" "unknown revision 'nope'" "says which"
in_git diff --git HEAD -T json "$T"
expect_rc 2 "a path outside the repository"
expect_contains "$err" "outside repository" "git's own message"
mkdir "$T/plain"
dir=$T/plain in_git diff --git HEAD -T json
expect_rc 2 "not a repository"
expect_contains "$err" "git: fatal: not a git repository" "git's message is passed on"
expect_empty "$out" "nothing written"
out=$T/stdout err=$T/stderr
(cd "$R" && PATH=/nonexistent "$ASLDOT_BIN" diff --git HEAD -T json) >"$out" 2>"$err"
rc=$?
expect_rc 3 "git missing"
expect_contains "$err" "cannot run git" "says git cannot run"
in_git diff --git HEAD -T svg
expect_rc 2 "--git writes reports only"

finish
