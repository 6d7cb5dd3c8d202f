#!/usr/bin/env bash
# local-cluster.sh - a real one-node Slurm cluster on 127.0.0.1 for the Slurm test.
#
#   local-cluster.sh start          fresh config; start munged, slurmctld, slurmd; wait until the
#                                   node is idle. Prints the port it chose.
#   local-cluster.sh stop           cancel leftover jobs, stop the three daemons by recorded PID
#   local-cluster.sh env            the export line Slurm's client commands need
#   local-cluster.sh wait JOB [S]   wait until JOB (every array task) has left the queue; fail
#                                   unless every task COMPLETED
#
# Settings (environment): SLURM_LOCAL_DIR (required: an empty or earlier cluster directory, an
# absolute path short enough for a Unix socket), SLURM_LOCAL_PORT (slurmctld; slurmd uses +1;
# default: a free pair), SLURM_LOCAL_TIMEOUT (start-up seconds, default 60).
#
# Needs root and Debian's slurmctld slurmd slurm-client munge (scripts/packages.txt); needs no
# systemd and no DNS. Every file (munge key and socket, state, spool, logs, PIDs) lives under
# $SLURM_LOCAL_DIR; the daemons run in the foreground as background children of this script.
set -euo pipefail

DIR=${SLURM_LOCAL_DIR:?set SLURM_LOCAL_DIR to the cluster directory}
TIMEOUT=${SLURM_LOCAL_TIMEOUT:-60}
NODE=localhost
CONF=$DIR/slurm.conf
MUNGE_SOCKET=$DIR/munge/munge.socket
DAEMONS=(slurmd slurmctld munged)   # stop order: MUNGE last, the others authenticate through it
export SLURM_CONF=$CONF

die() { echo "local-cluster: $*" >&2; exit 1; }

