#!/usr/bin/env bash
# README command (1): install what is missing, build, and run the main job on the built-in demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
out=${1:-demo-output}
./build/synthgen render --demo --out "$out"
echo "demo: the rendered, labeled demo is in $(cd "$out" && pwd)"
