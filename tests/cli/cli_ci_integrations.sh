#!/bin/bash
# The CI integrations, offline: action.yml (its structure, then its steps run by
# tests/ci/run-action.py the way a runner would, with the built asl-dot as a prebuilt binary, and
# once more through the install/build path with apt-get, sudo and cmake stubbed), the hooks of
# .pre-commit-hooks.yaml run as pre-commit runs them (and by the real pre-commit when it is
# installed), and the script: lines of docs/ci/gitlab-ci.yml. Skipped without python3's yaml.
. "$(dirname "$0")/helpers.bash"
S=$ASLDOT_SOURCE_DIR
if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "skipped: python3 with the yaml module is needed"
    exit 77
fi
export TMPDIR=$T # run-action.py leaves its runner.temp folders there

# a workspace: the samples, a template with a machine, one without, a broken definition
W=$T/ws
mkdir -p "$W/machines" "$W/empty"
cp "$S"/samples/*.asl.json "$W/machines/"
cp "$S/tests/data/templates/cfn-sub.yaml" "$W/machines/template.yaml"
cp "$S/tests/data/templates/no-machine.yaml" "$W/empty/template.yaml"
printf '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}\n' >"$T/broken.asl.json"

# ---- action.yml: structure
checks=$((checks + 1))
python3 - "$S" "$T/apt-packages" <<'EOF' || fail "action.yml: structure"
import re, subprocess, sys, yaml
src = sys.argv[1]
a = yaml.safe_load(open(f"{src}/action.yml"))
assert a["name"] and a["description"], "name and description"
assert a["runs"]["using"] == "composite", "a composite action"
for name in ("files", "command", "output-dir", "format", "args"):
    assert a["inputs"][name]["description"], f"input {name} described"
assert a["inputs"]["command"]["default"] == "lint", "lint by default"
assert a["inputs"]["files"]["required"] is True, "files required"
for name, out in a["outputs"].items():
    assert out["description"] and "${{" in out["value"], f"output {name}"
apt = None
for step in a["runs"]["steps"]:
    assert step.get("name"), "every step named"
    if "uses" in step:
        assert re.search(r"@v\d+$", step["uses"]), f"{step['uses']} pinned to a major version"
        continue
    assert step["shell"] == "bash", f"{step['name']}: shell bash"
    assert "${{" not in step["run"], f"{step['name']}: inputs only through env:"
    r = subprocess.run(["bash", "-n"], input=step["run"], text=True)
    assert r.returncode == 0, f"{step['name']}: bash -n"
    m = re.search(r"apt-get install (.*?)>/dev/null", step["run"], re.S)
    apt = apt or (m and m.group(1))
pkgs = [w for w in apt.replace("\\", " ").split() if not w.startswith("-")]
assert "libgraphviz-dev" in pkgs, pkgs
setup = open(f"{src}/tests/setup-debian.sh").read()
for p in pkgs:
    assert re.search(rf"\s{re.escape(p)}\s", setup), f"{p} is in tests/setup-debian.sh"
open(sys.argv[2], "w").write("\n".join(pkgs) + "\n")
EOF
# the packages exist in Debian's lists (one look-up; one per package only to name a missing one,
# and only when apt-cache has lists at all)
checks=$((checks + 1))
if ! apt-cache show $(cat "$T/apt-packages") >/dev/null 2>&1 && apt-cache show bash >/dev/null 2>&1; then
    for p in $(cat "$T/apt-packages"); do
        apt-cache show "$p" >/dev/null 2>&1 || fail "action.yml installs $p, which apt-cache does not know"
    done
fi

# action INPUT=VALUE...: runs the action in the workspace; sets rc, out, err and outputs (JSON).
action() {
    local a=()
    for i in "$@"; do a+=(--input "$i"); done
    out=$T/stdout err=$T/stderr outputs=$T/outputs.json
    rm -f "$outputs"
    (cd "$W" && python3 "$S/tests/ci/run-action.py" "$ACTION_DIR" --outputs "$outputs" "${a[@]}") \
        >"$out" 2>"$err"
    rc=$?
}
# output NAME: one of the action's outputs from the last run
output() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$outputs" "$1"
}
ACTION_DIR=$S

# ---- action: lint
action files='machines/*.asl.json machines/template.yaml empty/**/*.yaml'
expect_rc 0 "action lint: the samples, a template, a template with no machine"
expect_contains "$err" "step: Install build dependencies: skipped" "action: a prebuilt binary skips apt-get"
expect_contains "$err" "step: Build asl-dot: skipped" "action: a prebuilt binary skips the build"
expect_not_contains "$out" "::error" "action lint: no annotation for valid files"
checks=$((checks + 1))
[ "$(output exit-code)" = 0 ] && [ "$(output asl-dot-bin)" = "$ASLDOT_BIN" ] ||
    fail "action lint: outputs exit-code 0 and the binary used"

