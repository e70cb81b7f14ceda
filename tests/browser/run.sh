#!/bin/sh
# run.sh BUILD_DIR: the browser checks. Installs the npm packages of package.json into
# BUILD_DIR/node (the real Mermaid and playwright-core; no browser is downloaded: Debian's
# /usr/bin/chromium is used), then renders every sample, a hostile-name machine and, when
# ../shared/corpus is present, every corpus definition with -T mermaid in one batch, and has
# the real Mermaid parse and draw each in headless Chromium (mermaid-check.mjs). Then writes the
# -T html page of every sample, the hostile machine and (with ASLDOT_BROWSER_CORPUS_HTML=1) every
# corpus definition, and uses each from file:// as a person would (html-check.mjs): zoom, pan,
# click, search, keyboard, with no error, no request and no script from the input; and steps
# a run's page through a Map's iterations, each compared with --iteration's SVG
# (iteration-check.mjs).
# With SCREENSHOT_DIR set, both checks save pictures there to be looked at.
# Exits 77 (skipped) when node, npm or Chromium is missing or cannot start.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)
bin=$build/asl-dot
corpus=${ASLDOT_CORPUS_DIR:-$src/../shared/corpus}
for tool in node npm /usr/bin/chromium; do
    command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool not found"; exit 77; }
done
node_dir=$build/node
if [ ! -d "$node_dir/node_modules/mermaid" ] || [ ! -d "$node_dir/node_modules/playwright-core" ]; then
    mkdir -p "$node_dir"
    cp "$here/package.json" "$node_dir/package.json"
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp "$here/launch.mjs" "$here/mermaid-check.mjs" "$here/html-check.mjs" "$here/iteration-check.mjs" \
    "$node_dir/"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/in" "$T/out"
