#!/usr/bin/env bash
# Configures and builds synthgen (Release) in ./build. Usage: scripts/build.sh [cmake --build args],
# e.g. scripts/build.sh --target synthgen
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache, when the machine has it, makes rebuilds of an unchanged tree cheap (paths relative to the
# checkout, so another clone on the same machine shares the cache); without it the build is the same.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR=$PWD
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build build -j "$(nproc)" "$@"