cp "$T/broken.asl.json" "$W/machines/"
action files="machines/*.asl.json"
expect_rc 1 "action lint: a broken definition fails the step"
expect_match "$out" '^::error file=machines/broken\.asl\.json,line=1,col=[0-9]+,title=next-target-missing::' \
    "action lint: a GitHub annotation"
checks=$((checks + 1))
[ "$(output exit-code)" = 1 ] && grep -q 'title=next-target-missing' "$(output report)" ||
    fail "action lint: exit-code 1, the finding in the report file"
action files="machines/*.asl.json" format=text args=--quiet
expect_rc 1 "action lint, format text"
expect_match "$out" '^machines/broken\.asl\.json:1:[0-9]+: error: ' "action lint: the format input"
rm "$W/machines/broken.asl.json"

# ---- action: render and check
action command=render output-dir=out files='machines/*.asl.json machines/template.yaml'
expect_rc 0 "action render"
checks=$((checks + 1))
is_svg "$W/out/hello.svg" && is_svg "$W/out/template.svg" ||
    fail "action render: one SVG per machine in output-dir"
cp -r "$W/out" "$T/out.before"
action command=check output-dir=out/ files='machines/*.asl.json machines/template.yaml'
expect_rc 0 "action check: diagrams up to date"
checks=$((checks + 1))
[ -z "$(output stale)" ] && [ -z "$(output __summary)" ] || fail "action check: nothing stale, no summary"

sed -i 's/"Hello"/"Greet"/g' "$W/machines/hello.asl.json"
rm "$W/out/jsonata.svg"
action command=check output-dir=out files='machines/*.asl.json machines/template.yaml'
expect_rc 1 "action check: a diagram out of date and one missing"
expect_contains "$out" "out/hello.svg: out of date" "action check lists the stale diagram"
expect_contains "$out" "::error file=out/jsonata.svg,title=asl-dot check::" "action check: an annotation per diagram"
checks=$((checks + 1))
[ "$(output stale)" = "$(printf 'out/hello.svg\nout/jsonata.svg')" ] || fail "action check: the stale output, got '$(output stale)'"
checks=$((checks + 1))
output __summary | grep -F -- '- `out/hello.svg`: out of date' >/dev/null || fail "action check: the job summary"
checks=$((checks + 1))
cmp -s "$W/out/hello.svg" "$T/out.before/hello.svg" && [ ! -e "$W/out/jsonata.svg" ] ||
    fail "action check wrote a diagram"
action command=render output-dir=out format=png files=machines/hello.asl.json
expect_rc 0 "action render, format png"
checks=$((checks + 1))
file "$W/out/hello.png" 2>/dev/null | grep -q 'PNG image' || fail "action render: the format input"

# ---- action: bad inputs
action command=draw files=machines/hello.asl.json
expect_rc 2 "action: an unknown command"
expect_contains "$out" "command must be lint, check or render, not 'draw'" "action: the command's error"
action files='machines/*.nothing'
expect_rc 1 "action: a pattern that matches nothing"
expect_contains "$out" "no file matches 'machines/*.nothing'" "action: the pattern's error"
ASLDOT_BIN=$T/none action files=machines/hello.asl.json
expect_rc 1 "action: a prebuilt binary that is not there"
expect_contains "$out" "is not an executable file" "action: the prebuilt binary's error"

