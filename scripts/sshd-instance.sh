#!/usr/bin/env bash
# scripts/sshd-instance.sh: extra sshd instances for multi-host / jump-host tests.
#
#   sshd-instance.sh start PORT [NAME]   start sshd on 127.0.0.1:PORT (idempotent)
#   sshd-instance.sh stop PORT           stop it (by its pid file; idempotent)
#   sshd-instance.sh status PORT         exit 0 if running
#
# Every instance uses the sshd_config, host key and authorized keys (user deploy) that
# scripts/env-up.sh set up in $OPS_ENV_DIR (default /var/tmp/ops-actions-env), so the
# known_hosts line is "[127.0.0.1]:PORT <same host key>" and the same client key logs in.
# Pid file: <stateDir>/ssh/sshd-PORT.pid, log: <stateDir>/ssh/sshd-PORT.log.
set -Eeuo pipefail

if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "✗ $0: must run as root (sudo is not installed)" >&2; exit 1; }
  exec sudo --preserve-env=OPS_ENV_DIR bash "$0" "$@"
fi
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

STATE=${OPS_ENV_DIR:-/var/tmp/ops-actions-env}
SSH_DIR=$STATE/ssh
SSHD_CONFIG=$SSH_DIR/sshd_config
MAIN_PORT=2222

usage() {
  echo "usage: $0 start PORT [NAME] | stop PORT | status PORT" >&2
  exit 2
}
die() {
  echo "✗ sshd-instance: $1" >&2
  if [[ -n ${2:-} && -f $2 ]]; then tail -n 20 "$2" >&2 || true; fi
  exit 1
}
pid_alive() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(tr -dc '0-9' <"$1")
  [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] || return 1
  echo "$pid"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd=${1:-}
port=${2:-}
[[ -n $cmd && $port =~ ^[0-9]+$ ]] || usage
((port >= 1 && port <= 65535)) || usage
[[ $port != "$MAIN_PORT" ]] || die "port $MAIN_PORT is the main sshd, managed by scripts/env-up.sh / env-down.sh"
name=${3:-sshd-$port}
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "invalid NAME '$name' (allowed: letters, digits, . _ -)"
PIDFILE=$SSH_DIR/sshd-$port.pid
LOG=$SSH_DIR/sshd-$port.log

case $cmd in
start)
  [[ -f $SSHD_CONFIG ]] || die "$SSHD_CONFIG not found: run scripts/env-up.sh first"
  exec 9>"$SSH_DIR/.instance-$port.lock"
  flock -w 30 9 || die "timed out waiting for the lock of port $port"
  if pid=$(pid_alive "$PIDFILE"); then
    echo "$name" >"$SSH_DIR/sshd-$port.name"
    echo "✓ sshd $name 127.0.0.1:$port already running (pid $pid)"
    exit 0
  fi
  rm -f "$PIDFILE"
  port_open "$port" && die "127.0.0.1:$port is already in use by another process"
  install -d -m 755 /run/sshd
  printf '\n==== %s sshd-instance start %s ====\n' "$(date -Is)" "$name" >>"$LOG"
  # -p overrides the config's Port (ListenAddress 127.0.0.1 has no port of its own)
  /usr/sbin/sshd -f "$SSHD_CONFIG" -p "$port" -o "PidFile=$PIDFILE" -E "$LOG" 9>&- ||
    die "sshd failed to start on 127.0.0.1:$port" "$LOG"
  for _ in $(seq 1 50); do
    pid_alive "$PIDFILE" >/dev/null && port_open "$port" && break
    sleep 0.1
  done
  pid=$(pid_alive "$PIDFILE") || die "sshd on 127.0.0.1:$port did not come up" "$LOG"
  port_open "$port" || die "sshd (pid $pid) is not listening on 127.0.0.1:$port" "$LOG"
  echo "$name" >"$SSH_DIR/sshd-$port.name"
  echo "✓ sshd $name 127.0.0.1:$port (pid $pid)"
  ;;
stop)
  if pid=$(pid_alive "$PIDFILE"); then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    echo "✓ sshd 127.0.0.1:$port stopped (pid $pid)"
  else
    echo "✓ sshd 127.0.0.1:$port not running"
  fi
  rm -f "$PIDFILE" "$SSH_DIR/sshd-$port.name" "$SSH_DIR/.instance-$port.lock"
  ;;
status)
  if pid=$(pid_alive "$PIDFILE"); then
    echo "sshd $(cat "$SSH_DIR/sshd-$port.name" 2>/dev/null || echo "$name") 127.0.0.1:$port running (pid $pid)"
  else
    echo "sshd 127.0.0.1:$port not running"
    exit 1
  fi
  ;;
*) usage ;;
esac
