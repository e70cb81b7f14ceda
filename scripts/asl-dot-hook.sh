#!/bin/bash
# asl-dot-hook.sh: runs asl-dot on the files that hold a state machine. The pre-commit hooks
# (.pre-commit-hooks.yaml) and the GitHub Action (action.yml) both go through it.
#
#   asl-dot-hook.sh lint   [LINT OPTION]... FILE...   runs asl-dot lint OPTIONS -- FILES
#   asl-dot-hook.sh check  [OPTION]... FILE...        runs asl-dot --check OPTIONS -- FILES
#   asl-dot-hook.sh render [OPTION]... FILE...        runs asl-dot OPTIONS -- FILES
#
# Contract:
# - Options come first, because pre-commit puts a hook's args before the file names. FILES begin
#   at the first argument that neither starts with '-' nor is the value of an asl-dot option that
#   takes one (-o DIR/, --format github, ...), or right after '--'.
# - A file that `asl-dot list` says holds no state machine (its [no-state-machine] error: a
#   template.yaml without AWS::StepFunctions::StateMachine, a .tf without aws_sfn_state_machine)
#   is skipped, so that file patterns can be broad. Every other file goes to asl-dot, whatever is
#   wrong with it.
# - No file left: nothing runs, exit 0. Otherwise the exit code is asl-dot's (0 fine; 1 errors,
#   or diagrams out of date under check; 2 usage; 3 input/output).
# - The command is $ASLDOT_BIN when set, else asl-dot on PATH; neither found: exit 127.
set -u

usage() {
    echo "usage: asl-dot-hook.sh lint|check|render [OPTION]... FILE..." >&2
    exit 2
}

[ $# -ge 1 ] || usage
mode=$1
shift
case $mode in
lint) cmd=(lint) ;;
check) cmd=(--check) ;;
render) cmd=() ;;
*) usage ;;
esac

bin=${ASLDOT_BIN:-asl-dot}
if ! command -v "$bin" >/dev/null 2>&1; then
    echo "asl-dot-hook.sh: '$bin' not found: install asl-dot (see its README) or set ASLDOT_BIN" >&2
    exit 127
fi

opts=()
kind=() # --input-kind goes to asl-dot list too, so that it reads the files the same way
while [ $# -gt 0 ]; do
    case $1 in
    --)
        shift
        break
        ;;
    -T | -o | --output | --style | --rankdir | --layout | --max-bytes | -H | --history | \
        --iteration | -j | --jobs | -m | --machine | --substitute | --substitutions | \
        --format | --image-dir | --input-kind)
        [ $# -ge 2 ] || usage
        [ "$1" != --input-kind ] || kind=("$1" "$2")
        opts+=("$1" "$2")
        shift 2
        ;;
    --input-kind=*)
        kind=("$1")
        opts+=("$1")
        shift
        ;;
    -*)
        opts+=("$1")
        shift
        ;;
    *) break ;;
    esac
done

files=()
err=$(mktemp "${TMPDIR:-/tmp}/asl-dot-hook.XXXXXX") || exit 3
trap 'rm -f "$err"' EXIT
for f in "$@"; do
    if ! "$bin" list "${kind[@]}" -- "$f" >/dev/null 2>"$err" &&
        grep -qF '[no-state-machine]' "$err"; then
        continue
    fi
    files+=("$f")
done
[ ${#files[@]} -gt 0 ] || exit 0
"$bin" "${cmd[@]}" "${opts[@]}" -- "${files[@]}"
