#!/usr/bin/env bash
# Checks C++ files against .clang-format (clang-format 14, Debian 12). Prints the files that differ
# and exits 1 when any does. Usage:
#   scripts/check-format.sh              every tracked C++ file
#   scripts/check-format.sh FILE...      those files
# Fix: clang-format -i FILE...
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format not found. Fix: scripts/install-deps.sh"; exit 2; }
if (($# > 0)); then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.hpp')
fi
bad=()
for f in "${files[@]}"; do
  clang-format --style=file "$f" | cmp -s "$f" - || bad+=("$f")
done
if ((${#bad[@]})); then
  printf 'not formatted: %s\n' "${bad[@]}"
  echo "check-format: ${#bad[@]} of ${#files[@]} files differ. Fix: clang-format -i ${bad[*]}"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