# ---- action: the install and build path, with apt-get, sudo and cmake stubbed. The stub cmake
# logs its arguments, and its --build copies the real binary where the build would leave one.
stubs=$T/stubs
mkdir -p "$stubs"
printf '#!/bin/sh\necho "apt-get $*" >>"%s/calls"\n' "$T" >"$stubs/apt-get"
printf '#!/bin/sh\nexec "$@"\n' >"$stubs/sudo"
cat >"$stubs/cmake" <<EOF
#!/bin/sh
echo "cmake \$*" >>"$T/calls"
if [ "\$1" = --build ]; then cp "$ASLDOT_BIN" "\$2/asl-dot"; else mkdir -p "\$4"; fi
EOF
chmod +x "$stubs"/*
# a copy of the action's files, so that a source can change
ACTION_DIR=$T/action
mkdir -p "$ACTION_DIR"
cp -r "$S"/{action.yml,CMakeLists.txt,cmake,include,src,styles,scripts} "$ACTION_DIR/"
bin=$ASLDOT_BIN
unset ASLDOT_BIN
PATH=$stubs:$PATH action files=machines/hello.asl.json
expect_rc 0 "action built from source"
expect_contains "$err" "step: Restore the built asl-dot: not run (uses: actions/cache@v4)" "action: the cache step"
expect_contains "$err" "step: Build asl-dot: ran" "action: the build ran without a cache hit"
expect_match "$T/calls" "^apt-get install .*libgraphviz-dev" "action: apt-get installs the build dependencies"
expect_match "$T/calls" "^cmake -S $ACTION_DIR -B .* -DBUILD_TESTING=OFF" "action: cmake configures the action's checkout"
expect_match "$T/calls" "^cmake --build .* --target asl-dot" "action: cmake builds asl-dot alone"
built=$(output asl-dot-bin)
checks=$((checks + 1))
[ "$built" != "$bin" ] && cmp -s "$built" "$bin" || fail "action: runs the binary it built ($built)"
key() { (cd "$W" && GITHUB_ACTION_PATH=$ACTION_DIR RUNNER_TEMP=$T GITHUB_OUTPUT=/dev/stdout INPUT_COMMAND=lint \
    INPUT_ASL_DOT_BIN='' bash -eo pipefail -c "$(python3 -c 'import yaml, sys
print(yaml.safe_load(open(sys.argv[1]))["runs"]["steps"][0]["run"])' "$ACTION_DIR/action.yml")" |
    sed -n 's/^cache-key=//p'); }
k1=$(key)
k2=$(key)
echo "/* changed */" >>"$ACTION_DIR/src/ir.c"
k3=$(key)
checks=$((checks + 1))
[ -n "$k1" ] && [ "$k1" = "$k2" ] && [ "$k1" != "$k3" ] || fail "action: the cache key follows the sources ($k1 $k2 $k3)"
export ASLDOT_BIN=$bin
ACTION_DIR=$S

# ---- .pre-commit-hooks.yaml
checks=$((checks + 1))
python3 - "$S" <<'EOF' || fail ".pre-commit-hooks.yaml: structure and file pattern"
import os, re, sys, yaml
src = sys.argv[1]
hooks = {h["id"]: h for h in yaml.safe_load(open(f"{src}/.pre-commit-hooks.yaml"))}
assert sorted(hooks) == ["asl-dot-check", "asl-dot-lint"], sorted(hooks)
for h in hooks.values():
    assert h["name"] and h["language"] in ("script", "system"), h
    script = os.path.join(src, h["entry"].split()[0])
    assert os.access(script, os.X_OK), f"{script} executable"
yes = ["x.asl.json", "a/b/x.asl.yaml", "x.asl.yml", "template.yaml", "infra/template.yml",
       "template.json", "cdk.out/Stack.template.json", "serverless.yml", "svc/serverless.yaml",
       "main.tf", "modules/sfn/machine.tf"]
no = ["x.json", "mytemplate.yaml", "template.yaml.bak", "x.asl.json.orig", "README.md",
      "terraform.tfstate", "x.yaml", ".github/workflows/ci.yml"]
for h in hooks.values():
    for f in yes:
        assert re.search(h["files"], f), f"{h['id']} matches {f}"
    for f in no:
        assert not re.search(h["files"], f), f"{h['id']} does not match {f}"
EOF

# hook ID FILE...: runs a hook as pre-commit does (entry, args, file names) with asl-dot on PATH
hook() {
    local id=$1
    shift
    local words
    words=$(python3 - "$S" "$id" <<'EOF'
import shlex, sys, yaml
h = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1] + "/.pre-commit-hooks.yaml"))}[sys.argv[2]]
print(" ".join(shlex.quote(w) for w in shlex.split(h["entry"]) + h.get("args", [])))
EOF
    )
    eval "set -- $words \"\$@\""
    out=$T/stdout err=$T/stderr
    (cd "$W" && env -u ASLDOT_BIN PATH="$T/bin:$PATH" "$S/$1" "${@:2}") >"$out" 2>"$err"
    rc=$?
}
mkdir -p "$T/bin"
ln -s "$ASLDOT_BIN" "$T/bin/asl-dot"
hook asl-dot-lint machines/hello.asl.json machines/template.yaml empty/template.yaml
expect_rc 0 "hook asl-dot-lint: valid files, a template with no machine skipped"
expect_empty "$out" "hook asl-dot-lint: nothing to say"
hook asl-dot-lint empty/template.yaml
expect_rc 0 "hook asl-dot-lint: only a template with no machine"
cp "$T/broken.asl.json" "$W/machines/"
hook asl-dot-lint machines/hello.asl.json machines/broken.asl.json
expect_rc 1 "hook asl-dot-lint: a broken definition"
expect_contains "$out" "machines/broken.asl.json:1:" "hook asl-dot-lint names the finding"
rm "$W/machines/broken.asl.json"
mkdir -p "$W/docs/diagrams"
(cd "$W" && "$ASLDOT_BIN" -T svg -o docs/diagrams/ machines/hello.asl.json machines/template.yaml)
hook asl-dot-check machines/hello.asl.json machines/template.yaml empty/template.yaml
expect_rc 0 "hook asl-dot-check: diagrams up to date (default args)"
sed -i 's/"Greet"/"Welcome"/g' "$W/machines/hello.asl.json"
hook asl-dot-check machines/hello.asl.json machines/template.yaml
expect_rc 1 "hook asl-dot-check: a diagram out of date"
expect_contains "$out" "docs/diagrams/hello.svg: out of date" "hook asl-dot-check names the diagram"
expect_not_contains "$out" "template.svg" "hook asl-dot-check: a current diagram is not listed"

