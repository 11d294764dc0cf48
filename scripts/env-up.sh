#!/usr/bin/env bash
# scripts/env-up.sh: bring up the real-server test environment (idempotent).
#
# Services (all on loopback only):
#   dockerd     /var/run/docker.sock, --bridge=none --iptables=false --ip6tables=false
#               (containers must use network_mode/--network host, bound to 127.0.0.1)
#   registry    127.0.0.1:5000, htpasswd (bcrypt) auth, user "ops"
#   sshd        127.0.0.1:2222, key-only, user "deploy" (in group docker); more instances
#               on other ports via scripts/sshd-instance.sh start PORT [NAME]
#   postgres    127.0.0.1:5432, role "ops" (scram-sha-256), database "ops_test"
#   swarm       a single-node Docker Swarm on the same engine (advertise 127.0.0.1)
# Everything this script creates lives in $OPS_ENV_DIR (default /var/tmp/ops-actions-env);
# tests read $OPS_ENV_DIR/env.json. Stop with scripts/env-down.sh.
# Other files tests may use: <stateDir>/ssh/known_hosts (has "[127.0.0.1]:2222 ..." plus a
# "[127.0.0.1]:*" wildcard line, since all sshd instances share the host key).
#
# Findings (Debian bookworm docker.io 20.10.24 = API 1.41 with BuildKit v0.8 built into dockerd,
# no containerd image store; buildx 0.13.1 + compose 2.26.1 from trixie; buildx's default
# "docker" driver only, since the docker-container driver needs the moby/buildkit image and
# there is no internet). Both /usr/local/bin/docker (28.x) and /usr/bin/docker (20.10) use
# the plugins from /usr/local/lib/docker/cli-plugins.
#   works: build --load; --push / --output type=registry / type=image,push=true (pushed by
#          the daemon, "pushing ... with docker", with buildx's login); --metadata-file: after
#          a push containerimage.digest = manifest digest (= the registry's
#          Docker-Content-Digest) and containerimage.config.digest = image ID, after --load
#          containerimage.digest = image ID; --cache-to type=inline; --cache-from
#          type=registry (import); --secret; RUN --mount=type=cache; COPY --chmod;
#          --output type=local / type=tar; a single --platform (COPY-only builds; RUN for a
#          foreign arch would need binfmt/qemu); buildx imagetools inspect/create against
#          127.0.0.1:5000 (plain http); compose up -d --wait (healthchecks) with
#          network_mode: host, pulling from 127.0.0.1:5000 after docker login.
#   fails: --cache-to type=local / type=registry ("Cache export is not supported for the
#          docker driver"); --cache-to type=gha is silently dropped without ACTIONS_CACHE_URL
#          / ACTIONS_RUNTIME_TOKEN (and fails like the others with them); multi-platform
#          (--platform a,b); --output type=oci / type=docker; --provenance=true / --sbom=true;
#          --load together with --push ("multiple outputs ... BuildKit v0.13+"); Dockerfile
#          heredocs and COPY --link (built-in dockerfile frontend is too old) and "# syntax="
#          (needs a pull). RUN steps fail with "network bridge not found" (dockerd has no
#          default bridge) unless built with --network host (or --network none); the legacy
#          builder (DOCKER_BUILDKIT=0) runs them. Compose services need network_mode: host.
set -Eeuo pipefail

if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "✗ $0: must run as root (sudo is not installed)" >&2; exit 1; }
  exec sudo --preserve-env=OPS_ENV_DIR,OPS_ENV_FORCE_VERIFY bash "$0" "$@"
fi

T0=$EPOCHREALTIME
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8
umask 022

STATE=${OPS_ENV_DIR:-/var/tmp/ops-actions-env}
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
INSTANCE_SCRIPT=$SCRIPT_DIR/sshd-instance.sh
cd / # daemons started below must not keep the checkout busy
PY=/usr/bin/python3

REG_ADDR=127.0.0.1:5000
REG_USER=ops
SSH_PORT=2222
SSH_USER=deploy
SSH_HOME=/home/deploy
PG_PORT=5432
PG_USER=ops
PG_DB=ops_test
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
BUSYBOX_IMAGE=ops-actions/busybox:local
DOCKER_SOCK=/var/run/docker.sock

export DOCKER_HOST=unix://$DOCKER_SOCK
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH BUILDX_BUILDER \
  PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE PGSSLMODE PGPASSFILE || true
