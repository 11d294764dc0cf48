#!/usr/bin/env bash
# scripts/env-down.sh: stop what scripts/env-up.sh started (idempotent).
# Processes are stopped only through the pid files in $OPS_ENV_DIR (default
# /var/tmp/ops-actions-env), after checking the pid still belongs to the expected program;
# PostgreSQL through pg_ctlcluster. A dockerd that env-up did not start is left alone.
# State (keys, passwords, registry data, env.json) is kept for the next env-up.
set -Eeuo pipefail

if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "✗ $0: must run as root (sudo is not installed)" >&2; exit 1; }
  exec sudo --preserve-env=OPS_ENV_DIR bash "$0" "$@"
fi
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

STATE=${OPS_ENV_DIR:-/var/tmp/ops-actions-env}

# stop_by_pidfile LABEL PIDFILE COMM TIMEOUT_SECONDS
stop_by_pidfile() {
  local label=$1 pidfile=$2 comm=$3 timeout=$4 pid i
  if [[ ! -s $pidfile ]]; then
    echo "✓ $label not running (no pid file)"
    rm -f "$pidfile"
    return 0
  fi
  pid=$(tr -dc '0-9' <"$pidfile")
  if [[ -z $pid || ! -r /proc/$pid/comm || $(cat "/proc/$pid/comm" 2>/dev/null) != "$comm" ]]; then
    echo "✓ $label not running (stale pid file removed)"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  $label (pid $pid) did not exit after ${timeout}s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
  echo "✓ $label stopped (pid $pid)"
}

if [[ -d $STATE ]]; then
  # the opt-in two-node swarm (its engines pull through forwarders to the registry stopped below)
  if [[ -d $STATE/swarm-multinode ]]; then
    bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/swarm-multinode.sh" down
  fi
  stop_by_pidfile registry "$STATE/registry/registry.pid" docker-registry 10
  for f in "$STATE"/ssh/sshd-*.pid; do
    [[ -e $f ]] || continue
    port=${f##*/sshd-}
    port=${port%.pid}
    stop_by_pidfile "sshd 127.0.0.1:$port" "$f" sshd 5
    rm -f "$STATE/ssh/sshd-$port.name" "$STATE/ssh/.instance-$port.lock"
  done
  stop_by_pidfile "sshd 127.0.0.1:2222" "$STATE/ssh/sshd.pid" sshd 5
  # dockerd stops its containers (10s each by default) and its managed containerd itself
  stop_by_pidfile dockerd "$STATE/docker/dockerd.pid" dockerd 90
  rm -f "$STATE/docker/verified"
else
  echo "✓ nothing to stop ($STATE does not exist)"
fi

if command -v pg_lsclusters >/dev/null; then
  pg_ver=$(cat "$STATE/postgres/version" 2>/dev/null || true)
  if [[ -z $pg_ver ]]; then
    pg_ver=$(pg_lsclusters -h 2>/dev/null | awk '$2=="main"{print $1}' | sort -V | tail -n1)
  fi
  if [[ -n $pg_ver ]] && pg_lsclusters -h "$pg_ver" main 2>/dev/null | awk '{exit !($4=="online")}'; then
    pg_ctlcluster -m fast "$pg_ver" main stop
    echo "✓ postgres $pg_ver main stopped"
  else
    echo "✓ postgres ${pg_ver:-} not running"
  fi
fi