cp "$src"/samples/*.asl.json "$T/in/"
# hostile names: each tries to break out of the label, run script or inject a directive
cat >"$T/in/hostile.asl.json" <<'JSON'
{"Comment": "%%{init: {\"securityLevel\": \"loose\"}}%% <script>window.__pwned=true</script>",
 "StartAt": "a\"]; click n1 call alert(1); x[\"",
 "States": {
  "a\"]; click n1 call alert(1); x[\"": {"Type": "Pass", "Next": "<img src=x onerror=\"window.__pwned=true\">"},
  "<img src=x onerror=\"window.__pwned=true\">": {"Type": "Choice",
    "Choices": [{"Variable": "$.x", "StringEquals": "|\"end\"|<b onmouseover=window.__pwned=true>", "Next": "end"}],
    "Default": "`**md**` %% comment"},
  "end": {"Type": "Succeed"},
  "`**md**` %% comment": {"Type": "Fail", "Error": "<svg onload=window.__pwned=true>"}}}
JSON
# more for the HTML page: closing the data block or the title, entities, U+2028, javascript: URLs
cat >"$T/in/hostile-html.asl.json" <<'JSON'
{"Comment": "</title><script>window.__pwned=true</script><!--",
 "StartAt": "</script><script>window.__pwned=true</script>",
 "States": {
  "</script><script>window.__pwned=true</script>": {"Type": "Parallel", "Next": "<a href=\"javascript:window.__pwned=true\">x</a>",
    "Branches": [{"StartAt": "]]><svg onload=window.__pwned=true>", "States": {
      "]]><svg onload=window.__pwned=true>": {"Type": "Pass", "Comment": "\u2028\u2029 &amp; &lt;b&gt;", "End": true}}}]},
  "<a href=\"javascript:window.__pwned=true\">x</a>": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "\"><img src=x onerror=window.__pwned=true>"}, "Next": "'); window.__pwned=true; ('"},
  "'); window.__pwned=true; ('": {"Type": "Succeed"}}}
JSON
"$bin" -q -T mermaid -o "$T/out/" "$T/in"/*
set -- "$T/out"/*.mmd
if [ -d "$corpus/definitions/valid" ]; then
    mkdir -p "$T/corpus"
    "$bin" -q -k -T mermaid -j 2 -o "$T/corpus/" "$corpus"/definitions/valid/* || true
    set -- "$@" "$T/corpus"/*.mmd
else
    echo "corpus not found ($corpus): only the samples and the hostile machine are checked"
fi
# diff -T md's inline charts: each corpus pair's comment, its mermaid block cut out as GitHub does
if [ -d "$corpus/diffs" ]; then
    mkdir -p "$T/md"
    for before in "$corpus"/diffs/*.before.*; do
        pair=${before%.before.*}; b=$(basename "$pair")
        after=$(ls "$pair".after.* 2>/dev/null | head -n 1)
        [ -n "$after" ] || continue
        "$bin" diff -q -k -T md "$before" "$after" >"$T/md/$b.md" 2>/dev/null || continue
        awk -v out="$T/md/$b" '/^```+mermaid$/ {n++; f = out "." n ".mmd"; on = 1; next}
            on && /^```+$/ {on = 0; next} on {print > f}' "$T/md/$b.md"
    done
    for f in "$T/md"/*.mmd; do [ -f "$f" ] && set -- "$@" "$f"; done
fi
echo "mermaid: $# charts"
cd "$node_dir"
timeout 600 node mermaid-check.mjs "$@" >"$T/result.txt" && rc=0 || rc=$?
grep -v '^ok ' "$T/result.txt" || true
[ "$rc" = 77 ] && exit 77
ok=$(grep -c '^ok ' "$T/result.txt" || true)
echo "mermaid: $ok of $# charts rendered by Mermaid in Chromium with no error"
mermaid_ok=0
[ "$rc" = 0 ] && [ "$ok" = "$#" ] && mermaid_ok=1

# -T html: every sample and the hostile machines, each page with its definition (JSON ones: the
# check reads the state names from it)
# and a large machine (400 states, a Catch on each: reference nodes stand for the far target)
python3 -c '
import json
st = {"S%d" % i: {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "S%d" % (i + 1),
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fail"}]} for i in range(399)}
st["S399"] = {"Type": "Pass", "End": True}
st["Fail"] = {"Type": "Fail"}
print(json.dumps({"StartAt": "S0", "States": st}))' >"$T/in/large.asl.json"
mkdir -p "$T/html"
"$bin" -q -T html -o "$T/html/" "$T/in"/*.json
set --
for f in "$T/in"/*.json; do
    b=$(basename "$f"); b=${b%.json}; b=${b%.asl}
    set -- "$@" "$T/html/$b.html=$f"
done
# a pull request's page: asl-dot diff -T html (the panel of a changed state says what changed)
"$bin" diff -q -T html -o "$T/html/approval.diff.html" "$src/samples/diff/approval.before.asl.json" \
    "$src/samples/approval.asl.json"
set -- "$@" "$T/html/approval.diff.html=$src/samples/approval.asl.json"
# a run's page (-T html --history): its panel lists runs and attempts, and steps through a Map's
# iterations, which iteration-check.mjs compares with --iteration's SVG of each
hist=$src/tests/data/histories
"$bin" -q -T html --history "$hist/map.json" -o "$T/html/map-run.html" "$hist/map.asl.json"
set -- "$@" "$T/html/map-run.html=$hist/map.asl.json"
# iteration cases: NAME DEFINITION MAP COUNT OPENED(- for none) HISTORY...; each page is stepped
# through MAP's iterations against --iteration's SVG of each (iteration-check.mjs)
iter_case() {
    name=$1 def=$2 map=$3 count=$4 opened=$5
    shift 5
    hs=
    for h in "$@"; do hs="$hs --history $hist/$h"; done
    mkdir -p "$T/iter/$name"
    k=0
    while [ "$k" -lt "$count" ]; do
        # shellcheck disable=SC2086
        "$bin" -q $hs --iteration "$map=$k" -o "$T/iter/$name/$k.svg" "$hist/$def"
        k=$((k + 1))
    done
    # shellcheck disable=SC2086
    "$bin" -q $hs -o "$T/iter/$name/all.svg" "$hist/$def"
    if [ "$opened" = - ]; then
        # shellcheck disable=SC2086
        "$bin" -q -T html $hs -o "$T/iter/$name.html" "$hist/$def"
    else
        # shellcheck disable=SC2086
        "$bin" -q -T html $hs --iteration "$map=$opened" -o "$T/iter/$name.html" "$hist/$def"
    fi
    echo "$T/iter/$name.html $map $count $T/iter/$name ${opened#-}" >>"$T/iter-cases.txt"
}
mkdir -p "$T/iter"
: >"$T/iter-cases.txt"
iter_case map map.asl.json ProcessAll 4 - map.json
iter_case nested-outer nested-map.asl.json Outer 3 - nested-map.json
iter_case nested-inner nested-map.asl.json Inner 3 - nested-map.json
iter_case nested-opened nested-map.asl.json Outer 3 1 nested-map.json
iter_case distributed distributed.asl.json Fan 2 - distributed.json distributed.child2.json \
    distributed.child1.json
iter_case distributed-opened distributed.asl.json Fan 2 0 distributed.json distributed.child2.json \
    distributed.child1.json
# the same run with hostile error, cause and output text, shown with --show-io
sed -e 's|"Work.Failed"|"</script><script>window.__pwned=true</script>"|' \
    -e 's|item 3 is broken|<img src=x onerror=window.__pwned=true>|' \
    -e 's|"output": "\\"two\\""|"output": "\\"<svg onload=window.__pwned=true>\\""|' \
    "$hist/map.json" >"$T/hostile-history.json"
"$bin" -q -T html --history "$T/hostile-history.json" --show-io -o "$T/html/hostile-run.html" \
    "$hist/map.asl.json"
set -- "$@" "$T/html/hostile-run.html=$hist/map.asl.json"
if [ "${ASLDOT_BROWSER_CORPUS_HTML:-0}" = 1 ] && [ -d "$corpus/definitions/valid" ]; then
    mkdir -p "$T/corpus-html"
    "$bin" -q -k -T html -j 2 -o "$T/corpus-html/" "$corpus"/definitions/valid/*.json || true
    for f in "$corpus"/definitions/valid/*.json; do
        b=$(basename "$f"); b=${b%.json}; b=${b%.asl}
        [ -f "$T/corpus-html/$b.html" ] && set -- "$@" "$T/corpus-html/$b.html=$f"
    done
fi
shots=
[ -n "${SCREENSHOT_DIR:-}" ] && shots="--screenshots $SCREENSHOT_DIR"
# shellcheck disable=SC2086
timeout 600 node html-check.mjs $shots "$@" >"$T/html-result.txt" && rc=0 || rc=$?
grep -v '^ok ' "$T/html-result.txt" || true
[ "$rc" = 77 ] && exit 77
ok=$(grep -c '^ok ' "$T/html-result.txt" || true)
echo "html: $ok of $# pages used in Chromium from file:// with no error, no request and no script from the input"
irc=0
while read -r page map count refs opened; do
    # shellcheck disable=SC2086
    timeout 300 node iteration-check.mjs "$page" "$map" "$count" "$refs" $opened || {
        r=$?
        [ "$r" = 77 ] && exit 77
        irc=1
    }
done <"$T/iter-cases.txt"
[ "$mermaid_ok" = 1 ] && [ "$rc" = 0 ] && [ "$ok" = "$#" ] && [ "$irc" = 0 ]
