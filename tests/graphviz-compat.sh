#!/bin/sh
# graphviz-compat.sh GRAPHVIZ_SOURCE_DIR [SCRATCH_DIR]: builds Graphviz from a source checkout into
# a scratch prefix (nothing of it is committed or installed system-wide), builds asl-dot against it
# with warnings as errors, and runs the whole ctest suite with that Graphviz loaded. This is how
# the README's "tested with Graphviz 14" is checked; it needs bison, flex, libltdl-dev and
# libpango1.0-dev besides tests/setup-debian.sh. Not part of run-all.sh: it takes ~15 minutes.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
gv=$(cd "$1" && pwd)
scratch=${2:-/tmp/asldot-graphviz-compat}
mkdir -p "$scratch"
cmake -S "$gv" -B "$scratch/gv-build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$scratch/gv" \
    -DENABLE_TCL=OFF -DENABLE_SWIG=OFF -Dwith_gvedit=OFF >/dev/null
cmake --build "$scratch/gv-build" -j"$(nproc)" >/dev/null
cmake --install "$scratch/gv-build" >/dev/null
LD_LIBRARY_PATH="$scratch/gv/lib" "$scratch/gv/bin/dot" -c # register the plugins
PKG_CONFIG_PATH="$scratch/gv/lib/pkgconfig" cmake -S "$src" -B "$scratch/asldot" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASLDOT_WERROR=ON -DCMAKE_BUILD_RPATH="$scratch/gv/lib"
cmake --build "$scratch/asldot" -j"$(nproc)" >/dev/null
ldd "$scratch/asldot/asl-dot" | grep -q "$scratch/gv/lib/libgvc" || { echo "not linked to $scratch/gv"; exit 1; }
LD_LIBRARY_PATH="$scratch/gv/lib" ctest --test-dir "$scratch/asldot" -j"$(nproc)" --output-on-failure
echo "graphviz-compat: the suite passed against $("$scratch/gv/bin/dot" -V 2>&1)"
