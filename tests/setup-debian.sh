#!/bin/sh
# Installs what asl-dot needs to build, test and benchmark on Debian 12 (run as root or with sudo).
set -eu
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    build-essential cmake pkg-config clang clang-format clang-tidy valgrind python3 python3-yaml \
    libgraphviz-dev graphviz libcjson-dev libyaml-dev libcairo2-dev \
    fonts-dejavu-core libclang-rt-14-dev hyperfine time strace \
    groff-base binutils dpkg-dev file chromium git >/dev/null
# Node.js and npm come with the machine (tests/browser/run.sh installs its npm packages into the
# build folder and skips, saying so, when node is missing).