# A private, throw-away docker client config: the script never reads or writes ~/.docker
# (so no registry credentials are left behind, and user buildx builders are ignored).
TMP=$(mktemp -d /tmp/ops-env-up.XXXXXX)
export DOCKER_CONFIG=$TMP/docker-config
mkdir -p "$DOCKER_CONFIG"
POLICY_RC_CREATED=0
cleanup() {
  local rc=$?
  if [[ -n ${COMPOSE_PROJECT_DIR:-} && -f ${COMPOSE_PROJECT_DIR}/compose.yaml ]]; then
    timeout 30 docker compose -f "$COMPOSE_PROJECT_DIR/compose.yaml" down -t 1 >/dev/null 2>&1 || true
  fi
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "✗ env-up: command failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

ok() { printf '✓ %s  [%ss]\n' "$*" "$(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')"; }
note() { printf '  %s\n' "$*"; }
die() {
  printf '✗ env-up: %s\n' "$1" >&2
  if [[ -n ${2:-} && -f $2 ]]; then
    printf -- '--- last lines of %s ---\n' "$2" >&2
    tail -n "${3:-30}" "$2" >&2 || true
  fi
  exit 1
}
# pid_alive PIDFILE COMM: prints the pid if PIDFILE names a live process whose comm is COMM.
pid_alive() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(tr -dc '0-9' <"$1")
  [[ -n $pid ]] && [[ -r /proc/$pid/comm ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] || return 1
  echo "$pid"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # wait_for SECONDS CMD...
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
stop_pid() { # stop_pid PID [TIMEOUT]
  kill "$1" 2>/dev/null || return 0
  wait_for "${2:-20}" bash -c "! kill -0 $1 2>/dev/null" || kill -9 "$1" 2>/dev/null || true
}
# write_if_changed DEST MODE < content ; returns 0 if the file changed
write_if_changed() {
  local dest=$1 mode=$2 tmp
  tmp=$(mktemp "$dest.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if [[ -f $dest ]] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    chmod "$mode" "$dest"
    return 1
  fi
  mv -f "$tmp" "$dest"
  return 0
}
secret() { # secret FILE: random hex secret, generated once and kept (mode 600)
  if [[ ! -s $1 ]]; then
    (umask 077 && od -An -tx1 -N18 /dev/urandom | tr -d ' \n' >"$1.tmp" && mv -f "$1.tmp" "$1")
  fi
  chmod 600 "$1"
  tr -d '\n' <"$1"
}

# ---------------------------------------------------------------------------------------
# state dir, and a lock so concurrent env-up runs serialise
# ---------------------------------------------------------------------------------------
if [[ -e $STATE && ! -O $STATE ]]; then
  die "$STATE exists but is not owned by $(id -un); refusing to use it"
fi
install -d -m 755 "$STATE" "$STATE/docker" "$STATE/registry" "$STATE/ssh" "$STATE/postgres"
install -d -m 700 "$STATE/registry/data"
exec 9>"$STATE/.lock"
flock -w 300 9 || die "timed out waiting for another env-up (lock $STATE/.lock)"

# ---------------------------------------------------------------------------------------
# 0. packages (installed only when missing)
# ---------------------------------------------------------------------------------------
PKGS=(docker.io openssh-server openssh-client docker-registry apache2-utils postgresql
  python3-alembic alembic python3-psycopg2 busybox-static nginx wrk curl)
missing=()
declare -A pkg_status=()
while IFS=$'\t' read -r p s; do pkg_status[$p]=$s; done < <(
  dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\n' "${PKGS[@]}" 2>/dev/null || true)
for p in "${PKGS[@]}"; do
  [[ ${pkg_status[$p]:-} == ii* ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  note "installing: ${missing[*]}"
  # Never let package installation start services (they would grab our ports).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=1
  fi
  apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=300 "${missing[@]}" \
      >"$TMP/apt.log" 2>&1
  }
  if ! apt_install; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$TMP/apt.log" 2>&1 || true
    apt_install || die "apt-get install ${missing[*]} failed" "$TMP/apt.log"
  fi
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=0; fi
  ok "packages installed: ${missing[*]}"
fi
for c in dockerd docker-registry htpasswd /usr/sbin/sshd ssh ssh-keygen pg_ctlcluster psql pg_dump \
  pg_restore alembic /bin/busybox curl "$PY"; do
  command -v "$c" >/dev/null || die "required command '$c' not found after installing packages"
done

# ---------------------------------------------------------------------------------------
# 1. generated credentials (random once, then kept)
# ---------------------------------------------------------------------------------------
REG_PASS=$(secret "$STATE/registry/password")
REG_HTTP_SECRET=$(secret "$STATE/registry/http-secret")
PG_PASS=$(secret "$STATE/postgres/password")

# ---------------------------------------------------------------------------------------
# 2. Docker Engine
# ---------------------------------------------------------------------------------------
DOCKERD_PIDFILE=$STATE/docker/dockerd.pid
DOCKERD_LOG=$STATE/docker/dockerd.log
docker_ok() { timeout 15 docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
getent group docker >/dev/null || groupadd --system docker
dockerd_started=0
if ! docker_ok; then
  if ! pid_alive "$DOCKERD_PIDFILE" dockerd >/dev/null; then
    rm -f "$DOCKERD_PIDFILE"
    printf '\n==== %s env-up starting dockerd ====\n' "$(date -Is)" >>"$DOCKERD_LOG"
    setsid dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false \
      --ip-masq=false --group docker --host "unix://$DOCKER_SOCK" --pidfile "$DOCKERD_PIDFILE" \
      >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
    disown
    dockerd_started=1
  fi
  wait_for 60 docker_ok || die "dockerd did not answer on $DOCKER_SOCK within 60s" "$DOCKERD_LOG"
fi
DOCKER_VERSION=$(docker version --format '{{.Server.Version}}')
if dpid=$(pid_alive "$DOCKERD_PIDFILE" dockerd); then
  dinfo="pid $dpid"
else
  dinfo="already running, not started by env-up"
fi
((dockerd_started)) && dinfo="$dinfo, started"
ok "docker $DOCKER_VERSION ($dinfo) $DOCKER_SOCK"

# ---------------------------------------------------------------------------------------
# 3. buildx + compose CLI plugins from Debian trixie (temporary apt source, never added to
#    the system's sources)
# ---------------------------------------------------------------------------------------
plugins_ok() {
  local cli
  for cli in /usr/local/bin/docker /usr/bin/docker; do
    [[ -x $cli ]] || continue
    "$cli" buildx version >/dev/null 2>&1 || return 1
    "$cli" compose version >/dev/null 2>&1 || return 1
  done
}
fetch_plugins() {
  local d=$TMP/trixie arch uri key
  arch=$(dpkg --print-architecture)
  # Reuse the mirror and key of the system's bookworm source (deb822 or one-line format).
  uri=$(awk 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb/ && /(^|\n)Suites:[^\n]*bookworm([ \n]|$)/ {
          if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) { s=substr($0,RSTART,RLENGTH); sub(/.*URIs:[ \t]*/,"",s); print s; exit } }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  key=$(awk 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb/ && /(^|\n)Suites:[^\n]*bookworm([ \n]|$)/ {
          if (match($0, /(^|\n)Signed-By:[ \t]*[^ \t\n]+/)) { s=substr($0,RSTART,RLENGTH); sub(/.*Signed-By:[ \t]*/,"",s); print s; exit } }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [[ -z $uri ]]; then
    uri=$(awk '$1=="deb" && / bookworm / { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
      /etc/apt/sources.list 2>/dev/null || true)
  fi
  [[ $uri == *security* || -z $uri ]] && uri=http://deb.debian.org/debian
  [[ -n $key && -f $key ]] || key=/usr/share/keyrings/debian-archive-keyring.gpg
  mkdir -p "$d/lists/partial" "$d/parts" "$d/archives/partial" "$d/x"
  cat >"$d/trixie.sources" <<EOF
Types: deb
URIs: $uri
Suites: trixie
Components: main
Architectures: $arch
Signed-By: $key
EOF
  local apt_opts=(-o "Dir::Etc::sourcelist=$d/trixie.sources" -o "Dir::Etc::sourceparts=$d/parts"
    -o "Dir::State::Lists=$d/lists" -o "Dir::Cache::archives=$d/archives"
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o APT::Sandbox::User=root
    -o Acquire::Languages=none -o "APT::Architecture=$arch" -o APT::Architectures::="$arch")
  apt-get "${apt_opts[@]}" -q update >"$d/apt.log" 2>&1 ||
    die "apt-get update of the temporary trixie source failed ($uri)" "$d/apt.log"
  (cd "$d" && apt-get "${apt_opts[@]}" -q download docker-buildx docker-compose >>"$d/apt.log" 2>&1) ||
    die "downloading docker-buildx/docker-compose from trixie failed" "$d/apt.log"
  local deb
  for deb in "$d"/docker-buildx_*.deb "$d"/docker-compose_*.deb; do
    [[ -f $deb ]] || die "missing downloaded package ($deb)" "$d/apt.log"
    dpkg-deb -x "$deb" "$d/x"
  done
  install -d -m 755 "$PLUGIN_DIR"
  local p src
  for p in docker-buildx docker-compose; do
    src=$d/x/usr/libexec/docker/cli-plugins/$p
    [[ -x $src ]] || src=$(find "$d/x" -type f -name "$p" -path '*cli-plugins*' | head -n1)
    [[ -n $src && -x $src ]] || die "$p binary not found in the trixie package"
    install -m 755 "$src" "$PLUGIN_DIR/$p.tmp"
    mv -f "$PLUGIN_DIR/$p.tmp" "$PLUGIN_DIR/$p"
  done
  rm -rf "$d"
}
plugins_fetched=0
# Version strings are cached (keyed on the plugin/CLI files) so re-runs skip ~1s of CLI calls.
PLUGIN_STAMP=$STATE/docker/plugins
plugin_key() { stat -c '%n:%s:%Y:%i' "$PLUGIN_DIR/docker-buildx" "$PLUGIN_DIR/docker-compose" \
  /usr/local/bin/docker /usr/bin/docker 2>/dev/null | tr '\n' ' '; }
if [[ -f $PLUGIN_STAMP && $(sed -n 1p "$PLUGIN_STAMP") == "$(plugin_key)" ]]; then
  BUILDX_VERSION=$(sed -n 2p "$PLUGIN_STAMP")
  COMPOSE_VERSION=$(sed -n 3p "$PLUGIN_STAMP")
else
  if ! plugins_ok; then
    fetch_plugins
    plugins_fetched=1
    plugins_ok || die "docker buildx/compose plugins do not work after installing them in $PLUGIN_DIR"
  fi
  BUILDX_VERSION=$(docker buildx version)
  COMPOSE_VERSION=$(docker compose version)
  printf '%s\n%s\n%s\n' "$(plugin_key)" "$BUILDX_VERSION" "$COMPOSE_VERSION" >"$PLUGIN_STAMP"
fi
((plugins_fetched)) && how="installed from trixie" || how="present"
ok "buildx: $BUILDX_VERSION ($how)"
ok "compose: $COMPOSE_VERSION ($how)"

# ---------------------------------------------------------------------------------------
# 4. registry on 127.0.0.1:5000 (htpasswd bcrypt)
# ---------------------------------------------------------------------------------------
REG_DIR=$STATE/registry
REG_CONFIG=$REG_DIR/config.yml
REG_HTPASSWD=$REG_DIR/htpasswd
REG_PIDFILE=$REG_DIR/registry.pid
REG_LOG=$REG_DIR/registry.log
reg_restart=0
if ! htpasswd -vb "$REG_HTPASSWD" "$REG_USER" "$REG_PASS" >/dev/null 2>&1; then
  (umask 077 && htpasswd -cbB "$REG_HTPASSWD.tmp" "$REG_USER" "$REG_PASS" >/dev/null 2>&1) ||
    die "htpasswd -B failed"
  mv -f "$REG_HTPASSWD.tmp" "$REG_HTPASSWD"
  reg_restart=1
fi
chmod 600 "$REG_HTPASSWD"
if write_if_changed "$REG_CONFIG" 600 <<EOF; then reg_restart=1; fi
# generated by ops-actions scripts/env-up.sh
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REG_DIR/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $REG_ADDR
  secret: $REG_HTTP_SECRET
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: ops-actions-registry
    path: $REG_HTPASSWD
EOF
reg_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" "http://$REG_ADDR/v2/" 2>/dev/null || true; }
reg_ready() { [[ $(reg_code -u "$REG_USER:$REG_PASS") == 200 ]]; }
reg_started=0
if rpid=$(pid_alive "$REG_PIDFILE" docker-registry); then
  if ((reg_restart)); then
    stop_pid "$rpid" 10
    rm -f "$REG_PIDFILE"
  fi
fi
if ! pid_alive "$REG_PIDFILE" docker-registry >/dev/null; then
  rm -f "$REG_PIDFILE"
  if port_open 5000; then
    if reg_ready; then creds="our credentials work"; else creds="our credentials do not work"; fi
    die "127.0.0.1:5000 is already in use by a process env-up did not start ($creds); stop it first"
  fi
  printf '\n==== %s env-up starting registry ====\n' "$(date -Is)" >>"$REG_LOG"
  # not a process-group leader here, so setsid execs in place and $! is the registry's pid
  setsid docker-registry serve "$REG_CONFIG" >>"$REG_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$REG_PIDFILE"
  disown
  reg_started=1
fi
wait_for 20 reg_ready || die "registry on $REG_ADDR not ready (or auth fails)" "$REG_LOG"
[[ $(reg_code) == 401 ]] || die "registry on $REG_ADDR answers without authentication" "$REG_LOG"
RPID=$(pid_alive "$REG_PIDFILE" docker-registry) || die "registry pid file $REG_PIDFILE is stale" "$REG_LOG"
ok "registry $(docker-registry --version 2>/dev/null | awk '{print $NF}') http://$REG_ADDR user $REG_USER (pid $RPID$( ((reg_started)) && echo ", started"))"

# ---------------------------------------------------------------------------------------
# 5. smoke tests: buildx (docker driver) image, login + push, compose --wait (host network).
#    Skipped on re-runs when nothing relevant changed (OPS_ENV_FORCE_VERIFY=1 forces them).
# ---------------------------------------------------------------------------------------
STAMP=$STATE/docker/verified
stamp_val="docker=$DOCKER_VERSION;buildx=$BUILDX_VERSION;compose=$COMPOSE_VERSION;registry-pid=$RPID;"
stamp_val+="image=$(docker image inspect -f '{{.Id}}' "$BUSYBOX_IMAGE" 2>/dev/null || echo none);"
stamp_val+="busybox=$(stat -c '%s-%Y' /bin/busybox)"
if [[ ${OPS_ENV_FORCE_VERIFY:-0} != 1 && -f $STAMP && $(cat "$STAMP") == "$stamp_val" ]]; then
  ok "docker smoke tests (buildx build/push, compose --wait) passed earlier; image $BUSYBOX_IMAGE"
else
  rm -f "$STAMP"
  ctx=$TMP/busybox-ctx
  mkdir -p "$ctx"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY busybox /bin/busybox
ENTRYPOINT ["/bin/busybox"]
CMD ["sh"]
EOF
  docker buildx build --builder default --progress plain -t "$BUSYBOX_IMAGE" --load \
    --metadata-file "$TMP/meta-load.json" "$ctx" >"$TMP/build.log" 2>&1 ||
    die "docker buildx build (docker driver) of $BUSYBOX_IMAGE failed" "$TMP/build.log"
  [[ $(docker run --rm --network host "$BUSYBOX_IMAGE" echo ok 2>&1) == ok ]] ||
    die "docker run --network host $BUSYBOX_IMAGE failed" "$DOCKERD_LOG"

  printf '%s' "$REG_PASS" | docker login -u "$REG_USER" --password-stdin "$REG_ADDR" >"$TMP/login.log" 2>&1 ||
    die "docker login $REG_ADDR failed" "$TMP/login.log"
  push_ref=$REG_ADDR/ops-actions/busybox:env-check
  docker buildx build --builder default --progress plain -t "$push_ref" --push \
    --metadata-file "$TMP/meta-push.json" "$ctx" >"$TMP/push.log" 2>&1 ||
    die "docker buildx build --push to $REG_ADDR failed" "$TMP/push.log"
  pushed_digest=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["containerimage.digest"])' "$TMP/meta-push.json")
  reg_digest=$(curl -s -m 10 -u "$REG_USER:$REG_PASS" -o /dev/null -D - \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$REG_ADDR/v2/ops-actions/busybox/manifests/env-check" |
    tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
  [[ -n $pushed_digest && $pushed_digest == "$reg_digest" ]] ||
    die "pushed digest ($pushed_digest) does not match the registry's ($reg_digest)"
  docker tag "$BUSYBOX_IMAGE" "$REG_ADDR/ops-actions/busybox:local" >/dev/null
  docker push "$REG_ADDR/ops-actions/busybox:local" >"$TMP/push2.log" 2>&1 ||
    die "docker push to $REG_ADDR failed" "$TMP/push2.log"
  docker logout "$REG_ADDR" >/dev/null 2>&1

  COMPOSE_PROJECT_DIR=$TMP/compose
  mkdir -p "$COMPOSE_PROJECT_DIR"
  cport=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$COMPOSE_PROJECT_DIR/compose.yaml" <<EOF
name: ops-actions-env-check
services:
  web:
    image: $BUSYBOX_IMAGE
    network_mode: host
    command: ["sh", "-c", "mkdir -p /www && echo env-check > /www/index.html && exec httpd -f -p 127.0.0.1:$cport -h /www"]
    healthcheck:
      test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:$cport/"]
      interval: 1s
      timeout: 3s
      retries: 30
EOF
  (cd "$COMPOSE_PROJECT_DIR" && timeout 90 docker compose up -d --wait --wait-timeout 60) >"$TMP/compose.log" 2>&1 || {
    (cd "$COMPOSE_PROJECT_DIR" && docker compose logs) >>"$TMP/compose.log" 2>&1 || true
    die "docker compose up -d --wait (network_mode: host) failed" "$TMP/compose.log"
  }
  [[ $(curl -s -m 5 "http://127.0.0.1:$cport/") == env-check ]] ||
    die "compose service on 127.0.0.1:$cport did not answer" "$TMP/compose.log"
  (cd "$COMPOSE_PROJECT_DIR" && timeout 60 docker compose down -t 1) >>"$TMP/compose.log" 2>&1 ||
    die "docker compose down failed" "$TMP/compose.log"
  rm -rf "$COMPOSE_PROJECT_DIR"
  COMPOSE_PROJECT_DIR=

  stamp_val="docker=$DOCKER_VERSION;buildx=$BUILDX_VERSION;compose=$COMPOSE_VERSION;registry-pid=$RPID;"
  stamp_val+="image=$(docker image inspect -f '{{.Id}}' "$BUSYBOX_IMAGE");"
  stamp_val+="busybox=$(stat -c '%s-%Y' /bin/busybox)"
  printf '%s' "$stamp_val" >"$STAMP"
  ok "docker smoke tests: buildx build --load/--push (digest ${pushed_digest:7:12}), login/push/logout, compose up --wait (host network); image $BUSYBOX_IMAGE"
fi

# ---------------------------------------------------------------------------------------
# 5b. a single-node Docker Swarm on the same engine (deploy-ssh strategy stack). Joining a swarm
#     changes nothing for plain containers and compose projects; only `docker stack`/`service`
#     need it. Stack services use host networking like everything else here (--bridge=none: no
#     overlay/ingress for published ports), bound to 127.0.0.1.
# ---------------------------------------------------------------------------------------
swarm_state() { timeout 15 docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }
SWARM_STATE=$(swarm_state)
if [[ $SWARM_STATE == active ]]; then
  ok "swarm: single node, active"
else
  timeout 60 docker swarm init --advertise-addr 127.0.0.1 >"$TMP/swarm.log" 2>&1 ||
    die "docker swarm init --advertise-addr 127.0.0.1 failed (state was '$SWARM_STATE')" "$TMP/swarm.log"
  [[ $(swarm_state) == active ]] || die "the swarm is not active after docker swarm init" "$TMP/swarm.log"
  ok "swarm: single node, started (docker swarm init --advertise-addr 127.0.0.1)"
fi
SWARM_NODE_ID=$(docker info --format '{{.Swarm.NodeID}}')

# ---------------------------------------------------------------------------------------
# 6. sshd on 127.0.0.1:2222 (own config, own host key, key-only auth, user deploy)
# ---------------------------------------------------------------------------------------
SSH_DIR=$STATE/ssh
SSHD_CONFIG=$SSH_DIR/sshd_config
HOST_KEY=$SSH_DIR/ssh_host_ed25519_key
CLIENT_KEY=$SSH_DIR/deploy_ed25519
KNOWN_HOSTS=$SSH_DIR/known_hosts
SSHD_PIDFILE=$SSH_DIR/sshd.pid
SSHD_LOG=$SSH_DIR/sshd.log

[[ -s $HOST_KEY && -s $HOST_KEY.pub ]] ||
  { rm -f "$HOST_KEY" "$HOST_KEY.pub"; ssh-keygen -q -t ed25519 -N '' -C ops-actions-env-host -f "$HOST_KEY"; }
[[ -s $CLIENT_KEY && -s $CLIENT_KEY.pub ]] ||
  { rm -f "$CLIENT_KEY" "$CLIENT_KEY.pub"; ssh-keygen -q -t ed25519 -N '' -C "$SSH_USER@ops-actions-env" -f "$CLIENT_KEY"; }
chmod 600 "$HOST_KEY" "$CLIENT_KEY"
chmod 644 "$HOST_KEY.pub" "$CLIENT_KEY.pub"
HOST_PUB=$(awk '{print $1" "$2}' "$HOST_KEY.pub")
HOST_FP=$(ssh-keygen -l -E sha256 -f "$HOST_KEY.pub" | awk '{print $2}')
CLIENT_PUB=$(awk '{print $1" "$2" "$3}' "$CLIENT_KEY.pub")
write_if_changed "$KNOWN_HOSTS" 644 <<EOF || true
[127.0.0.1]:$SSH_PORT $HOST_PUB
[127.0.0.1]:* $HOST_PUB
EOF

# deploy user: bash, in group docker, unlocked ('*' = no password but not locked), key-only
if ! id "$SSH_USER" >/dev/null 2>&1; then
  useradd --create-home --home-dir "$SSH_HOME" --shell /bin/bash --groups docker "$SSH_USER"
fi
[[ $(getent passwd "$SSH_USER" | cut -d: -f7) == /bin/bash ]] || usermod -s /bin/bash "$SSH_USER"
[[ $(getent passwd "$SSH_USER" | cut -d: -f6) == "$SSH_HOME" ]] || usermod -d "$SSH_HOME" "$SSH_USER"
id -nG "$SSH_USER" | tr ' ' '\n' | grep -qx docker || usermod -aG docker "$SSH_USER"
shadow_pw=$(getent shadow "$SSH_USER" | cut -d: -f2)
if [[ -z $shadow_pw || $shadow_pw == '!'* ]]; then usermod -p '*' "$SSH_USER"; fi
SSH_GROUP=$(id -gn "$SSH_USER")
install -d -m 755 -o "$SSH_USER" -g "$SSH_GROUP" "$SSH_HOME"
chmod go-w "$SSH_HOME"
install -d -m 700 -o "$SSH_USER" -g "$SSH_GROUP" "$SSH_HOME/.ssh"
AUTH_KEYS=$SSH_HOME/.ssh/authorized_keys
touch "$AUTH_KEYS"
grep -qF "$(awk '{print $2}' "$CLIENT_KEY.pub")" "$AUTH_KEYS" || printf '%s\n' "$CLIENT_PUB" >>"$AUTH_KEYS"
chown "$SSH_USER:$SSH_GROUP" "$AUTH_KEYS"
chmod 600 "$AUTH_KEYS"

install -d -m 755 /run/sshd
{
  cat <<EOF
# generated by ops-actions scripts/env-up.sh (instances: scripts/sshd-instance.sh)
Port $SSH_PORT
ListenAddress 127.0.0.1
AddressFamily inet
HostKey $HOST_KEY
PidFile $SSHD_PIDFILE
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
HostbasedAuthentication no
UsePAM no
PermitRootLogin no
StrictModes yes
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
AllowAgentForwarding yes
GatewayPorts no
X11Forwarding no
PermitTunnel no
PermitUserEnvironment no
UseDNS no
PrintMotd no
PrintLastLog no
LoginGraceTime 30
MaxStartups 100:30:200
MaxSessions 64
MaxAuthTries 10
LogLevel INFO
Subsystem sftp internal-sftp
EOF
  # OpenSSH >= 9.8 penalises sources with failed logins; tests do that on purpose.
  if /usr/sbin/sshd -t -f /dev/null -o "HostKey=$HOST_KEY" -o PerSourcePenalties=no >/dev/null 2>&1; then
    echo "PerSourcePenalties no"
  fi
} >"$TMP/sshd_config"
sshd_reload=0
if write_if_changed "$SSHD_CONFIG" 644 <"$TMP/sshd_config"; then sshd_reload=1; fi
/usr/sbin/sshd -t -f "$SSHD_CONFIG" 2>"$TMP/sshd-t.log" || die "sshd -t rejected $SSHD_CONFIG" "$TMP/sshd-t.log"

sshd_started=0
if spid=$(pid_alive "$SSHD_PIDFILE" sshd); then
  if ((sshd_reload)); then
    kill -HUP "$spid" # sshd re-executes itself and re-reads the config
    sleep 0.5
  fi
else
  rm -f "$SSHD_PIDFILE"
  port_open "$SSH_PORT" && die "127.0.0.1:$SSH_PORT is already in use by a process env-up did not start"
  printf '\n==== %s env-up starting sshd ====\n' "$(date -Is)" >>"$SSHD_LOG"
  /usr/sbin/sshd -f "$SSHD_CONFIG" -E "$SSHD_LOG" 9>&- || die "sshd failed to start" "$SSHD_LOG"
  sshd_started=1
fi
if ((sshd_reload)); then # also reload extra instances started by sshd-instance.sh
  for f in "$SSH_DIR"/sshd-*.pid; do
    [[ -e $f ]] || continue
    if ipid=$(pid_alive "$f" sshd); then kill -HUP "$ipid" || true; fi
  done
fi
wait_for 10 port_open "$SSH_PORT" || die "sshd is not listening on 127.0.0.1:$SSH_PORT" "$SSHD_LOG"
wait_for 5 pid_alive "$SSHD_PIDFILE" sshd >/dev/null || die "sshd pid file $SSHD_PIDFILE missing" "$SSHD_LOG"
SPID=$(pid_alive "$SSHD_PIDFILE" sshd)
SSH_OPTS=(-F /dev/null -i "$CLIENT_KEY" -p "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes
  -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null
  -o ConnectTimeout=10 -o LogLevel=ERROR)
ssh_out=$(ssh "${SSH_OPTS[@]}" "$SSH_USER@127.0.0.1" 'echo "$(id -un) $(id -nG | tr " " ",")"; docker version --format "{{.Server.Version}}"' 2>"$TMP/ssh.log") ||
  die "ssh $SSH_USER@127.0.0.1:$SSH_PORT failed: $(tr '\n' ' ' <"$TMP/ssh.log")" "$SSHD_LOG"
read -r ssh_who ssh_groups <<<"$(head -n1 <<<"$ssh_out")"
[[ $ssh_who == "$SSH_USER" && ,$ssh_groups, == *,docker,* ]] ||
  die "ssh login works but user/groups are wrong: $ssh_out"
[[ $(tail -n1 <<<"$ssh_out") == "$DOCKER_VERSION" ]] || die "$SSH_USER cannot use docker over ssh: $ssh_out"
ok "sshd $(ssh -V 2>&1 | cut -d, -f1) 127.0.0.1:$SSH_PORT user $SSH_USER (pid $SPID$( ((sshd_started)) && echo ", started")$( ((sshd_reload && !sshd_started)) && echo ", reloaded")) host key $HOST_FP"

# ---------------------------------------------------------------------------------------
# 7. PostgreSQL
# ---------------------------------------------------------------------------------------
PG_VER=${OPS_PG_VERSION:-}
PG_CLUSTERS=$(pg_lsclusters -h 2>/dev/null || true)
if [[ -z $PG_VER ]]; then
  PG_VER=$(awk '$2=="main"{print $1}' <<<"$PG_CLUSTERS" | sort -V | tail -n1)
fi
if [[ -z $PG_VER ]]; then
  PG_VER=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null |
    awk -F/ '{print $5}' | sort -V | tail -n1)
fi
[[ -n $PG_VER ]] || die "no PostgreSQL server installed"
if ! awk -v v="$PG_VER" '$1==v && $2=="main"{f=1} END{exit !f}' <<<"$PG_CLUSTERS"; then
  pg_createcluster --port "$PG_PORT" "$PG_VER" main >"$TMP/pgcreate.log" 2>&1 ||
    die "pg_createcluster $PG_VER main failed" "$TMP/pgcreate.log"
  PG_CLUSTERS=$(pg_lsclusters -h 2>/dev/null || true)
fi
PG_CLUSTER_LINE=$(awk -v v="$PG_VER" '$1==v && $2=="main"' <<<"$PG_CLUSTERS")
printf '%s\n' "$PG_VER" >"$STATE/postgres/version"
PG_ETC=/etc/postgresql/$PG_VER/main
pg_restart=0
pg_reload=0
# Settings go to a conf.d drop-in (Debian's postgresql.conf ends with include_dir = 'conf.d').
PG_CONF=$PG_ETC/postgresql.conf
if ! grep -qE "^[[:space:]]*include_dir[[:space:]]*=[[:space:]]*'conf\.d'" "$PG_CONF"; then
  printf "\ninclude_dir = 'conf.d'\t# added by ops-actions scripts/env-up.sh\n" >>"$PG_CONF"
  pg_restart=1
fi
install -d -m 755 -o postgres -g postgres "$PG_ETC/conf.d"
if write_if_changed "$PG_ETC/conf.d/ops-actions-env.conf" 644 <<EOF; then pg_restart=1; fi
# generated by ops-actions scripts/env-up.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
password_encryption = 'scram-sha-256'
EOF
HBA=$PG_ETC/pg_hba.conf
HBA_LINE="host    all             $PG_USER             127.0.0.1/32            scram-sha-256"
if ! grep -qxF "$HBA_LINE" "$HBA"; then
  # put our rule before every other rule so nothing earlier (trust/peer/md5) shadows it
  awk -v line="$HBA_LINE" '!done && $0 !~ /^[ \t]*(#|$)/ { print "# ops-actions env-up: password (scram) login for the test role over TCP"; print line; done=1 }
    { print } END { if (!done) print line }' "$HBA" >"$HBA.ops-tmp"
  chown --reference="$HBA" "$HBA.ops-tmp"
  chmod --reference="$HBA" "$HBA.ops-tmp"
  mv -f "$HBA.ops-tmp" "$HBA"
  pg_reload=1
fi
PG_LOG=$(awk '{print $7}' <<<"$PG_CLUSTER_LINE")
[[ -n $PG_LOG ]] || PG_LOG=/var/log/postgresql/postgresql-$PG_VER-main.log
install -d -m 2775 -o postgres -g postgres /run/postgresql
pg_started=0
if [[ $(awk '{print $4}' <<<"$PG_CLUSTER_LINE") == online ]]; then
  if ((pg_restart)); then
    pg_ctlcluster "$PG_VER" main restart >"$TMP/pg.log" 2>&1 9>&- || die "pg_ctlcluster $PG_VER main restart failed" "$PG_LOG"
  elif ((pg_reload)); then
    pg_ctlcluster "$PG_VER" main reload >"$TMP/pg.log" 2>&1 || die "pg_ctlcluster $PG_VER main reload failed" "$PG_LOG"
  fi
else
  pg_ctlcluster "$PG_VER" main start >"$TMP/pg.log" 2>&1 9>&- || {
    cat "$TMP/pg.log" >&2
    die "pg_ctlcluster $PG_VER main start failed" "$PG_LOG"
  }
  pg_started=1
fi
wait_for 30 pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL not ready on 127.0.0.1:$PG_PORT" "$PG_LOG"
(cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres) >"$TMP/pgsql.log" 2>&1 <<EOF || die "creating role/database failed" "$TMP/pgsql.log"
SET password_encryption = 'scram-sha-256';
SELECT 'CREATE ROLE $PG_USER LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') \gexec
ALTER ROLE $PG_USER WITH LOGIN CREATEDB PASSWORD '$PG_PASS';
-- the tests drop their databases WITH (FORCE), which needs the right to end the other sessions on it:
-- an autovacuum worker that just started there belongs to no role, and without pg_signal_backend the
-- drop fails ("must be a member of the role whose process is being terminated"; seen in CI)
GRANT pg_signal_backend TO $PG_USER;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_DB') \gexec
ALTER DATABASE $PG_DB OWNER TO $PG_USER;
EOF
PG_URL="postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/$PG_DB"
scram=$(cd / && runuser -u postgres -- psql -X -A -t -q -d postgres \
  -c "select rolpassword like 'SCRAM-SHA-256\$%' from pg_authid where rolname = '$PG_USER'")
[[ $scram == t ]] || die "role $PG_USER has no scram-sha-256 password"
pg_who=$(PGCONNECT_TIMEOUT=10 psql -X -A -t -q "$PG_URL" -c 'select current_user' 2>"$TMP/psql.log") ||
  die "psql $PG_USER@127.0.0.1:$PG_PORT/$PG_DB with password failed" "$TMP/psql.log"
[[ $pg_who == "$PG_USER" ]] || die "psql connected as '$pg_who', expected $PG_USER"
if PGPASSWORD=wrong-password PGCONNECT_TIMEOUT=5 psql -X -A -t -q "postgresql://$PG_USER@127.0.0.1:$PG_PORT/$PG_DB" \
  -c 'select 1' >/dev/null 2>&1; then
  die "PostgreSQL accepted a wrong password over TCP (check $HBA)"
fi
PG_DATA=$(awk '{print $6}' <<<"$PG_CLUSTER_LINE")
PG_PID=$(head -n1 "${PG_DATA:-/var/lib/postgresql/$PG_VER/main}/postmaster.pid" 2>/dev/null || echo '?')
ok "postgres $PG_VER 127.0.0.1:$PG_PORT db $PG_DB user $PG_USER (pid $PG_PID$( ((pg_started)) && echo ", started"))"

for c in pg_dump pg_restore psql; do
  "$c" --version >/dev/null 2>&1 || die "'$c --version' failed"
done
# (not running "alembic --version": it takes ~1.5s to import SQLAlchemy)
head -n1 "$(command -v alembic)" | grep -q python3 || die "$(command -v alembic) does not look like the alembic CLI"
ok "tools: $(pg_dump --version | awk '{print $1" "$3}'), pg_restore, psql, $(command -v alembic) $(dpkg-query -W -f='${Version}' python3-alembic)"

# ---------------------------------------------------------------------------------------
# 8. env.json
# ---------------------------------------------------------------------------------------
ENV_JSON=$STATE/env.json
# Tests start extra sshd instances through this script: keep a copy in the state dir, so env.json
# never points into a checkout that may be deleted (CI clones, worktrees).
install -D -m 755 "$SCRIPT_DIR/sshd-instance.sh" "$STATE/bin/sshd-instance.sh"
INSTANCE_SCRIPT=$STATE/bin/sshd-instance.sh
export STATE SSH_PORT SSH_USER SSH_HOME CLIENT_KEY HOST_FP HOST_PUB INSTANCE_SCRIPT DOCKER_SOCK \
  BUILDX_VERSION COMPOSE_VERSION BUSYBOX_IMAGE SWARM_NODE_ID REG_ADDR REG_USER REG_PASS REG_HTPASSWD REG_CONFIG \
  REG_PIDFILE PG_PORT PG_USER PG_PASS PG_DB PG_URL PG_VER
"$PY" - "$ENV_JSON.tmp" <<'EOF'
import json, os, sys
e = os.environ
doc = {
    "stateDir": e["STATE"],
    "ssh": {
        "host": "127.0.0.1",
        "port": int(e["SSH_PORT"]),
        "user": e["SSH_USER"],
        "privateKeyPath": e["CLIENT_KEY"],
        "publicKeyPath": e["CLIENT_KEY"] + ".pub",
        "hostKeyFingerprint": e["HOST_FP"],
        "hostPublicKey": e["HOST_PUB"],
        "knownHosts": "[127.0.0.1]:%s %s" % (e["SSH_PORT"], e["HOST_PUB"]),
        "instanceScript": e["INSTANCE_SCRIPT"],
        "home": e["SSH_HOME"],
    },
    "docker": {
        "socket": e["DOCKER_SOCK"],
        "buildx": e["BUILDX_VERSION"],
        "compose": e["COMPOSE_VERSION"],
        "busyboxImage": e["BUSYBOX_IMAGE"],
        "swarm": {"nodeId": e["SWARM_NODE_ID"], "advertiseAddr": "127.0.0.1", "network": "host"},
    },
    "registry": {
        "host": e["REG_ADDR"],
        "url": "http://" + e["REG_ADDR"],
        "username": e["REG_USER"],
        "password": e["REG_PASS"],
        "htpasswdPath": e["REG_HTPASSWD"],
        "configPath": e["REG_CONFIG"],
        "pidFile": e["REG_PIDFILE"],
    },
    "postgres": {
        "host": "127.0.0.1",
        "port": int(e["PG_PORT"]),
        "user": e["PG_USER"],
        "password": e["PG_PASS"],
        "database": e["PG_DB"],
        "url": e["PG_URL"],
        "version": e["PG_VER"],
    },
}
with open(sys.argv[1], "w") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
EOF
chmod 644 "$ENV_JSON.tmp"
mv -f "$ENV_JSON.tmp" "$ENV_JSON"
ok "env.json: $ENV_JSON"

# The Node the actions run on (action.yml runs.using: node24), beside the system's node.
bash "$SCRIPT_DIR/node24.sh" | sed -n 1p
ok "node24: $SCRIPT_DIR/../.tools/node24/bin/node"

elapsed=$(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')
echo "env up in ${elapsed}s"
