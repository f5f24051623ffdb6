#!/usr/bin/env bash
# Starts the local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kwok as the fake kubelet, and the pod-logs server) on 127.0.0.1, building what is missing.
# Idempotent: a healthy cluster is left alone; while etcd (which holds all state) works, any other
# stopped component is restarted on the existing state; without a working etcd it starts afresh.
# Progress goes to stderr; the last stdout line is `export KUBECONFIG=<path>`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
cluster_lock

start_ms=$(( $(date +%s%N) / 1000000 ))
elapsed() { local ms=$(( $(date +%s%N) / 1000000 - start_ms )); printf '%d.%ds' $(( ms / 1000 )) $(( ms % 1000 / 100 )); }
print_export() { echo "export KUBECONFIG=$CLUSTER_KUBECONFIG"; }

api_ready() { cluster_curl -f "https://127.0.0.1:$PORT_APISERVER/readyz" >/dev/null 2>&1; }
healthz() { curl -fsk --max-time 2 "$1" >/dev/null 2>&1; }

ready_node_count() {
  cluster_curl "https://127.0.0.1:$PORT_APISERVER/api/v1/nodes?labelSelector=kubetrack.test%2Fnode%3Dtrue" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const l=JSON.parse(s);
      console.log(l.items.filter(n=>n.status?.conditions?.some(c=>c.type==="Ready"&&c.status==="True")).length)}catch{console.log(0)}})'
}
three_nodes_ready() { [[ "$(ready_node_count)" == 3 ]]; }

cluster_healthy() {
  local c
  for c in "${CLUSTER_COMPONENTS[@]}"; do cluster_pid "$c" >/dev/null || return 1; done
  api_ready && three_nodes_ready
}

if cluster_healthy; then
  cluster_log "already running and healthy"
  print_export
  exit 0
fi

if cluster_pid etcd >/dev/null && curl -fs --max-time 2 "http://127.0.0.1:$PORT_ETCD/health" >/dev/null 2>&1; then
  cluster_log "etcd is up: starting what else is missing on the existing state"
else
  if [[ -d "$CLUSTER_PIDS" ]]; then
    cluster_log "found a cluster without a working etcd: stopping it and starting afresh"
    bash "$CLUSTER_DIR/down.sh"
  fi
  # a fresh cluster starts fresh logs; the previous run's stay in logs.previous
  if [[ -d "$CLUSTER_LOGS" ]]; then rm -rf "$CLUSTER_LOGS.previous" && mv "$CLUSTER_LOGS" "$CLUSTER_LOGS.previous"; fi
fi

BIN="$(bash "$CLUSTER_DIR/build.sh" | tail -n 1)"
[[ -x "$BIN/kube-apiserver" ]] || cluster_fail "build did not produce binaries in $BIN"

if [[ ! -d "$REPO_ROOT/test-e2e/node_modules/@kubernetes/client-node" ]]; then
  cluster_log "installing npm dependencies (pnpm install)"
  (cd "$REPO_ROOT" && pnpm install --frozen-lockfile >&2)
fi

mkdir -p "$CLUSTER_RUN" "$CLUSTER_LOGS" "$CLUSTER_PIDS"
bash "$CLUSTER_DIR/pki.sh" "$CLUSTER_PKI"
P="$CLUSTER_PKI"

cat > "$CLUSTER_KUBECONFIG" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: kubetrack-e2e
  cluster:
    server: https://127.0.0.1:$PORT_APISERVER
    certificate-authority: $P/ca.crt
users:
- name: kubetrack-admin
  user:
    client-certificate: $P/admin.crt
    client-key: $P/admin.key
contexts:
- name: kubetrack-e2e
  context: {cluster: kubetrack-e2e, user: kubetrack-admin}
current-context: kubetrack-e2e
KUBECONFIG

# one clear line when a port belongs to something else
require_free_port() {
  local name="$1" port="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    cluster_fail "port $port ($name) on 127.0.0.1 is already in use by another process; free it or set KUBETRACK_CLUSTER_PORT_OFFSET=1000"
  fi
}

