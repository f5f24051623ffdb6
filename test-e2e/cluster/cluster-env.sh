# Shared settings of the local control plane, sourced by up.sh and down.sh.
# Everything the cluster writes lives under $CLUSTER_RUN, outside the repo.
CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLUSTER_DIR/../.." && pwd)"
# shellcheck source=../../scripts/env.sh
source "$REPO_ROOT/scripts/env.sh"

# Fixed ports below the Linux ephemeral range (32768+), so outgoing connections never take them.
# KUBETRACK_CLUSTER_PORT_OFFSET shifts them all (and the run dir), to run a second cluster beside this one.
_offset="${KUBETRACK_CLUSTER_PORT_OFFSET:-0}"
if [[ "$_offset" == 0 ]]; then _run_default="$KUBETRACK_CACHE/cluster"; else _run_default="$KUBETRACK_CACHE/cluster-$_offset"; fi
CLUSTER_RUN="${KUBETRACK_CLUSTER_RUN:-$_run_default}"
CLUSTER_PKI="$CLUSTER_RUN/pki"
CLUSTER_LOGS="$CLUSTER_RUN/logs"
CLUSTER_PIDS="$CLUSTER_RUN/pids"
CLUSTER_KUBECONFIG="$CLUSTER_RUN/kubeconfig"

PORT_ETCD=$((26379 + _offset))
PORT_ETCD_PEER=$((26380 + _offset))
PORT_APISERVER=$((26443 + _offset))
PORT_CONTROLLER_MANAGER=$((26257 + _offset))
PORT_SCHEDULER=$((26259 + _offset))
PORT_KWOK=$((26250 + _offset))
PORT_KUBELET_LOGS=$((26251 + _offset))

# start order; down.sh stops them in reverse
CLUSTER_COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler pod-logs kwok)

cluster_log() { echo "[cluster] $*" >&2; }
cluster_fail() { echo "cluster: $*" >&2; exit 1; }

# the pid of a component, if it is still running; every component's command line names a path
# in $CLUSTER_RUN, which guards against a recycled pid that now belongs to something else
cluster_pid() {
  local file="$CLUSTER_PIDS/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$CLUSTER_RUN" || return 1
  echo "$pid"
}

# curl against the API server with the admin client certificate
cluster_curl() {
  curl -sS --max-time 10 --cacert "$CLUSTER_PKI/ca.crt" --cert "$CLUSTER_PKI/admin.crt" --key "$CLUSTER_PKI/admin.key" "$@"
}

# Serializes cluster:up/down, e.g. two test runs starting at once. The lock is released when the
# script exits; components must not inherit fd 9 (start them with 9>&-) or they would hold it.
cluster_lock() {
  [[ -n "${KUBETRACK_CLUSTER_LOCKED:-}" ]] && return 0
  mkdir -p "$(dirname "$CLUSTER_RUN")"
  exec 9>"$CLUSTER_RUN.lock"
  flock -w 900 9 || cluster_fail "timed out waiting for another cluster:up/down to finish"
  export KUBETRACK_CLUSTER_LOCKED=1
}
