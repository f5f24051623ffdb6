#!/usr/bin/env bash
# The main job, end to end on a fresh machine: install, build, start the local control plane,
# apply two sample rollouts and track them with kubetrack as a CI pipeline would:
# a healthy one (a Deployment and a Job: exit 0) and a broken one (an image that does not
# exist: exit 1, code invalid-config, with the pod, container and event that explain it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

pnpm install --frozen-lockfile
pnpm build
eval "$(bash test-e2e/cluster/up.sh | tail -n 1)"
kubetrack() { node apps/cli/dist/kubetrack.mjs "$@"; }

run() { # run NAME FILE EXPECTED_EXIT
  local namespace="kubetrack-demo-$1-$(date +%s)" status=0
  node test-e2e/scripts/apply.mjs --namespace "$namespace" "$2"
  echo "+ kubetrack track -f $2 -n $namespace --timeout 2m" >&2
  kubetrack track -f "$2" -n "$namespace" --timeout 2m || status=$?
  node test-e2e/scripts/apply.mjs --delete-namespace "$namespace" || true
  echo "kubetrack exited with $status (expected $3)" >&2
  [[ "$status" == "$3" ]]
}

run healthy test-e2e/samples/demo.yaml 0
run broken test-e2e/samples/demo-broken.yaml 1
echo "demo: both verdicts as expected" >&2