# starts a component unless it runs; setsid + nohup let it outlive this script and its caller,
# and 9>&- keeps it from holding the cluster lock
start_component() {
  local name="$1" port="$2"; shift 2
  cluster_pid "$name" >/dev/null && return 0
  require_free_port "$name" "$port"
  cluster_log "starting $name"
  echo "--- $(date -u +%FT%TZ) cluster:up starts $name" >>"$CLUSTER_LOGS/$name.log"
  setsid nohup "$@" >>"$CLUSTER_LOGS/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$CLUSTER_PIDS/$name.pid"
}

wait_until() {
  local what="$1" timeout="$2" component="$3"; shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@"; do
    if ! cluster_pid "$component" >/dev/null; then
      tail -n 20 "$CLUSTER_LOGS/$component.log" >&2 || true
      cluster_fail "$component exited while waiting for $what; see $CLUSTER_LOGS/$component.log"
    fi
    if (( $(date +%s) > deadline )); then
      tail -n 20 "$CLUSTER_LOGS/$component.log" >&2 || true
      cluster_fail "timed out after ${timeout}s waiting for $what; see $CLUSTER_LOGS/$component.log"
    fi
    sleep 0.2
  done
  cluster_log "$what ($(elapsed))"
}

if ! cluster_pid etcd >/dev/null; then require_free_port etcd-peer "$PORT_ETCD_PEER"; fi
start_component etcd "$PORT_ETCD" "$BIN/etcd" --name=kubetrack --data-dir="$CLUSTER_RUN/etcd" \
  --listen-client-urls="http://127.0.0.1:$PORT_ETCD" --advertise-client-urls="http://127.0.0.1:$PORT_ETCD" \
  --listen-peer-urls="http://127.0.0.1:$PORT_ETCD_PEER" --initial-advertise-peer-urls="http://127.0.0.1:$PORT_ETCD_PEER" \
  --initial-cluster="kubetrack=http://127.0.0.1:$PORT_ETCD_PEER" --listen-metrics-urls="" \
  --auto-compaction-retention=1 --quota-backend-bytes=8589934592 --unsafe-no-fsync=true --log-level=warn
wait_until "etcd healthy" 30 etcd healthz "http://127.0.0.1:$PORT_ETCD/health"

# KUBETRACK_APISERVER_WATCH_CACHE_SIZES (unset by default): --watch-cache-sizes for an API server
# started now, e.g. "pods#0" serves pods' watches from etcd, where a compaction gives 410 Gone.
watch_cache_flag=()
if [[ -n "${KUBETRACK_APISERVER_WATCH_CACHE_SIZES:-}" ]]; then watch_cache_flag=("--watch-cache-sizes=$KUBETRACK_APISERVER_WATCH_CACHE_SIZES"); fi

# --endpoint-reconciler-type=none: a loopback advertise address is not valid for the `kubernetes` Endpoints.
# --kubelet-preferred-address-types=InternalIP: pods/log goes to the node's InternalIP (127.0.0.1).
start_component kube-apiserver "$PORT_APISERVER" "$BIN/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$PORT_ETCD" --etcd-prefix=/registry \
  --bind-address=127.0.0.1 --secure-port="$PORT_APISERVER" \
  --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
  --tls-cert-file="$P/admin.crt" --tls-private-key-file="$P/admin.key" --client-ca-file="$P/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 --authorization-mode=Node,RBAC --allow-privileged=true \
  --kubelet-preferred-address-types=InternalIP \
  --kubelet-client-certificate="$P/admin.crt" --kubelet-client-key="$P/admin.key" \
  --proxy-client-cert-file="$P/admin.crt" --proxy-client-key-file="$P/admin.key" "${watch_cache_flag[@]}"
wait_until "kube-apiserver ready" 90 kube-apiserver api_ready

