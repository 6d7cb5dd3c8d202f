#!/usr/bin/env bash
# README command (1): install what is missing, build, and run the main job on the built-in demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh --target synthgen
out=${1:-demo-output}
# The built-in demo scenario needs no external files. --overwrite replaces an earlier demo run.
./build/synthgen generate --out "$out" --frames 100 --seed 1 --formats coco,yolo,voc,bop --overwrite
echo "demo: 100 labeled frames (COCO, YOLO, VOC, BOP) are in $(cd "$out" && pwd); manifest.json says what is where"
