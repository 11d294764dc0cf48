#!/usr/bin/env bash
# scripts/swarm-multinode.sh: an opt-in two-node Docker Swarm on this machine, for the multi-node
# test of deploy-ssh strategy stack (test/integration/deploy-ssh-stack-multinode.test.ts).
#
#   swarm-multinode.sh up       start it (idempotent: a healthy one is left as it is)
#   swarm-multinode.sh down     stop it and remove everything it created (idempotent)
#   swarm-multinode.sh status   exit 0 if both nodes are up and the worker is Ready
#
# It never touches the shared engine or its single-node swarm (scripts/env-up.sh): a second swarm
# is made of two more engines, each in its own network namespace, because the shared engine
# already holds the swarm ports 2377 and 7946 on every address of this one:
#
#   bridge opsw-br 169.254.78.1/24 (link-local, this machine only; nothing is routed or forwarded)
#     netns ops-swarm-m  eth0 169.254.78.2  dockerd "ops-swarm-manager"  swarm init (manager)
#     netns ops-swarm-w  eth0 169.254.78.3  dockerd "ops-swarm-worker"   swarm join (worker)
#   sshd 127.0.0.1:$OPS_SWARM_SSH_PORT (default 2240): the env's sshd_config, host key and user
#     deploy, with SetEnv DOCKER_HOST=<the manager's socket>: the "server" deploy-ssh connects to
#     is the swarm manager, as on a real cluster where hosts names a manager.
#   registry: the image names say 127.0.0.1:5000 on every node, so in each namespace a small TCP
#     forwarder listens on 127.0.0.1:5000 and connects to 169.254.78.1:5000, where a forwarder in
#     the main namespace connects to the registry on 127.0.0.1:5000.
#
# Engines: dockerd --bridge=none --iptables=false (as the shared one), own --data-root/--exec-root/
# --pidfile/socket, own containerd (started by dockerd under its exec-root), own --cgroup-parent,
# started with nsenter --net (not "ip netns exec": that remounts /sys and dockerd then fails with
# "Devices cgroup isn't mounted"). Services use the host network of their node (no overlay/ingress).
# State: $OPS_ENV_DIR/swarm-multinode (default /var/tmp/ops-actions-env/swarm-multinode), with
# env.json for the test, or unavailable.txt saying why it could not start. Processes are stopped by
# their pid files only.
set -Eeuo pipefail

if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "✗ $0: must run as root (sudo is not installed)" >&2; exit 1; }
  exec sudo --preserve-env=OPS_ENV_DIR,OPS_SWARM_SSH_PORT bash "$0" "$@"
fi
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/$(basename "${BASH_SOURCE[0]}")
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8
umask 022
cd /

ENV_DIR=${OPS_ENV_DIR:-/var/tmp/ops-actions-env}
S=$ENV_DIR/swarm-multinode
SSH_PORT=${OPS_SWARM_SSH_PORT:-2240}
SSHD_CONFIG=$ENV_DIR/ssh/sshd_config
REG_PORT=5000
BRIDGE=opsw-br
HOST_ADDR=169.254.78.1
NODES=(m w)
declare -A NETNS=([m]=ops-swarm-m [w]=ops-swarm-w)
declare -A ADDR=([m]=169.254.78.2 [w]=169.254.78.3)
declare -A NAME=([m]=ops-swarm-manager [w]=ops-swarm-worker)

