#!/usr/bin/env bash
# Builds the peer we measure against, kubedog v0.13.0 (its last release), from the Go module
# proxy into the cache outside the repo. Prints the binary path.
set -euo pipefail
KUBEDOG_VERSION="${KUBEDOG_VERSION:-0.13.0}"
CACHE_ROOT="${KUBETRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubetrack}"
BIN="$CACHE_ROOT/bin/kubedog-$KUBEDOG_VERSION"
if [[ ! -x "$BIN/kubedog" ]]; then
  echo "[bench] building kubedog v$KUBEDOG_VERSION" >&2
  mkdir -p "$BIN"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$BIN" GOFLAGS=-buildvcs=false \
    go install -ldflags "-s -w -X github.com/werf/kubedog.Version=v$KUBEDOG_VERSION" \
    "github.com/werf/kubedog/cmd/kubedog@v$KUBEDOG_VERSION" >&2
fi
echo "$BIN/kubedog"
