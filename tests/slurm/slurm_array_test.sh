#!/usr/bin/env bash
# Usage: slurm_array_test.sh SYNTHGEN_BINARY SOURCE_DIR
# Starts a private Slurm cluster, submits examples/slurm/submit.sh for 4 shards + merge, waits for
# both jobs, and compares the merged dataset with `synthgen generate` run in one process.
set -euo pipefail
synthgen=$1
src=$2
cluster=$src/tests/slurm/local-cluster.sh
[[ $(id -u) == 0 ]] || { echo "FAIL: the Slurm test starts slurmd and must run as root"; exit 1; }

work=$(mktemp -d /tmp/sg-slurm.XXXXXX)   # short: the munge socket path must stay < 100 bytes
export SLURM_LOCAL_DIR=$work/cluster
cleanup() { "$cluster" stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
start_log=$("$cluster" start 2>&1) || { echo "FAIL: the local Slurm cluster did not start:"; echo "$start_log"; exit 1; }
eval "$("$cluster" env)"

frames=24
common=(--frames $frames --seed 11 --formats coco,yolo,voc,bop --width 160 --height 120)
t0=$EPOCHREALTIME
"$synthgen" generate "${common[@]}" --out "$work/single" --threads 2 >"$work/single.log" 2>&1 \
  || { echo "FAIL: single-process generate failed:"; tail -n 20 "$work/single.log"; exit 1; }
t1=$EPOCHREALTIME

read -r array merge < <(OUT=$work/run FRAMES=$frames SEED=11 SHARDS=4 FORMATS=coco,yolo,voc,bop \
  SYNTHGEN=$synthgen EXTRA_ARGS="--width 160 --height 120" "$src/examples/slurm/submit.sh")
echo "submitted array job $array and merge job $merge"
# A failed task's own log says why (its exit code alone does not).
show_logs() { local f; for f in "$work"/run/*.log; do echo "--- $f"; tail -n 20 "$f"; done; }
"$cluster" wait "$array" 300 || { echo "FAIL: array job $array"; show_logs; exit 1; }
"$cluster" wait "$merge" 300 || { echo "FAIL: merge job $merge"; show_logs; exit 1; }
t2=$EPOCHREALTIME
# Reported, not asserted (speed is the benchmarks' business).
echo "wall time: single process $(awk "BEGIN{print $t1 - $t0}") s, 4-shard array + merge $(awk "BEGIN{print $t2 - $t1}") s"

ok=1
# Every file of the single-process dataset must exist in the merged one with identical bytes
# (labels byte for byte, images frame for frame), except the manifest's record of how it was run.
while IFS= read -r -d '' f; do
  rel=${f#"$work/single/"}
  case $rel in manifest.json|.synthgen/*) continue ;; esac
  if [[ ! -f $work/run/merged/$rel ]]; then echo "missing in merged: $rel"; ok=0
  elif ! cmp -s "$f" "$work/run/merged/$rel"; then echo "differs: $rel"; ok=0; fi
done < <(find "$work/single" -type f -print0)
n_single=$(find "$work/single" -type f -not -path '*/.synthgen/*' | wc -l)
n_merged=$(find "$work/run/merged" -type f -not -path '*/.synthgen/*' | wc -l)
[[ $n_single == "$n_merged" ]] || { echo "file count differs: single $n_single, merged $n_merged"; ok=0; }
(( n_single > frames )) || { echo "too few files in the single-process dataset: $n_single"; ok=0; }
if (( ok )); then echo "slurm test: merged dataset equals the single-process run"; else exit 1; fi