start_component kube-controller-manager "$PORT_CONTROLLER_MANAGER" "$BIN/kube-controller-manager" \
  --kubeconfig="$CLUSTER_KUBECONFIG" --bind-address=127.0.0.1 --secure-port="$PORT_CONTROLLER_MANAGER" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --root-ca-file="$P/ca.crt" --service-account-private-key-file="$P/sa.key" \
  --leader-elect=false --kube-api-qps=500 --kube-api-burst=1000
start_component kube-scheduler "$PORT_SCHEDULER" "$BIN/kube-scheduler" \
  --kubeconfig="$CLUSTER_KUBECONFIG" --bind-address=127.0.0.1 --secure-port="$PORT_SCHEDULER" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --leader-elect=false --kube-api-qps=500 --kube-api-burst=1000

start_component pod-logs "$PORT_KUBELET_LOGS" node --disable-warning=ExperimentalWarning "$CLUSTER_DIR/pod-logs/main.ts" \
  --kubeconfig="$CLUSTER_KUBECONFIG" --listen="127.0.0.1:$PORT_KUBELET_LOGS" --dir="$CLUSTER_RUN/pod-logs" \
  --tls-cert="$P/admin.crt" --tls-key="$P/admin.key" \
  --host-run-program="$REPO_ROOT/apps/helm-hook/dist/helm-hook.mjs" --apiserver="127.0.0.1:$PORT_APISERVER" --ca="$P/ca.crt"

if ! cluster_pid kwok >/dev/null; then
  node --disable-warning=ExperimentalWarning "$CLUSTER_DIR/kwok/render-kwok-config.ts" >"$CLUSTER_RUN/kwok.yaml"
  mkdir -p "$CLUSTER_RUN/kwok"
fi
# --node-port is what kwok writes into each Node's kubeletEndpoint: the pod-logs server, which
# answers the API server's /containerLogs requests; kwok's own server (--server-address) is unused.
KWOK_WORKDIR="$CLUSTER_RUN/kwok" start_component kwok "$PORT_KWOK" "$BIN/kwok" --kubeconfig="$CLUSTER_KUBECONFIG" \
  --config="$CLUSTER_RUN/kwok.yaml" --manage-all-nodes=true \
  --node-ip=127.0.0.1 --node-port="$PORT_KUBELET_LOGS" --server-address="127.0.0.1:$PORT_KWOK" \
  --tls-cert-file="$P/admin.crt" --tls-private-key-file="$P/admin.key" \
  --node-lease-duration-seconds=40 --cidr=10.244.0.0/16

wait_until "kube-controller-manager healthy" 60 kube-controller-manager healthz "https://127.0.0.1:$PORT_CONTROLLER_MANAGER/healthz"
wait_until "kube-scheduler healthy" 60 kube-scheduler healthz "https://127.0.0.1:$PORT_SCHEDULER/healthz"
wait_until "pod-logs server healthy" 30 pod-logs healthz "https://127.0.0.1:$PORT_KUBELET_LOGS/healthz"
wait_until "kwok healthy" 30 kwok healthz "https://127.0.0.1:$PORT_KWOK/healthz"

for i in 0 1 2; do
  code="$(sed "s/NODE_NAME/kwok-node-$i/g" "$CLUSTER_DIR/kwok/node.json" |
    cluster_curl -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @- \
      "https://127.0.0.1:$PORT_APISERVER/api/v1/nodes")" || true
  [[ "$code" == 201 || "$code" == 409 ]] || cluster_fail "could not create node kwok-node-$i (HTTP $code)"
done
wait_until "3 nodes Ready" 60 kwok three_nodes_ready

default_sa_exists() { cluster_curl -f "https://127.0.0.1:$PORT_APISERVER/api/v1/namespaces/default/serviceaccounts/default" >/dev/null 2>&1; }
wait_until "default ServiceAccount created" 60 kube-controller-manager default_sa_exists

cluster_log "cluster is up in $(elapsed); component logs in $CLUSTER_LOGS"
print_export
