#!/usr/bin/env bash
# Stops every component that up.sh started (by the pids it recorded) and removes the cluster's state.
# The PKI is kept, so a later kubeconfig stays valid; delete $KUBETRACK_CACHE/cluster to drop it too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
cluster_lock

for ((i = ${#CLUSTER_COMPONENTS[@]} - 1; i >= 0; i--)); do
  name="${CLUSTER_COMPONENTS[$i]}"
  if pid="$(cluster_pid "$name")"; then
    cluster_log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$CLUSTER_PIDS/$name.pid"
done
rm -rf "$CLUSTER_RUN/etcd" "$CLUSTER_RUN/pod-logs" "$CLUSTER_RUN/kwok" "$CLUSTER_PIDS" "$CLUSTER_RUN/kwok.yaml"
cluster_log "stopped; state removed (logs of the last run stay in $CLUSTER_LOGS)"
