#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the pinned Node and pnpm, the dependencies,
# builds the packages and the CLI bundle, builds/starts the local control plane (cached
# outside the repo), then runs the unit and end-to-end suites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

pnpm install --frozen-lockfile
pnpm typecheck
pnpm build

mkdir -p .tmp
status=0
pnpm vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json "$@" || status=$?
# One plain closing line for CI, whatever the reporter printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-report.json", "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit "$status"
