#!/usr/bin/env bash
# Golden tests: tests/golden/<case>/ holds `args` (one argument per line; the input path is relative
# to the repository), and the expected `stdout`, `stderr` and `rc` of `asl-dot <args>`. The IR
# dump (-T ir) is the primary contract: it does not depend on Graphviz or fonts.
# ASLDOT_UPDATE_GOLDEN=1 rewrites the expectations (review the diff before committing).
source "$(dirname "$0")/helpers.bash"
cd "$ASLDOT_SOURCE_DIR" || exit 1
for dir in tests/golden/*/; do
    name=$(basename "$dir")
    mapfile -t args <"$dir/args"
    "$ASLDOT_BIN" "${args[@]}" >"$T/stdout" 2>"$T/stderr"
    echo $? >"$T/rc"
    for f in stdout stderr rc; do
        checks=$((checks + 1))
        if [ "${ASLDOT_UPDATE_GOLDEN:-0}" = 1 ]; then
            cp "$T/$f" "$dir/$f"
        elif ! cmp -s "$T/$f" "$dir/$f"; then
            fail "golden $name: $f differs"
            diff -u "$dir/$f" "$T/$f" | head -20
        fi
    done
done
finish
