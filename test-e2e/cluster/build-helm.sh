#!/usr/bin/env bash
# Builds the real `helm` CLI (Helm 4, and Helm 3 for the record-format check) from the Go
# module proxy into the cache outside the repo, keyed by version. A second run does nothing.
# Usage: build-helm.sh [--print-bin 3|4]
set -euo pipefail

HELM4_VERSION="${HELM4_VERSION:-4.3.2}"
HELM3_VERSION="${HELM3_VERSION:-3.22.0}"
CACHE_ROOT="${KUBETRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubetrack}"
WORK="$CACHE_ROOT/build"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
log() { echo "[cluster:build-helm] $*" >&2; }

bin_dir() { echo "$CACHE_ROOT/bin/helm-$1"; }

if [[ "${1:-}" == "--print-bin" ]]; then
  case "${2:-4}" in 3) bin_dir "$HELM3_VERSION" ;; *) bin_dir "$HELM4_VERSION" ;; esac
  exit 0
fi

# major version, module version
build_helm() {
  local major="$1" version="$2" out
  out="$(bin_dir "$version")"
  [[ -x "$out/helm" ]] && return
  log "building helm v$version (helm.sh/helm/v$major)"
  mkdir -p "$out" "$WORK"
  GOBIN="$WORK/helm-$version-gobin" go install -trimpath \
    -ldflags="-s -w -X helm.sh/helm/v$major/internal/version.version=v$version" \
    "helm.sh/helm/v$major/cmd/helm@v$version"
  mv "$WORK/helm-$version-gobin/helm" "$out/helm"
}

# one build at a time (scripts/test.sh and the e2e harness may both ask)
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/build-helm.lock"
flock 9

start=$(date +%s)
build_helm 4 "$HELM4_VERSION"
if [[ "${KUBETRACK_SKIP_HELM3:-}" != "1" ]]; then build_helm 3 "$HELM3_VERSION"; fi
log "helm ready in $(bin_dir "$HELM4_VERSION") ($(( $(date +%s) - start ))s)"
bin_dir "$HELM4_VERSION"
