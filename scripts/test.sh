#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the pinned Node and pnpm, the dependencies,
# builds the packages and the CLI bundle, builds/starts the local control plane (cached
# outside the repo; the e2e global setup runs cluster:up), then runs the unit and end-to-end
# suites, and last the tests that restart parts of the cluster, alone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# In CI nothing may outlive the run: the e2e setup starts the local cluster, so stop it at the end.
# (On a developer's machine it stays up for the next run; `pnpm cluster:down` stops it.)
if [[ "${CI:-}" == "true" ]]; then
  trap 'bash test-e2e/cluster/down.sh >/dev/null 2>&1 || true' EXIT
fi

bash scripts/install-system-packages.sh
pnpm install --frozen-lockfile
pnpm typecheck
pnpm build
# Biome, knip (dead code, unused exports and dependencies), then publint and attw on every package
pnpm lint
pnpm build:sea >/dev/null
# Flagger's controller for the Canary e2e tests (cached by version, like the control plane)
bash test-e2e/cluster/build-flagger.sh >/dev/null
# the real helm CLI for the Helm e2e tests (cached by version; the first build takes a few minutes)
bash test-e2e/cluster/build-helm.sh >/dev/null

mkdir -p .tmp
rm -f .tmp/vitest-*.json
status=0
pnpm vitest run --project unit --project e2e \
  --reporter=default --reporter=json --outputFile.json=.tmp/vitest-main.json || status=$?
pnpm vitest run --project e2e-outage \
  --reporter=default --reporter=json --outputFile.json=.tmp/vitest-outage.json || status=$?

# One plain closing line for CI, whatever the reporters printed above.
node -e '
  const fs = require("fs");
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const file of [".tmp/vitest-main.json", ".tmp/vitest-outage.json"]) {
    if (!fs.existsSync(file)) { total.failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    total.passed += r.numPassedTests;
    // A run that failed outside any test (a config error, an unhandled error) counts as one failure.
    total.failed += r.numFailedTests || (r.success === false ? 1 : 0);
    total.skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
' || true
exit "$status"
