#!/usr/bin/env bash
# Usage: slurm_array_test.sh SYNTHGEN_BINARY SOURCE_DIR
# Starts a private Slurm cluster, submits examples/slurm/submit.sh for 4 shards + merge, waits for
# both jobs, and compares the merged dataset with `synthgen generate` run in one process.
set -euo pipefail
synthgen=$1
src=$2
tool=$src/../shared/tools/slurm-local.sh
[[ -x $tool ]] || { echo "FAIL: $tool not found (shared/ must sit beside the checkout)"; exit 1; }
[[ $(id -u) == 0 ]] || { echo "FAIL: the Slurm test starts slurmd and must run as root"; exit 1; }

# slurmd 22.05 initializes its cgroup plugin even with proctrack/linuxproc and needs a cgroup file
# system; a bare chroot or container may not have one mounted (a booted Debian 12 always has). Mount
# one matching the kernel's layout: cgroup v2 alone, or the v1 hierarchies this process is in.
mount_cgroups() {
  if grep -qv '^0::' /proc/self/cgroup; then
    mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup || return 1
    local ctrls name
    while IFS=: read -r _ ctrls _; do
      [[ -z $ctrls ]] && continue
      name=${ctrls#name=}
      mkdir -p "/sys/fs/cgroup/$name"
      if [[ $ctrls == name=* ]]; then mount -t cgroup -o "none,$ctrls" cgroup "/sys/fs/cgroup/$name" || return 1
      else mount -t cgroup -o "$ctrls" cgroup "/sys/fs/cgroup/$name" || return 1; fi
    done </proc/self/cgroup
  else
    mount -t cgroup2 cgroup2 /sys/fs/cgroup
  fi
}
if ! mountpoint -q /sys/fs/cgroup; then
  mount_cgroups || { echo "FAIL: /sys/fs/cgroup is not mounted and cannot be (slurmd needs it)"; exit 1; }
fi

# Two consecutive free ports (slurmctld, slurmd = +1): a fixed port can still be held by the daemons
# of a run that has just ended, or by someone else's test cluster.
free_port_pair() {
  python3 - <<'PY'
import random, socket
for _ in range(200):
    port = random.randrange(20000, 60000)
    socks = []
    try:
        for p in (port, port + 1):
            s = socket.socket()
            s.bind(("", p))
            socks.append(s)
        print(port)
        break
    except OSError:
        pass
    finally:
        for s in socks:
            s.close()
PY
}

work=$(mktemp -d /tmp/sg-slurm.XXXXXX)   # short: the munge socket path must stay < 100 bytes
export SLURM_LOCAL_DIR=$work/cluster SLURM_LOCAL_PORT=${SLURM_LOCAL_PORT:-$(free_port_pair)}
cleanup() { "$tool" stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
start_log=$("$tool" start 2>&1) || { echo "FAIL: the local Slurm cluster did not start (port $SLURM_LOCAL_PORT):"; echo "$start_log"; exit 1; }
eval "$("$tool" env)"

frames=24
common=(--frames $frames --seed 11 --formats coco,yolo,voc,bop --width 160 --height 120)
t0=$EPOCHREALTIME
"$synthgen" generate "${common[@]}" --out "$work/single" --threads 2 >/dev/null 2>&1 \
  || { echo "FAIL: single-process generate failed"; exit 1; }
t1=$EPOCHREALTIME

read -r array merge < <(OUT=$work/run FRAMES=$frames SEED=11 SHARDS=4 FORMATS=coco,yolo,voc,bop \
  SYNTHGEN=$synthgen EXTRA_ARGS="--width 160 --height 120" "$src/examples/slurm/submit.sh")
echo "submitted array job $array and merge job $merge"
"$tool" wait "$array" 300
"$tool" wait "$merge" 300
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
