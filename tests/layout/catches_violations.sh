#!/usr/bin/env bash
# Usage: catches_violations.sh SOURCE_ROOT
# The layer check must fail on a copy of the tree with one upward include and one upward link, and
# name both: a check that cannot fail proves nothing.
set -euo pipefail
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for d in core scenes renderer physics randomization sensor labels exporters datasets report app python; do cp -r "$src/$d" "$work/"; done
echo '#include "labels/Labels.h"' >>"$work/core/Image.h"
echo 'target_link_libraries(sg_scenes PUBLIC sg_renderer)' >>"$work/scenes/CMakeLists.txt"
if out=$(python3 "$src/tests/layout/check_layers.py" "$work"); then
  echo "FAIL: the check passed a tree where core/ includes labels/"; exit 1
fi
echo "$out"
grep -q '^core/Image.h:[0-9]*: core/ includes labels/' <<<"$out" || { echo "FAIL: the upward include was not named"; exit 1; }
grep -q '^scenes/CMakeLists.txt:[0-9]*: scenes/ links sg_renderer' <<<"$out" || { echo "FAIL: the upward link was not named"; exit 1; }
echo "the layer check names both violations"
