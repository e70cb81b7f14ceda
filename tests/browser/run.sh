#!/bin/sh
# run.sh BUILD_DIR: the browser checks. Installs the npm packages of package.json into
# BUILD_DIR/node (the real Mermaid and playwright-core; no browser is downloaded: Debian's
# /usr/bin/chromium is used), then renders every sample, a hostile-name machine and, when
# ../shared/corpus is present, every corpus definition with -T mermaid in one batch, and has
# the real Mermaid parse and draw each in headless Chromium (mermaid-check.mjs).
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
cp "$here/mermaid-check.mjs" "$node_dir/mermaid-check.mjs"
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
"$bin" -q -T mermaid -o "$T/out/" "$T/in"/*
set -- "$T/out"/*.mmd
if [ -d "$corpus/definitions/valid" ]; then
    mkdir -p "$T/corpus"
    "$bin" -q -k -T mermaid -j 2 -o "$T/corpus/" "$corpus"/definitions/valid/* || true
    set -- "$@" "$T/corpus"/*.mmd
else
    echo "corpus not found ($corpus): only the samples and the hostile machine are checked"
fi
echo "mermaid: $# charts"
cd "$node_dir"
timeout 600 node mermaid-check.mjs "$@" >"$T/result.txt" && rc=0 || rc=$?
grep -v '^ok ' "$T/result.txt" || true
[ "$rc" = 77 ] && exit 77
ok=$(grep -c '^ok ' "$T/result.txt" || true)
echo "mermaid: $ok of $# charts rendered by Mermaid in Chromium with no error"
[ "$rc" = 0 ] && [ "$ok" = "$#" ]
