#!/usr/bin/env bash
# Builds kubetrack as one executable for linux-x64 (Node's single executable applications): the
# CLI bundled as CommonJS, injected into a copy of the project's pinned Node binary.
# Output: apps/cli/dist-sea/kubetrack (runs with no Node installed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

out=apps/cli/dist-sea
(cd apps/cli && pnpm exec tsup --config tsup.sea.ts --silent)
cat > "$out/sea-config.json" <<JSON
{ "main": "kubetrack-sea.cjs", "output": "sea-prep.blob", "disableExperimentalSEAWarning": true, "useCodeCache": true }
JSON
(cd "$out" && node --experimental-sea-config sea-config.json >/dev/null 2>&1) || { echo "build-sea: node could not write the SEA blob" >&2; exit 1; }
cp "$(command -v node)" "$out/kubetrack.tmp"
chmod u+w "$out/kubetrack.tmp"
# The fuse is Node's documented sentinel; postject flips it so the binary runs the blob.
pnpm exec postject "$out/kubetrack.tmp" NODE_SEA_BLOB "$out/sea-prep.blob" \
  --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 >/dev/null 2>&1
mv "$out/kubetrack.tmp" "$out/kubetrack"
rm -f "$out/sea-prep.blob" "$out/sea-config.json"
echo "$out/kubetrack"
