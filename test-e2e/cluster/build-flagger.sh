#!/usr/bin/env bash
# Builds Flagger's controller (cmd/flagger) from the Go module proxy into a cache outside the
# repo, keyed by version, for the Canary e2e tests. A second run with the same version does nothing.
set -euo pipefail

# v1.44.0: the newest release the Go module proxy serves here (v1.45.0 and v1.44.1 answer 403);
# its go.mod has no replace directives, so a plain `go install` builds it.
FLAGGER_VERSION="${FLAGGER_VERSION:-1.44.0}"
CACHE_ROOT="${KUBETRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubetrack}"
BIN="$CACHE_ROOT/bin/flagger-$FLAGGER_VERSION"
WORK="$CACHE_ROOT/build"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
log() { echo "[cluster:build-flagger] $*" >&2; }

if [[ "${1:-}" == "--print-bin" ]]; then echo "$BIN"; exit 0; fi

mkdir -p "$BIN" "$WORK"
if [[ ! -x "$BIN/flagger" ]]; then
  start=$(date +%s)
  log "building flagger v$FLAGGER_VERSION"
  GOBIN="$WORK/flagger-gobin" go install -trimpath -ldflags="-s -w" "github.com/fluxcd/flagger/cmd/flagger@v$FLAGGER_VERSION"
  mv "$WORK/flagger-gobin/flagger" "$BIN/flagger"
  log "built in $(( $(date +%s) - start ))s"
fi
# The CRDs of exactly this version, so tests install what the controller expects.
if [[ ! -f "$BIN/crd.yaml" ]]; then
  src="$(go mod download -json "github.com/fluxcd/flagger@v$FLAGGER_VERSION" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')"
  cp "$src/kustomize/base/flagger/crd.yaml" "$BIN/crd.yaml.tmp"
  chmod u+w "$BIN/crd.yaml.tmp"
  mv "$BIN/crd.yaml.tmp" "$BIN/crd.yaml"
fi
echo "$BIN"
