#!/usr/bin/env bash
# Times `synthgen report` on a dataset: RUNS runs, prints each wall time and the median.
# Usage: bench/report/report_bench.sh DATASET [RUNS] [extra report options...]
# Make the 10,000-frame 640x480 dataset of bench/report/README.md first (it takes a while).
set -euo pipefail
dataset=${1:?usage: report_bench.sh DATASET [RUNS] [options]}
runs=${2:-3}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "$0")/../.." && pwd)
synthgen=${SYNTHGEN:-$here/build/synthgen}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Wall time, and CPU time (user + system) because a loaded machine stretches the wall time.
TIMEFORMAT='%R %U %S'
walls=(); cpus=()
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for i in $(seq 1 "$runs"); do
  read -r wall user sys < <({ time "$synthgen" report "$dataset" --out "$out/r$i" --quiet "$@" 2>/dev/null; } 2>&1)
  cpu=$(awk "BEGIN {printf \"%.1f\", $user + $sys}")
  walls+=("$wall"); cpus+=("$cpu")
  echo "run $i: wall $wall s, CPU $cpu s"
done
echo "median of $runs runs: wall $(median "${walls[@]}") s, CPU $(median "${cpus[@]}") s"
