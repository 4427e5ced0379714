#!/bin/bash
# Starts a one-node Slurm cluster on this machine from Debian's packages (slurm-wlm, munge), for the
# cluster test. Usage: oneNodeSlurm.sh start STATE_DIR | stop STATE_DIR.
# Everything (config, spool, logs, pid files) lives under STATE_DIR; it needs root (munge and slurmd do).
# Prints "ready" when sinfo shows the node idle; exits 3 with one line saying why when Slurm cannot start.
set -euo pipefail
action=${1:?start or stop}
state=${2:?state folder}
mkdir -p "$state"
state=$(cd "$state" && pwd)
conf="$state/slurm.conf"

stop() {
  for pidfile in "$state"/slurmd.pid "$state"/slurmctld.pid "$state"/munged.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 1
}

if [ "$action" = stop ]; then stop; exit 0; fi

for program in munged slurmctld slurmd sbatch sinfo; do
  command -v "$program" >/dev/null || { echo "no $program here (apt-get install slurm-wlm munge)"; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "needs root (munged and slurmd run as root here)"; exit 3; }

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
mkdir -p "$state/spool/ctld" "$state/spool/d" "$state/munge" /run/munge
# munge: a key of its own for this test cluster, in its own folders.
[ -f "$state/munge/munge.key" ] || dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$state/munge"; chmod 400 "$state/munge/munge.key"
munged --force --key-file="$state/munge/munge.key" --socket=/run/munge/munge.socket.2 \
  --pid-file="$state/munged.pid" --log-file="$state/munged.log" --seed-file="$state/munge/seed" 2>>"$state/munged.log" \
  || { echo "munged did not start (see $state/munged.log)"; exit 3; }

cat >"$conf" <<CONF
ClusterName=chorus-test
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$state/spool/ctld
SlurmdSpoolDir=$state/spool/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SlurmctldPort=16817
SlurmdPort=16818
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
rm -f "$state/cgroup.conf"
export SLURM_CONF="$conf"
slurmctld -f "$conf" 2>>"$state/slurmctld.log" || { echo "slurmctld did not start (see $state/slurmctld.log)"; exit 3; }
slurmd -f "$conf" 2>>"$state/slurmd.log" || { echo "slurmd did not start (see $state/slurmd.log)"; exit 3; }
for _ in $(seq 1 60); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then echo ready; exit 0; fi
  scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
  sleep 1
done
echo "the Slurm node did not come up within 60 s: $(sinfo -h -o '%t %E' 2>&1 | head -1) (see $state/slurmd.log)"
exit 3
