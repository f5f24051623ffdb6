#!/usr/bin/env bash
# Stops one component of the running cluster, e.g. to test how clients live through an API server
# restart: `stop-component.sh kube-apiserver`, then `up.sh` starts it again on the same state.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
name="${1:-}"
[[ " ${CLUSTER_COMPONENTS[*]} " == *" $name "* ]] || cluster_fail "usage: stop-component.sh $(IFS="|"; echo "${CLUSTER_COMPONENTS[*]}")"
cluster_lock
if pid="$(cluster_pid "$name")"; then
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$pid" 2>/dev/null || true
  cluster_log "stopped $name (pid $pid)"
fi
rm -f "$CLUSTER_PIDS/$name.pid"