# the wrapper on its own: options with values before the files, '--', no asl-dot
out=$T/stdout err=$T/stderr
(cd "$W" && "$S/scripts/asl-dot-hook.sh" lint --format github --strict -- machines/hello.asl.json) >"$out" 2>"$err"
rc=$?
expect_rc 0 "asl-dot-hook.sh: --format github --strict -- FILE"
(cd "$W" && env -u ASLDOT_BIN PATH=/usr/bin:/bin "$S/scripts/asl-dot-hook.sh" lint machines/hello.asl.json) >"$out" 2>"$err"
rc=$?
expect_rc 127 "asl-dot-hook.sh without asl-dot"
expect_contains "$err" "not found: install asl-dot" "asl-dot-hook.sh says what is missing"
"$S/scripts/asl-dot-hook.sh" draw x >"$out" 2>"$err"
rc=$?
expect_rc 2 "asl-dot-hook.sh: an unknown mode"

# the real pre-commit, when installed: validate the manifest, run both hooks from this checkout
if command -v pre-commit >/dev/null 2>&1 && git -C "$S" rev-parse HEAD >/dev/null 2>&1; then
    export PRE_COMMIT_HOME=$T/pre-commit-home
    run_pc() {
        out=$T/stdout err=$T/stderr
        (cd "$W" && env -u ASLDOT_BIN PATH="$T/bin:$PATH" pre-commit "$@") >"$out" 2>"$err"
        rc=$?
    }
    (cd "$W" && git init -q && git add -A)
    run_pc validate-manifest "$S/.pre-commit-hooks.yaml"
    expect_rc 0 "pre-commit validate-manifest"
    run_pc try-repo "$S" asl-dot-lint --all-files
    expect_rc 0 "pre-commit try-repo asl-dot-lint"
    expect_match "$out" '^asl-dot lint\.+Passed' "pre-commit: asl-dot-lint passed"
    run_pc try-repo "$S" asl-dot-check --all-files
    expect_rc 1 "pre-commit try-repo asl-dot-check: a diagram out of date"
    expect_contains "$out" "docs/diagrams/hello.svg: out of date" "pre-commit: asl-dot-check's list"
else
    echo "note: pre-commit not installed (apt-get install pre-commit): the real pre-commit not run"
fi

# ---- docs/ci/gitlab-ci.yml: every job's script: lines, in order, as a runner's sh would
gitlab_job() {
    out=$T/stdout err=$T/stderr
    python3 - "$S/docs/ci/gitlab-ci.yml" "$1" >"$T/job.sh" <<'EOF'
import shlex, sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
job = d[sys.argv[2]]
assert "before_script" in d[job["extends"]] and job["stage"] == "test"
for name, value in d["variables"].items():
    print(f"export {name}=${{{name}:-{shlex.quote(str(value))}}}")
print("set -e")
print("\n".join(job["script"]))
EOF
    (cd "$W" && PATH="$T/bin:$PATH" ASLDOT_FILES='machines/*.asl.json machines/template.yaml' \
        ASLDOT_DIAGRAMS=docs/diagrams sh "$T/job.sh") >"$out" 2>"$err"
    rc=$?
}
gitlab_job asl-dot-lint
expect_rc 0 "gitlab asl-dot-lint"
gitlab_job asl-dot-check
expect_rc 1 "gitlab asl-dot-check: the diagram changed above"
expect_contains "$out" "docs/diagrams/hello.svg: out of date" "gitlab asl-dot-check's list"
gitlab_job asl-dot-diagrams
expect_rc 0 "gitlab asl-dot-diagrams"
checks=$((checks + 1))
is_svg "$W/diagrams/hello.svg" && grep -q '<html' "$W/diagrams/template.html" ||
    fail "gitlab asl-dot-diagrams: SVG and HTML in the artifact folder"
checks=$((checks + 1))
python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); assert d["asl-dot-diagrams"]["artifacts"]["paths"] == ["diagrams/"]' \
    "$S/docs/ci/gitlab-ci.yml" || fail "gitlab: the artifact is the folder the job renders to"

finish
