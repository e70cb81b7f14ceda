#!/bin/sh
# Regenerates the committed pictures of samples/ (run on purpose, then look at every PNG before
# committing). Usage: tests/render-samples.sh BUILD_DIR
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:?usage: tests/render-samples.sh BUILD_DIR}" && pwd)/asl-dot
cd "$src/samples"
for f in *.asl.json; do
    base=${f%.asl.json}
    "$bin" -o "$base.svg" "$f"
    "$bin" -o "$base.png" "$f"
done
"$bin" --history approval.history.json --legend -o approval.run.png approval.asl.json
"$bin" --history approval.history.json -o approval.run.svg approval.asl.json
"$bin" --style dark -o approval.dark.png approval.asl.json
"$bin" --style high-contrast --history approval.history.json -o approval.run.high-contrast.png approval.asl.json
# a pull request's picture: an older version against today's approval.asl.json
"$bin" diff --legend -o approval.diff.png diff/approval.before.asl.json approval.asl.json
# big machines: a container drawn as one box, and the neighbourhood of one state
"$bin" --collapse -o map-parallel.collapsed.png map-parallel.asl.json
"$bin" --focus "Ask manager" --depth 1 -o approval.focus.png approval.asl.json
"$bin" --split -T png -o split/ map-parallel.asl.json
# fan-in: Catch references (the default for 4+ catching states) against every edge drawn
"$bin" --catch edges -o order-pipeline.edges.png order-pipeline.asl.json
