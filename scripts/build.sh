#!/usr/bin/env bash
# Configures and builds synthgen (Release) in ./build. Usage: scripts/build.sh [cmake --build args],
# e.g. scripts/build.sh --target synthgen
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" "$@"
