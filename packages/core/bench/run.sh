#!/usr/bin/env bash
# Bundles the watch bench from source (esbuild, the @kubetrack/source condition) and runs it with plain node.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Inside node_modules so the bundle resolves core's external dependencies.
out="$here/../node_modules/.cache/kubetrack-bench/watch-bench.mjs"
"$here/../../../node_modules/.bin/esbuild" "$here/watch-bench.ts" --bundle --platform=node --format=esm \
  --conditions=@kubetrack/source --packages=external --outfile="$out" --log-level=warning
cd "$here/.." && node --expose-gc "$out" "$@"
