#!/bin/sh
# format-check.sh: every C file of the repository is as clang-format (.clang-format, Debian 12's
# clang-format 14) writes it. Exit 0 when all are, 1 listing those that are not (reformat with
# `clang-format -i FILE`), 77 when clang-format is not installed (tests/setup-debian.sh installs it).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"
if ! command -v clang-format >/dev/null 2>&1; then
    echo "format-check: skipped: clang-format is not installed (tests/setup-debian.sh)"
    exit 77
fi
bad=0
n=0
for f in $(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests -name '*.[ch]'); do
    n=$((n + 1))
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "format-check: $f is not formatted (clang-format -i $f)"
        bad=$((bad + 1))
    fi
done
if [ "$bad" -gt 0 ]; then
    echo "format-check: $bad of $n files differ from clang-format $(clang-format --version | sed 's/.*version //')"
    exit 1
fi
echo "format-check: $n files formatted"
