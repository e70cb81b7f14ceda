#!/bin/bash
# -T html and the .html extension: one self-contained page whose CSP hashes are the SHA-256 of
# its own inline script and stylesheet, nothing fetched, hostile names kept as text, the same
# bytes every run, batch mode writing NAME.html, and --history carried into the page.
. "$(dirname "$0")/helpers.bash"
write_defs

# the base64 SHA-256 of stdin
sha256_b64() {
    python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())'
}

# inline FILE TAG: the content of the first <TAG>...</TAG> (TAG without attributes)
inline() {
    python3 - "$1" "$2" <<'PY'
import sys
page = open(sys.argv[1], 'rb').read()
tag = sys.argv[2].encode()
start = page.index(b'<' + tag + b'>') + len(tag) + 2
sys.stdout.buffer.write(page[start:page.index(b'</' + tag + b'>', start)])
PY
}

run -T html -o "$T/hello.html" "$T/hello.asl.json"
expect_rc 0 "-T html"
expect_empty "$err" "-T html: no message"
expect_contains "$T/hello.html" '<!DOCTYPE html>' "-T html: an HTML page"
expect_contains "$T/hello.html" "content=\"default-src 'none'; script-src 'sha256-" "-T html: a strict CSP"
expect_contains "$T/hello.html" '<title>Hello</title>' "-T html: a state's SVG title is its name"
expect_contains "$T/hello.html" '<title>Hello → World</title>' "-T html: an edge's title names both ends"
expect_not_contains "$T/hello.html" 'http://' "-T html: no http URL"
expect_not_contains "$T/hello.html" 'https://' "-T html: no https URL"

# the CSP's hashes are the hashes of the inline script and stylesheet
if command -v python3 >/dev/null 2>&1; then
    js=$(inline "$T/hello.html" script | sha256_b64)
    css=$(inline "$T/hello.html" style | sha256_b64)
    expect_contains "$T/hello.html" "script-src 'sha256-$js'" "-T html: the script's hash is in the CSP"
    expect_contains "$T/hello.html" "style-src 'sha256-$css'" "-T html: the stylesheet's hash is in the CSP"
    # and they are the repository's viewer files
    checks=$((checks + 1))
    inline "$T/hello.html" script | cmp -s - "$ASLDOT_SOURCE_DIR/src/viewer/viewer.js" ||
        fail "-T html: the inline script is not src/viewer/viewer.js"
    checks=$((checks + 1))
    inline "$T/hello.html" style | cmp -s - "$ASLDOT_SOURCE_DIR/src/viewer/viewer.css" ||
        fail "-T html: the inline stylesheet is not src/viewer/viewer.css"
fi

# the extension picks the format, and the same input gives the same bytes
run -o "$T/again.html" "$T/hello.asl.json"
expect_rc 0 "-o FILE.html"
checks=$((checks + 1))
cmp -s "$T/hello.html" "$T/again.html" || fail "-o FILE.html differs from -T html (or from run to run)"
run -o "$T/upper.HTM" "$T/hello.asl.json"
expect_rc 0 "-o FILE.HTM"
expect_contains "$T/upper.HTM" '<!DOCTYPE html>' "-o FILE.HTM writes HTML"

# the SVG itself carries the names too
run -T svg "$T/hello.asl.json"
expect_rc 0 "-T svg"
expect_contains "$out" '<title>World</title>' "-T svg: titles are state names"
expect_not_contains "$out" '<title>n1</title>' "-T svg: no synthetic ids in titles"

# hostile names stay text
cat >"$T/hostile.asl.json" <<'JSON'
{"Comment": "</title><script>document.title='pwned'</script>",
 "StartAt": "</script><script>window.__pwned=true</script>",
 "States": {
  "</script><script>window.__pwned=true</script>": {"Type": "Pass", "Next": "<img src=x onerror=\"window.__pwned=true\">"},
  "<img src=x onerror=\"window.__pwned=true\">": {"Type": "Fail", "Error": "<svg onload=window.__pwned=true>", "Cause": "\u2028 & ]]> <!--"}}}
JSON
run -T html -o "$T/hostile.html" "$T/hostile.asl.json"
expect_rc 0 "-T html with hostile names"
checks=$((checks + 1))
[ "$(grep -o '<script' "$T/hostile.html" | wc -l)" = 2 ] || fail "hostile: the page has other <script> elements than its two"
expect_not_contains "$T/hostile.html" '<img' "hostile: no <img> element"
expect_not_contains "$T/hostile.html" '<svg onload' "hostile: no onload handler"
expect_contains "$T/hostile.html" '\u003c/script\u003e' "hostile: the data block escapes </script>"

# batch mode: NAME.html per input
mkdir "$T/in"
cp "$T/hello.asl.json" "$T/hostile.asl.json" "$T/in/"
run -T html -o "$T/out/" "$T/in/hello.asl.json" "$T/in/hostile.asl.json"
expect_rc 0 "batch -T html"
checks=$((checks + 1))
[ -s "$T/out/hello.html" ] && [ -s "$T/out/hostile.html" ] || fail "batch -T html: NAME.html not written ($(ls "$T/out" 2>&1))"

# with --history: the run's status is in the page's data
src=$ASLDOT_SOURCE_DIR/samples
run -T html --history "$src/approval.history.json" "$src/approval.asl.json"
expect_rc 0 "-T html --history"
expect_match "$out" '"status":"(succeeded|failed|caught)"' "-T html --history: states carry their status"

# an unknown format names html among the known ones
run -T htm "$T/hello.asl.json"
expect_rc 2 "-T htm"
expect_contains "$err" "html" "-T htm: the message lists html"

finish
