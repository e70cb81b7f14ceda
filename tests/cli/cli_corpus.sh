#!/bin/bash
# Every definition of the real corpus renders through batch mode (-j 2) to a non-empty SVG.
. "$(dirname "$0")/helpers.bash"
valid=$ASLDOT_CORPUS_DIR/definitions/valid
if [ ! -d "$valid" ]; then
    echo "skipped: corpus not found ($valid)"
    exit 77 # ctest reports it as skipped (SKIP_RETURN_CODE)
fi
shopt -s nullglob
files=("$valid"/*.json "$valid"/*.yaml "$valid"/*.yml)
checks=$((checks + 1))
[ "${#files[@]}" -gt 0 ] || fail "no definitions in $valid"

run -j 2 -o "$T/svg/" "${files[@]}"
expect_rc 0 "corpus batch render"
for f in "${files[@]}"; do
    base=$(basename "$f")
    stem=${base%.*}
    stem=${stem%.asl}
    checks=$((checks + 1))
    is_svg "$T/svg/$stem.svg" || fail "$base: $stem.svg missing, empty or not SVG"
done
checks=$((checks + 1))
grep -l 'graphviz' "$err" >/dev/null && fail "Graphviz warnings: $(grep graphviz "$err" | head -5)"
echo "${#files[@]} definitions rendered"

finish
