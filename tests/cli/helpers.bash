# helpers.bash: sourced by the tests/cli/*.sh scripts (not a test itself: the glob takes *.sh).
# Each script runs the command in $ASLDOT_BIN inside a fresh temporary directory, counts failures
# and exits non-zero when any check failed, printing what failed.
set -u

: "${ASLDOT_BIN:?ASLDOT_BIN must name the asl-dot binary}"
: "${ASLDOT_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${ASLDOT_CORPUS_DIR:=$ASLDOT_SOURCE_DIR/../shared/corpus}"

T=$(mktemp -d "${TMPDIR:-/tmp}/asldot-cli.XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
failures=0
checks=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run ARGS...: runs the command; sets rc, and out/err to the files holding stdout/stderr.
run() {
    out=$T/stdout err=$T/stderr
    "$ASLDOT_BIN" "$@" >"$out" 2>"$err"
    rc=$?
}

# expect_rc N DESCRIPTION: checks the exit code of the last run.
expect_rc() {
    checks=$((checks + 1))
    if [ "$rc" != "$1" ]; then
        fail "$2: exit code $rc, expected $1"
        sed 's/^/    stderr: /' "$err" | head -20
    fi
}

# expect_contains FILE TEXT DESCRIPTION
expect_contains() {
    checks=$((checks + 1))
    if ! grep -qF -- "$2" "$1"; then
        fail "$3: '$2' not found in $(basename "$1")"
        head -c 2000 "$1" | sed 's/^/    | /'
    fi
}

# expect_match FILE ERE DESCRIPTION
expect_match() {
    checks=$((checks + 1))
    if ! grep -qE -- "$2" "$1"; then
        fail "$3: /$2/ not found in $(basename "$1")"
        head -c 2000 "$1" | sed 's/^/    | /'
    fi
}

# expect_not_contains FILE TEXT DESCRIPTION
expect_not_contains() {
    checks=$((checks + 1))
    if grep -qF -- "$2" "$1"; then
        fail "$3: '$2' unexpectedly found in $(basename "$1")"
    fi
}

expect_empty() {
    checks=$((checks + 1))
    if [ -s "$1" ]; then
        fail "$2: $(basename "$1") is not empty"
        head -c 1000 "$1" | sed 's/^/    | /'
    fi
}

# is_svg FILE: the file is a complete SVG document.
is_svg() {
    [ -s "$1" ] && grep -q '<svg' "$1" && grep -q '</svg>' "$1"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures of $checks checks failed"
        exit 1
    fi
    echo "all $checks checks passed"
    exit 0
}

# Small definitions shared by the scripts.
write_defs() {
    cat >"$T/hello.asl.json" <<'JSON'
{
  "Comment": "hello world",
  "StartAt": "Hello",
  "States": {
    "Hello": {"Type": "Pass", "Next": "World"},
    "World": {"Type": "Succeed"}
  }
}
JSON
    cat >"$T/hello.yaml" <<'YAML'
Comment: hello in yaml
StartAt: Hello
States:
  Hello:
    Type: Pass
    Next: Done
  Done:
    Type: Succeed
YAML
    # a Next that names no state: an error
    cat >"$T/dangling.asl.json" <<'JSON'
{
  "StartAt": "First",
  "States": {
    "First": {"Type": "Pass", "Next": "Nowhere"},
    "Last": {"Type": "Succeed"}
  }
}
JSON
    # a duplicate key: an error, and with --lenient a warning only (the public header's contract)
    cat >"$T/warn.asl.json" <<'JSON'
{
  "StartAt": "Only",
  "StartAt": "Only",
  "States": {
    "Only": {"Type": "Succeed"}
  }
}
JSON
    # not JSON at all
    printf '{"StartAt": "A", "States": {\n  "A": {"Type": "Succeed",}\n' >"$T/syntax.json"
}
