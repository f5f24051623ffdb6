#!/usr/bin/env bash
# The GitHub Action's one step: installs kubetrack from npm into the runner's temp folder and runs
# it. GITHUB_ACTIONS=true (set by the runner) turns on error annotations and the step summary.
set -uo pipefail
prefix="${RUNNER_TEMP:-$(mktemp -d)}/kubetrack-action"
# A version or dist-tag names the npm package; anything else (a tarball path or URL) is installed as given.
spec="${INPUT_VERSION:?}"
[[ "$spec" =~ ^[0-9A-Za-z][0-9A-Za-z.+-]*$ ]] && spec="kubetrack@$spec"
mkdir -p "$prefix"
if ! npm install --no-audit --no-fund --prefix "$prefix" "$spec" >"$prefix.install.log" 2>&1; then
  echo "::error title=kubetrack::could not install kubetrack ${INPUT_VERSION} from npm (log: $prefix.install.log)"
  exit 2
fi
# Words as a shell would group them by quotes, without expanding anything ($, backticks, globs).
mapfile -t args < <(printf '%s' "${INPUT_ARGS:?}" | xargs -n1 printf '%s\n') || {
  echo "::error title=kubetrack::args has an unmatched quote: ${INPUT_ARGS}"
  exit 2
}
report="${RUNNER_TEMP:-$prefix}/kubetrack-report.json"
"$prefix/node_modules/.bin/kubetrack" "${args[@]}" --report "$report"
code=$?
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  { echo "exit-code=$code"; echo "report=$report"; } >>"$GITHUB_OUTPUT"
fi
exit "$code"
