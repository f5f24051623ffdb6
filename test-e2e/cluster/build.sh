#!/usr/bin/env bash
# Builds the local control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kwok) from the Go module proxy into a cache outside the repo,
# keyed by version. A second run with the same versions does nothing.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
# 1.34.4: the newest 1.34 patch whose every staging module the Go module proxy serves here
# (v0.34.8 of k8s.io/cri-api and k8s.io/externaljwt answer 403 "not available").
ETCD_VERSION="${ETCD_VERSION:-3.6.10}"
KWOK_VERSION="${KWOK_VERSION:-0.8.0}"
CACHE_ROOT="${KUBETRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubetrack}"
BIN="$CACHE_ROOT/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
WORK="$CACHE_ROOT/build"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
log() { echo "[cluster:build] $*" >&2; }

if [[ "${1:-}" == "--print-bin" ]]; then echo "$BIN"; exit 0; fi

have() { [[ -x "$BIN/$1" ]]; }
mkdir -p "$BIN" "$WORK"

build_k8s() {
  local dir="$WORK/k8s-$K8S_VERSION" stg="v0.${K8S_VERSION#1.}" minor
  minor="$(cut -d. -f2 <<<"$K8S_VERSION")"
  mkdir -p "$dir"; cd "$dir"
  if [[ ! -f go.mod ]]; then
    go mod init local.test/k8s-build >/dev/null 2>&1
    local gomod
    gomod="$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')"
    for m in $(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9._-]*\) => \./staging/.*#\1#p' "$gomod"); do
      go mod edit -replace="$m=$m@$stg"
    done
    go mod edit -require="k8s.io/kubernetes@v$K8S_VERSION" -go=1.24.0 -godebug=default=go1.24
    printf '//go:build tools\n\npackage tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver"\n\t_ "k8s.io/kubernetes/cmd/kube-controller-manager"\n\t_ "k8s.io/kubernetes/cmd/kube-scheduler"\n)\n' > tools.go
    go mod tidy
  fi
  local ld="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=2026-01-01T00:00:00Z"
  done
  for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
    have "$cmd" && continue
    log "building $cmd v$K8S_VERSION"
    go build -trimpath -tags=selinux,notest,grpcnotrace -ldflags="$ld" -o "$BIN/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd"
    mv "$BIN/$cmd.tmp" "$BIN/$cmd"
  done
}

build_etcd() {
  have etcd && return
  local dir="$WORK/etcd-$ETCD_VERSION"
  mkdir -p "$dir"; cd "$dir"
  if [[ ! -f go.mod ]]; then
    printf 'module local.test/etcd-build\n\ngo 1.25.0\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD_VERSION" > go.mod
    printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' > tools.go
    go mod tidy
  fi
  log "building etcd v$ETCD_VERSION"
  go build -trimpath -ldflags="-s -w" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3
  mv "$BIN/etcd.tmp" "$BIN/etcd"
}

build_kwok() {
  have kwok && return
  log "building kwok v$KWOK_VERSION"
  GOBIN="$WORK/kwok-gobin" go install -trimpath -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
  mv "$WORK/kwok-gobin/kwok" "$BIN/kwok"
}

# stages shipped with kwok are copied beside the binaries so cluster:up needs no Go at run time
copy_kwok_stages() {
  [[ -d "$BIN/kwok-stages" ]] && return
  local src
  src="$(go mod download -json "sigs.k8s.io/kwok@v$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')"
  mkdir -p "$BIN/kwok-stages.tmp"
  cp -r "$src/kustomize/stage/." "$BIN/kwok-stages.tmp/"
  chmod -R u+w "$BIN/kwok-stages.tmp"
  mv "$BIN/kwok-stages.tmp" "$BIN/kwok-stages"
}

start=$(date +%s)
build_etcd
build_kwok
copy_kwok_stages
build_k8s
log "binaries ready in $BIN ($(( $(date +%s) - start ))s)"
echo "$BIN"