die() {
  printf '✗ swarm-multinode: %s\n' "$1" >&2
  if [[ -n ${2:-} && -f $2 ]]; then
    printf -- '--- last lines of %s ---\n' "$2" >&2
    tail -n 15 "$2" >&2 || true
  fi
  exit 1
}
pid_alive() { # pid_alive PIDFILE COMM: prints the pid if it names a live COMM process
  local pid
  [[ -s $1 ]] || return 1
  pid=$(tr -dc '0-9' <"$1")
  [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] || return 1
  echo "$pid"
}
wait_for() { # wait_for SECONDS CMD...
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
stop_pidfile() { # stop_pidfile PIDFILE COMM [TIMEOUT]
  local pid
  if pid=$(pid_alive "$1" "$2"); then
    kill "$pid" 2>/dev/null || true
    wait_for "${3:-20}" bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}
dk() { local n=$1; shift; timeout 60 docker -H "unix://$S/$n/docker.sock" "$@"; }

status() {
  local n
  for n in "${NODES[@]}"; do
    pid_alive "$S/$n/dockerd.pid" dockerd >/dev/null || return 1
  done
  pid_alive "$S/sshd.pid" sshd >/dev/null || return 1
  [[ $(dk m node ls --filter role=worker --format '{{.Status}}' 2>/dev/null) == Ready ]] || return 1
  [[ -s $S/env.json ]]
}

down() {
  local n
  stop_pidfile "$S/sshd.pid" sshd
  for n in "${NODES[@]}"; do
    if pid_alive "$S/$n/dockerd.pid" dockerd >/dev/null; then
      # remove the services first, so no container outlives its engine
      dk "$n" swarm leave --force >/dev/null 2>&1 || true
    fi
    stop_pidfile "$S/$n/dockerd.pid" dockerd 30
    stop_pidfile "$S/fwd-$n.pid" python3
  done
  stop_pidfile "$S/fwd-host.pid" python3
  for n in "${NODES[@]}"; do
    # anything dockerd left mounted under its roots (overlay layers, netns files)
    if [[ -d $S/$n ]]; then
      awk -v p="$S/$n/" 'index($2, p) == 1 {print $2}' /proc/self/mounts | sort -r |
        while read -r m; do umount -l "$m" 2>/dev/null || true; done
    fi
    if ip netns list | awk '{print $1}' | grep -qx "${NETNS[$n]}"; then ip netns del "${NETNS[$n]}"; fi
    ip link del "opsw-$n-h" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$S"
}

up() {
  local n
  command -v ip >/dev/null && command -v nsenter >/dev/null && command -v unshare >/dev/null ||
    die "needs ip (iproute2), nsenter and unshare (util-linux)"
  [[ -f $SSHD_CONFIG ]] || die "$SSHD_CONFIG is missing: run scripts/env-up.sh first"
  ip link show "$BRIDGE" >/dev/null 2>&1 && die "a bridge $BRIDGE exists that this script's state does not know: run '$0 down' first"
  (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null &&
    die "127.0.0.1:$SSH_PORT (the manager's sshd) is in use: set OPS_SWARM_SSH_PORT to a free port"
  install -d -m 755 "$S"
  cat >"$S/forward.py" <<'EOF'
# forward.py LISTEN_HOST:PORT TARGET_HOST:PORT: a plain TCP forwarder (scripts/swarm-multinode.sh)
import asyncio, sys

async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()

async def main(listen, target):
    lh, lp = listen.rsplit(":", 1)
    th, tp = target.rsplit(":", 1)

    async def handle(reader, writer):
        try:
            treader, twriter = await asyncio.open_connection(th, int(tp))
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, twriter), pipe(treader, writer))

    server = await asyncio.start_server(handle, lh, int(lp))
    async with server:
        await server.serve_forever()

asyncio.run(main(sys.argv[1], sys.argv[2]))
EOF

  # network: a bridge in this namespace, one veth per node namespace
  ip link add "$BRIDGE" type bridge
  ip addr add "$HOST_ADDR/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  for n in "${NODES[@]}"; do
    ip netns add "${NETNS[$n]}"
    ip link add "opsw-$n-h" type veth peer name eth0 netns "${NETNS[$n]}"
    ip link set "opsw-$n-h" master "$BRIDGE" up
    ip -n "${NETNS[$n]}" link set lo up
    ip -n "${NETNS[$n]}" addr add "${ADDR[$n]}/24" dev eth0
    ip -n "${NETNS[$n]}" link set eth0 up
  done

  # registry forwarders
  setsid python3 "$S/forward.py" "$HOST_ADDR:$REG_PORT" "127.0.0.1:$REG_PORT" </dev/null >"$S/fwd-host.log" 2>&1 9>&- &
  echo $! >"$S/fwd-host.pid"
  for n in "${NODES[@]}"; do
    setsid nsenter --net="/run/netns/${NETNS[$n]}" python3 "$S/forward.py" "127.0.0.1:$REG_PORT" "$HOST_ADDR:$REG_PORT" \
      </dev/null >"$S/fwd-$n.log" 2>&1 9>&- &
    echo $! >"$S/fwd-$n.pid"
  done

  # engines
  for n in "${NODES[@]}"; do
    install -d -m 755 "$S/$n"
    setsid nsenter --net="/run/netns/${NETNS[$n]}" unshare --uts sh -c "hostname ${NAME[$n]} && exec dockerd \
      --data-root $S/$n/data --exec-root $S/$n/exec --pidfile $S/$n/dockerd.pid \
      --host unix://$S/$n/docker.sock --group docker --cgroup-parent ${NAME[$n]} \
      --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false" \
      </dev/null >"$S/$n/dockerd.log" 2>&1 9>&- &
  done
  for n in "${NODES[@]}"; do
    wait_for 60 dk "$n" version --format '{{.Server.Version}}' >/dev/null 2>&1 ||
      die "dockerd ${NAME[$n]} did not come up in netns ${NETNS[$n]}" "$S/$n/dockerd.log"
  done
  for n in "${NODES[@]}"; do
    local code
    code=$(nsenter --net="/run/netns/${NETNS[$n]}" curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$REG_PORT/v2/" || true)
    [[ $code == 401 || $code == 200 ]] || die "the registry is not reachable from ${NETNS[$n]} as 127.0.0.1:$REG_PORT (HTTP '$code')" "$S/fwd-host.log"
  done

  # the swarm
  dk m swarm init --advertise-addr "${ADDR[m]}" --listen-addr "${ADDR[m]}:2377" >"$S/swarm.log" 2>&1 ||
    die "docker swarm init on ${NAME[m]} failed" "$S/swarm.log"
  local token
  token=$(dk m swarm join-token -q worker)
  dk w swarm join --token "$token" --advertise-addr "${ADDR[w]}" --listen-addr "${ADDR[w]}:2377" \
    "${ADDR[m]}:2377" >>"$S/swarm.log" 2>&1 || die "docker swarm join of ${NAME[w]} failed" "$S/swarm.log"
  wait_for 30 bash -c "[[ \$(timeout 10 docker -H unix://$S/m/docker.sock node ls --filter role=worker --format '{{.Status}}') == Ready ]]" ||
    die "the worker did not become Ready" "$S/w/dockerd.log"

  # the manager's sshd
  /usr/sbin/sshd -f "$SSHD_CONFIG" -p "$SSH_PORT" -o "PidFile=$S/sshd.pid" \
    -o "SetEnv=DOCKER_HOST=unix://$S/m/docker.sock" -E "$S/sshd.log" 9>&- ||
    die "sshd failed to start on 127.0.0.1:$SSH_PORT" "$S/sshd.log"
  wait_for 10 pid_alive "$S/sshd.pid" sshd >/dev/null || die "sshd on 127.0.0.1:$SSH_PORT did not come up" "$S/sshd.log"

  local mid wid
  mid=$(dk m info --format '{{.Swarm.NodeID}}')
  wid=$(dk w info --format '{{.Swarm.NodeID}}')
  cat >"$S/env.json.tmp" <<EOF
{
  "sshPort": $SSH_PORT,
  "manager": { "name": "${NAME[m]}", "nodeId": "$mid", "addr": "${ADDR[m]}", "socket": "$S/m/docker.sock" },
  "worker": { "name": "${NAME[w]}", "nodeId": "$wid", "addr": "${ADDR[w]}", "socket": "$S/w/docker.sock" }
}
EOF
  mv -f "$S/env.json.tmp" "$S/env.json"
}

if [[ ${1:-} != _up ]]; then # (_up runs inside "up", which holds the lock)
  install -d -m 755 "$ENV_DIR"
  exec 9>"$ENV_DIR/swarm-multinode.lock"
  flock -w 300 9 || die "timed out waiting for another swarm-multinode.sh (lock $ENV_DIR/swarm-multinode.lock)"
fi
case ${1:-} in
up)
  if status; then
    echo "✓ swarm-multinode: already up ($S/env.json)"
    exit 0
  fi
  down
  t0=$SECONDS
  # a process of its own: errexit does not apply inside a condition ("if ! up")
  ERR=$ENV_DIR/swarm-multinode.err
  set +e
  bash "$SELF" _up 2>"$ERR"
  rc=$?
  set -e
  cat "$ERR" >&2
  if ((rc != 0)); then
    down
    mv -f "$ERR" "$ENV_DIR/swarm-multinode.unavailable"
    exit "$rc"
  fi
  rm -f "$ERR" "$ENV_DIR/swarm-multinode.unavailable"
  echo "✓ swarm-multinode: ${NAME[m]} ${ADDR[m]} (manager) + ${NAME[w]} ${ADDR[w]} (worker), sshd 127.0.0.1:$SSH_PORT  [$((SECONDS - t0))s]"
  ;;
_up) up ;;
down)
  down
  rm -f "$ENV_DIR/swarm-multinode.unavailable" "$ENV_DIR/swarm-multinode.err"
  echo "✓ swarm-multinode: down"
  ;;
status)
  if status; then echo "swarm-multinode: up"; else echo "swarm-multinode: not up"; exit 1; fi
  ;;
*)
  echo "usage: $0 up | down | status" >&2
  exit 2
  ;;
esac
