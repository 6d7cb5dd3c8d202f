#!/bin/bash
# Submits a sharded synthgen run to Slurm: an array of SHARDS generate tasks, then a merge job that
# waits for all of them (afterok). Prints "<array job id> <merge job id>".
#
#   OUT=/nfs/datasets/run1 FRAMES=10000 SEED=7 SHARDS=16 [SCENARIO=scenario.json]
#   [FORMATS=coco,yolo] [SYNTHGEN=/path/to/synthgen] examples/slurm/submit.sh [extra sbatch args]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${OUT:?set OUT}" "${FRAMES:?set FRAMES}"
SHARDS=${SHARDS:-4}
export OUT FRAMES SEED=${SEED:-0} FORMATS=${FORMATS:-coco,yolo} SYNTHGEN=${SYNTHGEN:-synthgen} SCENARIO=${SCENARIO:-} EXTRA_ARGS=${EXTRA_ARGS:-}
mkdir -p "$OUT/shards"
array=$(sbatch --parsable --chdir="$OUT" --array=0-$((SHARDS - 1)) --export=ALL "$@" "$here/generate-shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --chdir="$OUT" --dependency=afterok:"$array" --kill-on-invalid-dep=yes --export=ALL "$@" "$here/merge.sbatch")
echo "$array ${merge%%;*}"