# An exited daemon stays a zombie until reaped, and kill -0 succeeds on a zombie: read the state.
running() { [[ -r /proc/$1/stat && $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

# The recorded PID of daemon $1, if that process still runs and is that daemon (PIDs get reused).
live_pid() {
  local f=$DIR/pids/$1.pid pid
  [[ -r $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] && running "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]] || return 1
  echo "$pid"
}

# Daemon $1 in the foreground, no stdio shared with the caller (so `out=$(... start)` returns).
spawn() {
  local name=$1; shift
  "$@" </dev/null >"$DIR/log/$name.out" 2>&1 &
  echo $! >"$DIR/pids/$name.pid"
}

fail_start() {
  local d
  for d in "${DAEMONS[@]}"; do
    [[ -s $DIR/log/$d.out ]] && { echo "--- $DIR/log/$d.out" >&2; tail -n 15 "$DIR/log/$d.out" >&2; }
  done
  cmd_stop
  die "$*"
}

# Two consecutive free ports: a fixed port can still be held by the daemons of a run that has just
# ended, or by another test cluster on the machine.
free_port_pair() {
  python3 - <<'PY2'
import random, socket
for _ in range(200):
    port, socks = random.randrange(20000, 60000), []
    try:
        for p in (port, port + 1):
            socks.append(socket.socket())
            socks[-1].bind(("", p))
        print(port)
        break
    except OSError:
        pass
    finally:
        for s in socks:
            s.close()
PY2
}

# slurmd 22.05 initializes its cgroup plugin even with proctrack/linuxproc and needs a cgroup file
# system. A booted Debian 12 has one; a bare chroot or container may not. Mount one matching the
# kernel's layout: cgroup v2 alone, or the v1 hierarchies this process is in.
ensure_cgroups() {
  mountpoint -q /sys/fs/cgroup && return 0
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

write_slurm_conf() {
  local port=$1 cpus mem
  cpus=$(nproc)
  mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  cat >"$CONF" <<CONF
# Written by tests/slurm/local-cluster.sh start; rewritten on each start.
ClusterName=local
SlurmctldHost=$NODE
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
# No cgroup process tracking (containers): track processes through /proc, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
SwitchType=switch/none
# No slurmdbd: one text line per finished job and array task, which "wait" reads.
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
# Start batch jobs at once instead of batching submissions for up to 3 s.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
ReturnToService=2
MailProg=/bin/true
SlurmdParameters=config_overrides
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

cmd_start() {
  local d port state="" deadline
  [[ $(id -u) == 0 ]] || die "run as root (slurmd starts jobs as any user)"
  for d in munged mungekey munge unmunge slurmctld slurmd sinfo squeue; do
    command -v "$d" >/dev/null || die "'$d' not found. Fix: apt-get install -y slurmctld slurmd slurm-client munge"
  done
  [[ $DIR == /* && $DIR != *[[:space:]]* ]] || die "SLURM_LOCAL_DIR must be an absolute path without spaces"
  (( ${#MUNGE_SOCKET} < 100 )) || die "SLURM_LOCAL_DIR is too long for a Unix socket path"
  ensure_cgroups || die "/sys/fs/cgroup is not mounted and cannot be (slurmd needs it)"
  if [[ -d $DIR && ! -e $DIR/.local-cluster && -n $(ls -A "$DIR") ]]; then
    die "$DIR holds other files; choose an empty SLURM_LOCAL_DIR"
  fi
  mkdir -p "$DIR" && touch "$DIR/.local-cluster"
  [[ -d $DIR/pids ]] && cmd_stop
  rm -rf "$DIR"/{munge,state,spool,run,log,pids}
  mkdir -p "$DIR"/{munge,state,spool,run,log,pids}
  chmod 755 "$DIR/munge"   # munged wants a socket directory others can traverse, a key only root reads
  mungekey --create --bits=1024 --keyfile="$DIR/munge/munge.key"
  chmod 400 "$DIR/munge/munge.key"
  port=${SLURM_LOCAL_PORT:-$(free_port_pair)}
  write_slurm_conf "$port"

  # --force: ignore the permissions of the directories above $DIR; --origin: no hostname lookup.
  spawn munged munged --foreground --force --origin=127.0.0.1 --socket="$MUNGE_SOCKET" \
    --key-file="$DIR/munge/munge.key" --pid-file="$DIR/run/munged.pid" --seed-file="$DIR/munge/munged.seed"
  deadline=$((SECONDS + TIMEOUT))
  until munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; do
    live_pid munged >/dev/null || fail_start "munged exited during start-up"
    (( SECONDS < deadline )) || fail_start "munged did not answer within ${TIMEOUT}s"
    sleep 0.2
  done
  spawn slurmctld slurmctld -D -f "$CONF"
  spawn slurmd slurmd -D -f "$CONF" -N "$NODE"
  until [[ $state == idle ]]; do   # slurmd registers with slurmctld on its own
    for d in slurmctld slurmd; do live_pid "$d" >/dev/null || fail_start "$d exited during start-up"; done
    (( SECONDS < deadline )) || fail_start "node not idle after ${TIMEOUT}s (state: '${state:-no answer}')"
    sleep 0.2
    state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
  done
  echo "Slurm is up on port $port; export SLURM_CONF=$CONF"
}

cmd_stop() {
  local d pid jobs i
  if live_pid slurmctld >/dev/null; then   # cancel jobs first so no slurmstepd outlives the cluster
    jobs=$(squeue -h -o %A 2>/dev/null || true)
    if [[ -n $jobs ]]; then
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do [[ -z $(squeue -h -o %A 2>/dev/null) ]] && break; sleep 0.2; done
    fi
  fi
  for d in "${DAEMONS[@]}"; do
    if pid=$(live_pid "$d"); then
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do running "$pid" || break; sleep 0.1; done
      running "$pid" && kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$DIR/pids/$d.pid"
  done
  return 0
}

cmd_wait() {
  local job=${1:-} limit=${2:-600} deadline queue lines
  [[ $job =~ ^[0-9]+$ ]] || die "usage: local-cluster.sh wait JOBID [SECONDS]"
  deadline=$((SECONDS + limit))
  # squeue lists pending, running and completing jobs (array tasks as <job>_<index>); a failed
  # squeue (controller busy) is retried, never taken for "done".
  while :; do
    if queue=$(squeue -h -o %i 2>/dev/null); then grep -qE "^$job(_|\$)" <<<"$queue" || break; fi
    (( SECONDS < deadline )) || die "job $job not finished after ${limit}s"
    sleep 0.5
  done
  lines=$(grep -E "^JobId=$job | ArrayJobId=$job " "$DIR/log/jobcomp.log" 2>/dev/null || true)
  [[ -n $lines ]] || die "no completion record for job $job in $DIR/log/jobcomp.log"
  awk '{ o = ""; for (i = 1; i <= NF; i++) if ($i ~ /^(JobId|ArrayTaskId|JobState|ExitCode)=/) o = o " " $i
         print substr(o, 2) }' <<<"$lines"
  ! grep -vq ' JobState=COMPLETED ' <<<"$lines"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  wait) shift; cmd_wait "$@" ;;
  *) echo "usage: local-cluster.sh start|stop|env|wait JOBID [SECONDS]" >&2; exit 2 ;;
esac
